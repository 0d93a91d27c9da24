// The backup's worker thread: a backup run (online copy, compression, encryption, the proof) or a
// restore's staging (decrypt, prove, migrate, prove) — all of it blocking SQLite and crypto work
// that must not stall the counter. One job per worker; progress and the outcome are posted back.
import { parentPort, workerData } from 'node:worker_threads';
import { makeBackup, type BackupProgress, type BackupRun } from './make-backup';
import { stageRestore, type Staged } from './restore';

export type BackupJob =
  | { kind: 'backup'; ledgerFile: string; stagingDir: string; folders: string[]; vaultKey: string; appVersion: string; outlet: string; nativeBinding?: string }
  | { kind: 'restore'; file: string; dataDir: string; vaultKey: string; nativeBinding?: string };

export type FromBackupWorker = { type: 'progress'; progress: BackupProgress } | { type: 'backup'; run: BackupRun } | { type: 'restore'; staged: Staged } | { type: 'failed'; message: string };

const job = workerData as BackupJob;
const port = parentPort!;
const post = (m: FromBackupWorker): void => port.postMessage(m);

async function run(): Promise<void> {
  if (job.kind === 'backup') {
    const result = await makeBackup({
      ledgerFile: job.ledgerFile,
      stagingDir: job.stagingDir,
      folders: job.folders,
      vaultKey: Buffer.from(job.vaultKey, 'hex'),
      appVersion: job.appVersion,
      outlet: job.outlet,
      now: Date.now,
      ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'backup', run: result });
  } else {
    post({ type: 'restore', staged: await stageRestore({ file: job.file, dataDir: job.dataDir, vaultKey: Buffer.from(job.vaultKey, 'hex'), ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) }) });
  }
}

run().then(
  () => port.close(),
  (e: unknown) => {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    port.close();
  },
);
