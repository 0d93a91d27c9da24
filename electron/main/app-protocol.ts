// Serves the built renderer as loket://app/… (a privileged, standard, secure scheme): a real
// origin for the CSP and the IPC sender check, unlike file://. Symlinks are refused (app/file-inside.ts).
import path from 'node:path';
import { contentType } from '../app/content-types';
import { fileInside } from '../app/file-inside';


export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== 'app') return new Response('not found', { status: 404 });
  const found = await fileInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
  if (found.ok) return new Response(new Uint8Array(found.body), { headers: { 'content-type': contentType(path.extname(found.file)) } });
  if (found.why === 'bad_path') return new Response('bad path', { status: 400 });
  if (found.why === 'outside') return new Response('forbidden', { status: 403 });
  return new Response('not found', { status: 404 });
}
