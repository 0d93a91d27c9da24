// A backup job on its worker thread, as a promise: progress as it goes, the outcome at the end. A
// worker that cannot start (a packaging whose worker file cannot be loaded) runs the job here
// instead — slower for the counter, never skipped; one that dies mid-job is an error, never a
// silent nothing.
import { startCoreWorker } from '../workers/start-worker';
import { makeBackup, type BackupProgress, type BackupRun } from './make-backup';
import { stageRestore, type Staged } from './restore';
import type { BackupJob, FromBackupWorker } from './backup-worker';

async function runHere(job: BackupJob, onProgress?: (p: BackupProgress) => void): Promise<BackupRun | Staged> {
  const bin = job.nativeBinding ? { nativeBinding: job.nativeBinding } : {};
  if (job.kind === 'restore') return stageRestore({ file: job.file, dataDir: job.dataDir, vaultKey: Buffer.from(job.vaultKey, 'hex'), ...bin });
  return makeBackup({
    ledgerFile: job.ledgerFile,
    stagingDir: job.stagingDir,
    folders: job.folders,
    vaultKey: Buffer.from(job.vaultKey, 'hex'),
    appVersion: job.appVersion,
    outlet: job.outlet,
    now: Date.now,
    ...bin,
    ...(onProgress ? { onProgress } : {}),
  });
}

export function runBackupJob(job: Extract<BackupJob, { kind: 'backup' }>, onProgress?: (p: BackupProgress) => void): Promise<BackupRun>;
export function runBackupJob(job: Extract<BackupJob, { kind: 'restore' }>, onProgress?: (p: BackupProgress) => void): Promise<Staged>;
export function runBackupJob(job: BackupJob, onProgress?: (p: BackupProgress) => void): Promise<BackupRun | Staged> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let heard = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
    };
    let worker: ReturnType<typeof startCoreWorker>;
    try {
      worker = startCoreWorker('backup-worker', new URL('./backup-worker.ts', import.meta.url), job);
    } catch {
      runHere(job, onProgress).then(resolve, reject);
      return;
    }
    worker.on('message', (m: FromBackupWorker) => {
      heard = true;
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'failed') settle(() => reject(new Error(m.message)));
      else settle(() => resolve(m.type === 'backup' ? m.run : m.staged));
    });
    worker.on('error', (e) => {
      // Never said a word (its file could not be loaded): the job runs here. Failed mid-job: an error.
      if (!heard) settle(() => void runHere(job, onProgress).then(resolve, reject));
      else settle(() => reject(e));
    });
    worker.on('exit', (code) => settle(() => reject(new Error(`backup worker exited (${code}) without an answer`))));
  });
}
