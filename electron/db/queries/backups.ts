// Backup runs: one row per folder per run (see migrations/0013-backups.ts).
import type { Ledger } from '../connection';
import { stmt } from '../statements';

export type BackupTrigger = 'schedule' | 'shift_close' | 'manual';
export type BackupRunRow = {
  id: number;
  run_id: string;
  trigger: BackupTrigger;
  folder: string;
  state: 'running' | 'verified' | 'failed';
  started_at: number;
  finished_at: number | null;
  file: string | null;
  bytes: number | null;
  sales: number | null;
  problem_code: string | null;
  problem: string | null;
};

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
  return (stmt(db, "SELECT * FROM backup_runs WHERE state = 'verified' ORDER BY finished_at DESC LIMIT 1").get() as BackupRunRow | undefined) ?? null;
}

export function recentBackupRuns(db: Ledger, limit: number): BackupRunRow[] {
  return stmt(db, 'SELECT * FROM backup_runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as BackupRunRow[];
}
