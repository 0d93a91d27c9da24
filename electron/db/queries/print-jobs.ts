// Print jobs: the ledger's note of every print, its state and why it failed (printing service).
import { z } from 'zod';
import type { Ledger } from '../connection';
import { stmt } from '../statements';

export const PrintJobState = z.enum(['queued', 'sending', 'sent', 'failed', 'uncertain']);
export type PrintJobState = z.infer<typeof PrintJobState>;

/** A print job as read back, through its schema. */
export const PrintJobRecord = z.object({
  id: z.string(),
  env: z.enum(['training', 'production']),
  sale_id: z.string().nullable(),
  document: z.string(),
  copy_number: z.number().int(),
  target: z.string(),
  state: PrintJobState,
  reason: z.string().nullable(),
  bytes: z.instanceof(Buffer),
  created_at: z.number().int(),
  updated_at: z.number().int(),
});
export type PrintJobRecord = z.infer<typeof PrintJobRecord>;

const one = (row: unknown): PrintJobRecord | null => (row === undefined ? null : PrintJobRecord.parse(row));

export function insertPrintJob(db: Ledger, j: { id: string; env: string; saleId: string | null; document: string; copyNumber: number; target: string; state: PrintJobState; bytes: Uint8Array; at: number }): void {
  stmt(db, 'INSERT INTO print_jobs (id, env, sale_id, document, copy_number, target, state, bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    j.id, j.env, j.saleId, j.document, j.copyNumber, j.target, j.state, Buffer.from(j.bytes), j.at, j.at,
  );
}

export function setPrintJobState(db: Ledger, id: string, state: PrintJobState, reason: string | null, at: number): void {
  stmt(db, 'UPDATE print_jobs SET state = ?, reason = ?, updated_at = ? WHERE id = ?').run(state, reason, at, id);
}

export function getPrintJob(db: Ledger, id: string): PrintJobRecord | null {
  return one(stmt(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id));
}

/** Jobs a stop left behind: queued (never sent) and sending (may have printed). */
export function unfinishedPrintJobs(db: Ledger): PrintJobRecord[] {
  return stmt(db, "SELECT * FROM print_jobs WHERE state IN ('queued', 'sending') ORDER BY created_at").all().map((r) => PrintJobRecord.parse(r));
}

/** A sale's last print job (the sale screen says whether its struk printed). */
export function lastPrintJobOf(db: Ledger, saleId: string): PrintJobRecord | null {
  return one(stmt(db, 'SELECT * FROM print_jobs WHERE sale_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(saleId));
}
