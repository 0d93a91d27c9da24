// `npm run build` (and every `npm run web`): builds dist/renderer when its sources changed since
// the last build — or always, with --force — and stamps the build with the sources' hash.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isCurrent, sourceHash, writeStamp } from './source-stamp';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_OUT = path.join(REPO_ROOT, 'dist', 'renderer');
const RENDERER_SOURCES = ['renderer', 'shared', 'resources', 'vite.config.ts', 'package-lock.json', 'tsconfig.base.json'];

/** Builds the renderer unless the last build is of today's sources; false when the build failed. */
export function ensureRenderer(opts: { force?: boolean } = {}): boolean {
  if (!opts.force && isCurrent(REPO_ROOT, RENDERER_SOURCES, RENDERER_OUT, 'index.html')) return true;
  const hash = sourceHash(REPO_ROOT, RENDERER_SOURCES);
  const manifest = createRequire(import.meta.url).resolve('vite/package.json');
  const vite = path.join(path.dirname(manifest), (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { vite: string } }).bin.vite);
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) return false;
  writeStamp(RENDERER_OUT, hash);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(ensureRenderer({ force: process.argv.includes('--force') }) ? 0 : 1);
}
