// Serves the built renderer. Unknown paths without an extension get index.html (client routes);
// nothing outside the build folder is reachable.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentType } from '../app/content-types';
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

async function fileIfExists(file: string): Promise<Buffer | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? await readFile(file) : null;
  } catch {
    return null;
  }
}

export async function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const resolved = path.resolve(root, '.' + path.posix.normalize(urlPath));
  if (resolved !== root && !resolved.startsWith(root + path.sep)) {
    res.writeHead(403, SECURITY_HEADERS).end();
    return;
  }
  let file = resolved;
  let body = await fileIfExists(file);
  if (!body && path.extname(urlPath) === '') {
    file = path.join(root, 'index.html');
    body = await fileIfExists(file);
  }
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('not found');
    return;
  }
  const type = contentType(path.extname(file));
  const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache, ...SECURITY_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : body);
}
