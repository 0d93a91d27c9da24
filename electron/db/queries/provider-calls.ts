// Every provider call is recorded before it is sent (its id included) and finished after,
// so the log of what left the counter survives any crash.
import type { Ledger } from '../connection';
import { stmt } from '../statements';

export type CallStart = {
  provider: string;
  env: string;
  command: string;
  providerRef: string;
  saleId: string | null;
  at: number;
};

export type CallFinish = { outcome: string; providerCode: string | null; detail: string | null; at: number };

export function beginProviderCall(db: Ledger, c: CallStart): number {
  const info = stmt(db, 
      `INSERT INTO provider_calls (provider, env, command, provider_ref, sale_id, started_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(c.provider, c.env, c.command, c.providerRef, c.saleId, c.at);
  return Number(info.lastInsertRowid);
}

export function finishProviderCall(db: Ledger, id: number, f: CallFinish): void {
  stmt(db,
    'UPDATE provider_calls SET finished_at = ?, outcome = ?, provider_code = ?, detail = ? WHERE id = ?',
  ).run(f.at, f.outcome, f.providerCode, f.detail, id);
}

/** How many calls of `command` carried this provider id (crash tests: one PAY per sale). */
export function countProviderCalls(db: Ledger, providerRef: string, command: string): number {
  const row = stmt(db, 'SELECT COUNT(*) AS n FROM provider_calls WHERE provider_ref = ? AND command = ?')
    .get(providerRef, command) as { n: number };
  return row.n;
}
