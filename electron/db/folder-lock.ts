// One Loket per data folder. Two processes on one ledger would each run the advice and payment
// schedulers and could ask a provider about (or refund) the same sale twice. The lock is SQLite's
// own exclusive file lock on `loket.lock` (fcntl on Unix, LockFileEx on Windows), held for the
// process's life: the operating system releases it when the process ends, even by SIGKILL or a
// power cut, so a crash never leaves a stale lock behind. Read-only tools (audit:verify, an online
// backup) do not take it.
import Database from 'better-sqlite3';
import path from 'node:path';

export type FolderLock = { readonly file: string; release(): void };
export type LockAttempt = { ok: true; lock: FolderLock } | { ok: false; busy: boolean; reason: string };

export const LOCK_FILE = 'loket.lock';

export function lockFolder(dir: string, options: { nativeBinding?: string } = {}): LockAttempt {
  const file = path.join(dir, LOCK_FILE);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (e) {
    return { ok: false, busy: false, reason: `cannot open ${file}: ${(e as Error).message}` };
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The lock is all this file is for: no rollback journal beside it.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code ?? '';
    return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
      ? { ok: false, busy: true, reason: `${file} is held by another process` }
      : { ok: false, busy: false, reason: `cannot lock ${file}: ${(e as Error).message}` };
  }
  let held = true;
  return {
    ok: true,
    lock: {
      file,
      release() {
        if (!held) return;
        held = false;
        db.exec('ROLLBACK');
        db.close();
      },
    },
  };
}
