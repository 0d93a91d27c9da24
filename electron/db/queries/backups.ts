// Backup runs: one row per folder per run (see migrations/0013-backups.ts).
import { z } from 'zod';
import type { Ledger } from '../connection';
import { stmt } from '../statements';

export const BackupTrigger = z.enum(['schedule', 'shift_close', 'manual']);
export type BackupTrigger = z.infer<typeof BackupTrigger>;

/** A backup run as read back, through its schema (a row that no longer fits is an error, not a guess). */
export const BackupRunRow = z.object({
  id: z.number().int(),
  run_id: z.string(),
  trigger: BackupTrigger,
  folder: z.string(),
  state: z.enum(['running', 'verified', 'failed']),
  started_at: z.number().int(),
  finished_at: z.number().int().nullable(),
  file: z.string().nullable(),
  bytes: z.number().int().nullable(),
  sales: z.number().int().nullable(),
  problem_code: z.string().nullable(),
  problem: z.string().nullable(),
});
export type BackupRunRow = z.infer<typeof BackupRunRow>;

export function startBackupRuns(db: Ledger, runId: string, trigger: BackupTrigger, folders: readonly string[], at: number): void {
  db.transaction(() => {
    for (const f of folders) stmt(db, "INSERT INTO backup_runs (run_id, trigger, folder, state, started_at) VALUES (?, ?, ?, 'running', ?)").run(runId, trigger, f, at);
  })();
}

export function finishBackupRun(
  db: Ledger,
  runId: string,
  folder: string,
  at: number,
  outcome: { ok: true; file: string; bytes: number; sales: number } | { ok: false; code: string; problem: string },
): void {
  db.transaction(() => {
    if (outcome.ok) {
      stmt(db, "UPDATE backup_runs SET state = 'verified', finished_at = ?, file = ?, bytes = ?, sales = ? WHERE run_id = ? AND folder = ? AND state = 'running'").run(
        at, outcome.file, outcome.bytes, outcome.sales, runId, folder,
      );
    } else {
      stmt(db, "UPDATE backup_runs SET state = 'failed', finished_at = ?, problem_code = ?, problem = ? WHERE run_id = ? AND folder = ? AND state = 'running'").run(
        at, outcome.code, outcome.problem, runId, folder,
      );
    }
  })();
}

/** Runs a killed process left 'running': they never finished, so they failed. */
export function abandonRunningBackups(db: Ledger, at: number): number {
  return db.transaction(
    () =>
      stmt(db, "UPDATE backup_runs SET state = 'failed', finished_at = ?, problem_code = 'interrupted', problem = 'Pencadangan terputus (Loket ditutup atau mati di tengah jalan).' WHERE state = 'running'").run(at)
        .changes,
  )();
}

export function lastVerifiedBackup(db: Ledger): BackupRunRow | null {
  const row = stmt(db, "SELECT * FROM backup_runs WHERE state = 'verified' ORDER BY finished_at DESC LIMIT 1").get();
  return row === undefined ? null : BackupRunRow.parse(row);
}

export function recentBackupRuns(db: Ledger, limit: number): BackupRunRow[] {
  return stmt(db, 'SELECT * FROM backup_runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit).map((r) => BackupRunRow.parse(r));
}
