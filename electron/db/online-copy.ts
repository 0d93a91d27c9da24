// An online, consistent copy of a live ledger through SQLite's backup API — never a file copy of a
// WAL database (whose last commits may still sit in the -wal file). Run on its own read-only
// connection: in WAL mode that reader never blocks Loket's writer, and copying every page in one
// step reads one snapshot, so a sale committed meanwhile cannot restart or tear the copy. Meant to
// run off the main thread (the backup worker) or in the CLI, since one step blocks its thread.
import Database from 'better-sqlite3';

export type CopyOptions = { nativeBinding?: string };

export async function onlineCopy(source: string, dest: string, opts: CopyOptions = {}): Promise<{ pages: number }> {
  const db = new Database(source, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    let total = 0;
    await db.backup(dest, {
      progress: ({ totalPages }) => {
        total = totalPages;
        // Everything in the next step: one read transaction, one snapshot.
        return Math.max(totalPages, 1);
      },
    });
    return { pages: total };
  } finally {
    db.close();
  }
}

/** Makes a copy a single self-contained file (rollback journal), as a backup should be. */
export function detachCopy(file: string, opts: CopyOptions = {}): void {
  const db = new Database(file, { fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}
