// The first half of `npm run web`: builds what changed since the last start — the renderer
// (dist/renderer) and the core's bundle (dist-web/web-main.mjs) — and nothing when nothing did.
// The second half runs the bundle with plain Node (no TypeScript loader at start-up).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRenderer } from './build-renderer';
import { ensureCoreBundle } from './build-core';

/** Both builds current; false when the renderer failed to build (vite printed why). */
export function prepareWebMode(): boolean {
  if (!ensureRenderer()) return false;
  ensureCoreBundle();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!prepareWebMode()) {
    process.stderr.write('loket: the renderer did not build (see above)\n');
    process.exit(2);
  }
}
