// Print jobs: the ledger's note of every print, its state and why it failed (printing service).
import type { Ledger } from '../connection';
import { stmt } from '../statements';

export type PrintJobState = 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';
export type PrintJobRecord = {
  id: string;
  env: 'training' | 'production';
  sale_id: string | null;
  document: string;
  copy_number: number;
  target: string;
  state: PrintJobState;
  reason: string | null;
  bytes: Buffer;
  created_at: number;
  updated_at: number;
};

export function insertPrintJob(db: Ledger, j: { id: string; env: string; saleId: string | null; document: string; copyNumber: number; target: string; state: PrintJobState; bytes: Uint8Array; at: number }): void {
  stmt(db, 'INSERT INTO print_jobs (id, env, sale_id, document, copy_number, target, state, bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    j.id, j.env, j.saleId, j.document, j.copyNumber, j.target, j.state, Buffer.from(j.bytes), j.at, j.at,
  );
}

export function setPrintJobState(db: Ledger, id: string, state: PrintJobState, reason: string | null, at: number): void {
  stmt(db, 'UPDATE print_jobs SET state = ?, reason = ?, updated_at = ? WHERE id = ?').run(state, reason, at, id);
}

export function getPrintJob(db: Ledger, id: string): PrintJobRecord | null {
  return (stmt(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id) as PrintJobRecord | undefined) ?? null;
}

/** Jobs a stop left behind: queued (never sent) and sending (may have printed). */
export function unfinishedPrintJobs(db: Ledger): PrintJobRecord[] {
  return stmt(db, "SELECT * FROM print_jobs WHERE state IN ('queued', 'sending') ORDER BY created_at").all() as PrintJobRecord[];
}

/** A sale's last print job (the sale screen says whether its struk printed). */
export function lastPrintJobOf(db: Ledger, saleId: string): PrintJobRecord | null {
  return (stmt(db, 'SELECT * FROM print_jobs WHERE sale_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(saleId) as PrintJobRecord | undefined) ?? null;
}
