// Serves the built renderer as loket://app/… (a privileged, standard, secure scheme): a real
// origin for the CSP and the IPC sender check, unlike file://.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentType } from '../app/content-types';


export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== 'app') return new Response('not found', { status: 404 });
  const rel = path.posix.normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(rendererDir, rel);
  if (!file.startsWith(rendererDir + path.sep)) return new Response('forbidden', { status: 403 });
  try {
    const body = await readFile(file);
    return new Response(body, { headers: { 'content-type': contentType(path.extname(file)) } });
  } catch {
    return new Response('not found', { status: 404 });
  }
}
