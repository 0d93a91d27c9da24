// Serves the built renderer. Unknown paths without an extension get index.html (client routes);
// nothing outside the build folder is reachable, and no symlink is followed (app/file-inside.ts).
import path from 'node:path';
import { contentType } from '../app/content-types';
import { fileInside } from '../app/file-inside';
import type http from 'node:http';


export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), payment=()',
};

/** `page`: what an address without an extension gets (Loket's index.html; Loket Pusat's pusat.html). */
export async function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, page = '/index.html'): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
  let found = await fileInside(root, urlPath);
  if (!found.ok && found.why === 'bad_path') {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('bad path');
    return;
  }
  if (!found.ok && found.why === 'outside') {
    res.writeHead(403, SECURITY_HEADERS).end();
    return;
  }
  if (path.extname(urlPath) === '' && (urlPath === '/' || !found.ok)) found = await fileInside(root, page);
  if (!found.ok) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('not found');
    return;
  }
  const type = contentType(path.extname(found.file));
  const cache = urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache, ...SECURITY_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}
