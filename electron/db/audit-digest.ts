// The audit's digests, shared by the sealer and the verifier: a row's keyed digest over its values
// in column order, and the entry chain. Keyed with HMAC-SHA-256 under a key derived from the vault
// key, so whoever holds only the database file cannot re-seal a row they changed.
import { createHash, createHmac, hash, hkdfSync } from 'node:crypto';

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

// ── Row digests, version 2 ──────────────────────────────────────────────────────────────────────
// Version 1 above serialises a row in JavaScript (every column a JS value, then JSON.stringify)
// and runs one HMAC per row: about 50,000 rows/s, most of it spent building values and HMAC
// objects. Version 2 lets SQLite serialise the row (json_array over the columns, in C) and hashes
// the text with one one-shot call: SHA-256 over (row key ‖ table ‖ JSON), truncated to 16 bytes.
// The row key is derived from the audit key, so the digest stays keyed; truncation leaves no
// length extension, and the chain entry that binds every digest is still an HMAC. json_array
// would read a BLOB as JSONB (x'00' as null), so BLOB columns are written as {"b": hex} and a
// third column says whether a BLOB sits anywhere else — such a row has no v2 digest and is
// checked (and sealed) the version 1 way, whose encoding tells every type apart.

export type Column = { name: string; type: string };

const q = (id: string): string => `"${id.replace(/"/g, '""')}"`;

/** A row's v2 serialisation as SQL: its json_array, and a guard that is 'blob' when a BLOB sits out of place. */
function rowParts(columns: readonly Column[]): { json: string; guard: string } {
  const isBlob = (c: Column): boolean => /BLOB/i.test(c.type);
  const parts = columns.map((c) => (isBlob(c) ? `CASE typeof(${q(c.name)}) WHEN 'blob' THEN json_object('b', hex(${q(c.name)})) ELSE ${q(c.name)} END` : q(c.name)));
  const others = columns.filter((c) => !isBlob(c)).map((c) => `ifnull(${q(c.name)}, 0)`);
  // max() of mixed values is the BLOB when there is one (BLOB sorts last); one argument is not a max().
  const guard = others.length === 0 ? "'text'" : others.length === 1 ? `typeof(${others[0]})` : `typeof(max(${others.join(', ')}))`;
  return { json: `json_array(${parts.join(', ')})`, guard };
}

/** The v2 serialisation of a table's rows: [rowid, json, blob-elsewhere?]. */
export function rowJsonSql(table: string, columns: readonly Column[]): string {
  const { json, guard } = rowParts(columns);
  return `SELECT rowid, ${json}, ${guard} = 'blob' FROM main.${q(table)}`;
}

/** A json_array text with its trailing nulls left out (a column added later, still empty, changes no digest). */
export function trimNulls(json: string): string {
  let s = json;
  while (s.endsWith(',null]')) s = `${s.slice(0, -6)}]`;
  return s === '[null]' ? '[]' : s;
}

export function rowKeyV2(key: Buffer | null): string {
  return key ? Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), Buffer.from('loket audit rows v2'), 32)).toString('hex') : '';
}

/** The v2 digest as 32 hex characters (what the verifier compares; the seal stores the 16 bytes). */
export function rowDigestV2Hex(rowKey: string, table: string, json: string): string {
  return hash('sha256', `${rowKey}\0${table}\0${trimNulls(json)}`, 'hex').slice(0, 32);
}

// ── Bucket checkpoints ───────────────────────────────────────────────────────────────────────────
// Reading a row costs the verifier more in JavaScript (one crossing, one hash) than in SQLite. A
// checkpoint seals a bucket of 64 consecutive rowids of one table at once: SQLite serialises the
// bucket's rows into one text (rowid and json_array per row, in rowid order), one keyed hash covers
// it. A checkpoint is written only where every row of the bucket was just proven against its own
// seal (or sealed as it is, at a baseline), and it counts only while it is newer than every row
// seal in its bucket; a bucket that fails it is checked row by row, so a changed row is still named.

export const BUCKET_BITS = 6;
export const bucketTable = (table: string): string => `${table}#${1 << BUCKET_BITS}`;

/** [rows, text, rows with a BLOB out of place] of rowids ?..? (one bucket), in rowid order. */
export function bucketSql(table: string, columns: readonly Column[]): string {
  const { json, guard } = rowParts(columns);
  // The rows are read in a subquery: an aggregate over the guard's own scalar max() would be taken
  // for a nested aggregate.
  return `SELECT count(*), group_concat(line, char(10)), sum(blob) FROM (SELECT rowid || ' ' || ${json} AS line, ${guard} = 'blob' AS blob FROM main.${q(table)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid)`;
}

export function bucketDigestHex(rowKey: string, table: string, bucket: number, text: string): string {
  return hash('sha256', `${rowKey}\0${bucketTable(table)}\0${bucket}\0${text}`, 'hex').slice(0, 32);
}
