// Reads a file of the built renderer for the web host and the loket:// protocol alike. Nothing
// outside the folder is reachable: `..` is resolved away, and a symlink anywhere under the folder
// is refused (a link planted in dist/ must not serve ~/.ssh or the ledger).
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type Found = { ok: true; file: string; body: Buffer } | { ok: false; why: 'missing' | 'outside' | 'bad_path' };

/** `urlPath` as it came in the URL (still %-encoded). */
export async function fileInside(root: string, urlPath: string): Promise<Found> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, why: 'bad_path' };
  }
  if (decoded.includes('\0')) return { ok: false, why: 'bad_path' };
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return { ok: false, why: 'outside' };
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(resolved)]);
    // Any symlink on the way makes the real path differ from the plain one.
    if (real !== path.join(realRoot, path.relative(root, resolved))) return { ok: false, why: 'outside' };
    if (!(await stat(real)).isFile()) return { ok: false, why: 'missing' };
    return { ok: true, file: real, body: await readFile(real) };
  } catch {
    return { ok: false, why: 'missing' };
  }
}
