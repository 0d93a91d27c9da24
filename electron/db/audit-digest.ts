// The audit's digests, shared by the sealer and the verifier: a row's keyed digest over its values
// in column order, and the entry chain. Keyed with HMAC-SHA-256 under a key derived from the vault
// key, so whoever holds only the database file cannot re-seal a row they changed.
import { createHash, createHmac, hkdfSync } from 'node:crypto';

/** The tables whose every change is sealed: the money and what explains it. */
export const AUDITED_TABLES = ['sales', 'payments', 'payment_refunds', 'sale_events', 'bitcoin_orders', 'provider_calls', 'settings', 'price_rules', 'ledger_accounts', 'account_balances', 'journal_entries', 'journal_lines', 'users', 'shifts', 'cash_movements'] as const;
export type AuditedTable = (typeof AUDITED_TABLES)[number];

export const DELETED = Buffer.alloc(16);

export function auditKey(vaultKey: Buffer | null): Buffer | null {
  return vaultKey ? Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), Buffer.from('loket audit v1'), 32)) : null;
}

function mac(key: Buffer | null): ReturnType<typeof createHmac> | ReturnType<typeof createHash> {
  return key ? createHmac('sha256', key) : createHash('sha256');
}

/**
 * Values in column order; BLOBs as base64 so the text is unambiguous. Trailing NULLs are left out:
 * a migration that appends a nullable column (ALTER TABLE … ADD COLUMN) leaves every sealed row's
 * digest as it was, and the first value written into the new column changes it like any other.
 */
function canonical(values: readonly unknown[]): string {
  let end = values.length;
  while (end > 0 && (values[end - 1] === null || values[end - 1] === undefined)) end--;
  return JSON.stringify(values.slice(0, end).map((v) => (Buffer.isBuffer(v) ? { b: v.toString('base64') } : typeof v === 'bigint' ? String(v) : v)));
}

export function rowDigest(key: Buffer | null, table: string, values: readonly unknown[]): Buffer {
  return mac(key).update(`${table}\0${canonical(values)}`).digest().subarray(0, 16);
}

export function rowsHash(rows: readonly { tbl: string; rid: number; digest: Buffer }[]): Buffer {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.tbl}\0${r.rid}\0`).update(r.digest);
  return h.digest();
}

export type EntryFields = { seq: number; at: number; actor: string; kind: string; subject: string; rowsHash: Buffer };

export function entryHash(key: Buffer | null, prev: Buffer, e: EntryFields): Buffer {
  return mac(key).update(prev).update(`\0${e.seq}\0${e.at}\0${e.actor}\0${e.kind}\0${e.subject}\0`).update(e.rowsHash).digest();
}

export const GENESIS = Buffer.alloc(32);
