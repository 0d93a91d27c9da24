// A backup job on its worker thread, as a promise: progress as it goes, the outcome at the end. A
// worker that cannot start (a packaging whose worker file cannot be loaded) runs the job here
// instead — slower for the counter, never skipped; one that dies mid-job is an error, never a
// silent nothing.
import { startCoreWorker } from '../workers/start-worker';
import type { BackupProgress, BackupRun } from './make-backup';
import { runBackup, runRestore, type BackupJob, type RestoreJob, type StagedWithKey } from './backup-jobs';
import type { FromBackupWorker } from './backup-worker';

function inWorker<T>(job: BackupJob, here: () => Promise<T>, answer: (m: Exclude<FromBackupWorker, { type: 'progress' | 'failed' }>) => T, onProgress?: (p: BackupProgress) => void): Promise<T> {
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
      here().then(resolve, reject);
      return;
    }
    worker.on('message', (m: FromBackupWorker) => {
      heard = true;
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'failed') settle(() => reject(new Error(m.message)));
      else settle(() => resolve(answer(m)));
    });
    worker.on('error', (e) => {
      // Never said a word (its file could not be loaded): the job runs here. Failed mid-job: an error.
      if (!heard) settle(() => void here().then(resolve, reject));
      else settle(() => reject(e));
    });
    worker.on('exit', (code) => settle(() => reject(new Error(`backup worker exited (${code}) without an answer`))));
  });
}

export function runBackupInWorker(job: Extract<BackupJob, { kind: 'backup' }>, onProgress?: (p: BackupProgress) => void): Promise<BackupRun> {
  return inWorker(
    job,
    () => runBackup(job, onProgress),
    (m) => {
      if (m.type !== 'backup') throw new Error('backup worker answered a restore');
      return m.run;
    },
    onProgress,
  );
}

export function runRestoreInWorker(job: RestoreJob): Promise<StagedWithKey> {
  return inWorker(
    job,
    () => runRestore(job),
    (m) => {
      if (m.type !== 'restore') throw new Error('backup worker answered a backup');
      return { staged: m.staged, key: m.key ? Buffer.from(m.key, 'hex') : null };
    },
  );
}
