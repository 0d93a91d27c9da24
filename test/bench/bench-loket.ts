// A core for the benchmark: its own data folder, a fixed key, the call wrapper the hosts use.
import { fixedKeySource } from '../../electron/secrets/key-source';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLoket } from '../../electron/app/create-loket';
import { invokeCall } from '../../electron/app/invoke';

/** The bench drives the core as one session (as the Electron window is). */
const BENCH_SESSION = { session: 'bench' };
import { signInAndOpenShift } from '../support/counter-bootstrap';
import { createLogger } from '../../electron/log/logger';
import type { Ledger } from '../../electron/db/connection';

export type BenchLoket = {
  db: Ledger;
  call(name: Parameters<typeof invokeCall>[1], req: object): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
};

export async function startBenchLoket(): Promise<BenchLoket> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loket-bench-'));
  const log = createLogger({ dir: path.join(dataDir, 'logs') });
  const loket = await createLoket({
    dataDir,
    host: 'web',
    version: 'bench',
    log,
    keySource: fixedKeySource(Buffer.alloc(32, 3), 'bench'),
    startWaitMs: 60_000,
  });
  loket.start();
  await signInAndOpenShift((name, req) => invokeCall(loket.handlers, name, req, log, BENCH_SESSION));
  return {
    db: loket.db,
    async call(name, req) {
      const r = await invokeCall(loket.handlers, name, req, log, BENCH_SESSION);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.detail ?? ''}`);
      return r.value as Record<string, unknown>;
    },
    async stop() {
      await loket.stop();
      log.close();
    },
  };
}
