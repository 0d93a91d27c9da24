// A verifier worker: opens the ledger read-only and runs the ranges it is sent, reporting progress
// as it goes. Loaded by verify-in-workers.ts (from source through tsx, from the bundles as a file
// of its own).
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../../db/audit-verify-range';
import { runAuditTask, type AuditTask } from '../../db/audit-verify';

export type WorkerSetup = { file: string; key: string | null; keyed: boolean; max: number; nativeBinding?: string };
export type ToWorker = { index: number; task: AuditTask } | { stop: true };
export type FromWorker = { type: 'progress'; units: number } | { type: 'done'; index: number; result: ReturnType<typeof runAuditTask> } | { type: 'failed'; index: number; message: string };

const setup = workerData as WorkerSetup;
const port = parentPort!;
const db = openReader(setup.file, setup.nativeBinding);
const key = setup.key ? Buffer.from(setup.key, 'hex') : null;

port.on('message', (m: ToWorker) => {
  if ('stop' in m) {
    db.close();
    port.close();
    return;
  }
  try {
    const result = runAuditTask(db, key, setup.keyed, m.task, setup.max, (units) => port.postMessage({ type: 'progress', units } satisfies FromWorker));
    port.postMessage({ type: 'done', index: m.index, result } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ type: 'failed', index: m.index, message: (e as Error).message } satisfies FromWorker);
  }
});
