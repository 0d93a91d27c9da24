// A backup job on its worker thread, as a promise: progress as it goes, the outcome at the end; a
// worker that dies or cannot start is an error, never a silent nothing.
import { startCoreWorker } from '../workers/start-worker';
import type { BackupProgress, BackupRun } from './make-backup';
import type { Staged } from './restore';
import type { BackupJob, FromBackupWorker } from './backup-worker';

export function runBackupJob(job: Extract<BackupJob, { kind: 'backup' }>, onProgress?: (p: BackupProgress) => void): Promise<BackupRun>;
export function runBackupJob(job: Extract<BackupJob, { kind: 'restore' }>, onProgress?: (p: BackupProgress) => void): Promise<Staged>;
export function runBackupJob(job: BackupJob, onProgress?: (p: BackupProgress) => void): Promise<BackupRun | Staged> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = startCoreWorker('backup-worker', new URL('./backup-worker.ts', import.meta.url), job);
    worker.on('message', (m: FromBackupWorker) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'failed') {
        settled = true;
        reject(new Error(m.message));
      } else {
        settled = true;
        resolve(m.type === 'backup' ? m.run : m.staged);
      }
    });
    worker.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`backup worker exited (${code}) without an answer`));
      settled = true;
    });
  });
}
