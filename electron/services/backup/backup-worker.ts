// The backup's worker thread: one job (backup-jobs.ts) — all of it blocking SQLite and crypto work
// that must not stall the counter — with progress and the outcome posted back.
import { parentPort, workerData } from 'node:worker_threads';
import type { BackupProgress, BackupRun } from './make-backup';
import type { Staged } from './restore';
import { runBackup, runRestore, type BackupJob } from './backup-jobs';

export type FromBackupWorker =
  | { type: 'progress'; progress: BackupProgress }
  | { type: 'backup'; run: BackupRun }
  | { type: 'restore'; staged: Staged; key: string | null }
  | { type: 'failed'; message: string };

const job = workerData as BackupJob;
const port = parentPort!;
const post = (m: FromBackupWorker): void => port.postMessage(m);

async function run(): Promise<void> {
  if (job.kind === 'backup') post({ type: 'backup', run: await runBackup(job, (progress) => post({ type: 'progress', progress })) });
  else {
    const r = await runRestore(job);
    post({ type: 'restore', staged: r.staged, key: r.key ? r.key.toString('hex') : null });
  }
}

run().then(
  () => port.close(),
  (e: unknown) => {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    port.close();
  },
);
