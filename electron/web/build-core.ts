// Web mode runs the core from one bundle (dist-web/web-main.mjs) with plain Node, built by esbuild
// when the core's sources changed. Loading ~150 TypeScript modules one by one through the tsx
// loader took about 0.8 s of every start; the bundle loads in about 0.3 s. Packages stay outside
// the bundle (better-sqlite3 is native; the rest load as they would anyway). No source map: the
// log names calls and codes, not bundle lines, and an inline map doubled the load time.
import { buildSync } from 'esbuild';
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './build-renderer';
import { isCurrent, sourceHash, writeStamp } from './source-stamp';

export const CORE_OUT = path.join(REPO_ROOT, 'dist-web');
export const CORE_BUNDLE = path.join(CORE_OUT, 'web-main.mjs');
const CORE_SOURCES = ['electron', 'shared', 'package-lock.json', 'tsconfig.base.json'];

/** Worker entries bundled beside web-main.mjs (and, by vite.config.ts, beside Electron's main.cjs). */
export const WORKER_ENTRIES: readonly (readonly [string, string])[] = [
  ['audit-worker', 'electron/services/audit/audit-worker.ts'],
  ['backup-worker', 'electron/services/backup/backup-worker.ts'],
];

/** Written aside and renamed, so a second start at the same moment never loads half a file. */
function build(entry: string, out: string): void {
  const temp = `${out}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: false,
    logLevel: 'warning',
    outfile: temp,
  });
  renameSync(temp, out);
}

/** The bundle's path, built first unless it is of today's sources. */
export function ensureCoreBundle(): string {
  if (isCurrent(REPO_ROOT, CORE_SOURCES, CORE_OUT, path.basename(CORE_BUNDLE))) return CORE_BUNDLE;
  const hash = sourceHash(REPO_ROOT, CORE_SOURCES);
  mkdirSync(CORE_OUT, { recursive: true });
  // Worker threads load their own entry files, siblings of the bundle (services/*/…-worker.ts).
  for (const [name, entry] of WORKER_ENTRIES) build(path.join(REPO_ROOT, entry), path.join(CORE_OUT, `${name}.mjs`));
  build(path.join(REPO_ROOT, 'electron', 'web', 'bundle-entry.ts'), CORE_BUNDLE);
  writeStamp(CORE_OUT, hash);
  return CORE_BUNDLE;
}
