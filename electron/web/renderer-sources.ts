// What the built renderer (dist/renderer) is built from, as one hash. The renderer build writes
// it beside its output (vite.config.ts); `npm run web` rebuilds only when the hash of the sources
// today differs, so a start on an up-to-date tree skips the 6–7 s build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const RENDERER_SOURCES = ['renderer', 'shared', 'resources', 'vite.config.ts', 'package-lock.json', 'tsconfig.base.json'];
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

export function rendererSourceHash(repoRoot: string): string {
  const files: string[] = [];
  for (const s of RENDERER_SOURCES) walk(repoRoot, s, files);
  const h = createHash('sha256');
  for (const f of files) h.update(f.split(path.sep).join('/')).update('\0').update(readFileSync(path.join(repoRoot, f))).update('\0');
  return h.digest('hex');
}

/** True when dist/renderer holds a build of exactly today's sources. */
export function rendererIsCurrent(repoRoot: string, outDir: string): boolean {
  const stamp = path.join(outDir, SOURCE_STAMP);
  if (!existsSync(path.join(outDir, 'index.html')) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === rendererSourceHash(repoRoot);
}
