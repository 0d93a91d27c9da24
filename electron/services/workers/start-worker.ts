// Starting one of the core's worker threads the same way wherever the core runs: from source (tsx:
// vitest, the CLIs) the worker's .ts entry is loaded through tsx's require hook; from a bundle (web
// mode's dist-web/web-main.mjs, Electron's dist-electron/main.cjs) it is the bundled sibling file
// of the same name.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export type CoreWorker = 'audit-worker' | 'backup-worker';

/** `source`: the worker's .ts entry as a URL (new URL('./x-worker.ts', import.meta.url) at the caller). */
export function startCoreWorker(name: CoreWorker, source: URL, workerData: unknown): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const tsx = createRequire(here).resolve('tsx/cjs/api');
    return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(source))});`, { eval: true, workerData });
  }
  return new Worker(new URL(`./${name}${here.endsWith('.cjs') ? '.cjs' : '.mjs'}`, here), { workerData });
}
