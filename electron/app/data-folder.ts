// The data folder holds the ledger (PIN hashes, every customer's number and token), the key file
// in web mode, the simulators' state and the logs: it is private to the OS user running Loket.
// Claiming it, before the ledger is opened: new files are made private (umask 077), the folder
// becomes 0700 and what an older Loket left readable (0644) becomes 0600; then the folder's lock
// is taken, so a second Loket on the same folder stops before it touches anything.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lockFolder, LOCK_FILE, type FolderLock } from '../db/folder-lock';

export type DataFolder = { readonly dir: string; release(): void };

export class FolderBusyError extends Error {
  readonly code = 'folder_busy';
  constructor(readonly dir: string) {
    super(`Loket sudah berjalan untuk folder data ini (${dir}).`);
  }
}

/** Loket's own files and folders in the data folder (in Electron it also holds Chromium's profile, left alone). */
const OWN_FILES = ['loket.db', 'loket.db-wal', 'loket.db-shm', 'loket.db-journal', 'master.key', LOCK_FILE, 'vault-key.safe'];
const OWN_DIRS = ['logs', 'training', 'backup-staging', 'restore'];

function privateTree(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) privateTree(p);
    else chmodSync(p, 0o600);
  }
}

/** Makes the folder and Loket's files in it private to this OS user (no-op where modes do not apply). */
export function makePrivate(dir: string): void {
  if (process.platform === 'win32') return;
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  for (const f of OWN_FILES) {
    const p = path.join(dir, f);
    if (existsSync(p) && !lstatSync(p).isSymbolicLink()) chmodSync(p, 0o600);
  }
  for (const d of OWN_DIRS) {
    const p = path.join(dir, d);
    if (existsSync(p) && lstatSync(p).isDirectory()) privateTree(p);
  }
}

/** Private folder + exclusive lock, or FolderBusyError when another Loket holds it. */
export function claimDataFolder(dir: string, options: { nativeBinding?: string } = {}): DataFolder {
  makePrivate(dir);
  mkdirSync(dir, { recursive: true });
  const attempt = lockFolder(dir, options);
  if (!attempt.ok) {
    if (attempt.busy) throw new FolderBusyError(dir);
    throw new Error(attempt.reason);
  }
  const lock: FolderLock = attempt.lock;
  return { dir, release: () => lock.release() };
}
