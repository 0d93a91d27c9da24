// What a build output is built from, as one hash, written beside the output. `npm run web`
// rebuilds the renderer and the core's bundle only when the hash of their sources today differs
// from the stamp, so a start on an up-to-date tree skips both builds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SOURCE_STAMP = '.sources.sha256';

function walk(root: string, rel: string, out: string[]): void {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return;
  if (statSync(abs).isFile()) {
    out.push(rel);
    return;
  }
  for (const entry of readdirSync(abs).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    walk(root, path.join(rel, entry), out);
  }
}

/** Files and folders under `repoRoot`, hashed by relative path and content. */
export function sourceHash(repoRoot: string, sources: readonly string[]): string {
  const files: string[] = [];
  for (const s of sources) walk(repoRoot, s, files);
  const h = createHash('sha256');
  for (const f of files) h.update(f.split(path.sep).join('/')).update('\0').update(readFileSync(path.join(repoRoot, f))).update('\0');
  return h.digest('hex');
}

/** True when `outDir` holds `marker` built from exactly today's `sources`. */
export function isCurrent(repoRoot: string, sources: readonly string[], outDir: string, marker: string): boolean {
  const stamp = path.join(outDir, SOURCE_STAMP);
  if (!existsSync(path.join(outDir, marker)) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === sourceHash(repoRoot, sources);
}

export function writeStamp(outDir: string, hash: string): void {
  writeFileSync(path.join(outDir, SOURCE_STAMP), `${hash}\n`);
}
