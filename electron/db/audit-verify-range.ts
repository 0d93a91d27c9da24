// The verifier's two kinds of work, each over a range so that workers can share a ledger: a stretch
// of the chain (entries from..to, each entry's rows and hash as written, linked to the one before),
// and a stretch of one audited table (rowids from..to, each row against its last seal). Both read
// through their own read-only connection and stream, so memory stays flat on any ledger size.
import { hash } from 'node:crypto';
import Database from 'better-sqlite3';
import { BUCKET_BITS, DELETED, GENESIS, bucketDigestHex, bucketSql, bucketTable, entryHash, rowDigest, rowDigestV2Hex, rowJsonSql, rowKeyV2, type Column } from './audit-digest';

export type AuditFinding =
  | { where: 'chain'; seq: number; problem: 'entry_changed' | 'entry_missing' | 'rows_changed' | 'key_mismatch' }
  | { where: 'row'; table: string; rowid: number; key: string; problem: 'changed' | 'added_outside' | 'deleted_outside' };

/** A bucket proven row by row, offered to be sealed as a whole (the app writes it: audit.ts checkpoint). */
export type Checkpoint = { table: string; bucket: number; digest: string };

export type RangeResult = {
  entries: number;
  rows: number;
  /** Of `rows`, those proven a bucket at a time by a checkpoint. */
  bucketRows: number;
  sealRows: number;
  findings: AuditFinding[];
  keyed: boolean;
  checkpoints: Checkpoint[];
};

export type AuditTask = { kind: 'chain'; from: number; to: number; first: boolean; last: boolean; verifyFrom: number } | { kind: 'table'; table: string; from: number; to: number };

type Entry = { seq: number; at: number; actor: string; kind: string; subject: string; keyed: number; rows_hash: Buffer; hash: Buffer };

const PRIMARY: Record<string, string> = { settings: 'key' };
const DELETED_HEX = DELETED.toString('hex');

export function openReader(file: string, nativeBinding?: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

/**
 * Entries `from..to` of the chain. Each entry's seals are concatenated by SQLite exactly as the
 * sealer hashed them (table, rowid, digest, in the order they were appended) and hashed at once.
 * The first range also reads seals numbered below its first entry and the last those above the
 * newest: a seal no entry accounts for — one slipped in behind Loket's back to make an edited row
 * look sealed — is a finding, never skipped.
 */
export function chainRange(db: Database.Database, key: Buffer | null, task: Extract<AuditTask, { kind: 'chain' }>, max: number): RangeResult {
  const { from, to } = task;
  const findings: AuditFinding[] = [];
  const add = (f: AuditFinding): void => void (findings.length < max && findings.push(f));
  const groups = db
    .prepare(
      `SELECT seq, unhex(group_concat(hex(tbl) || '00' || hex(CAST(rid AS TEXT)) || '00' || hex(digest), '')) AS bytes, count(*) AS n
       FROM audit_rows WHERE seq BETWEEN ? AND ? GROUP BY seq ORDER BY seq`,
    )
    .raw(true)
    .iterate(task.first ? Number.MIN_SAFE_INTEGER : from, task.last ? Number.MAX_SAFE_INTEGER : to) as IterableIterator<[number, Buffer | null, number]>;
  let g = groups.next();
  const before = from > 1 ? (db.prepare('SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1').get(from) as { hash: Buffer } | undefined) : undefined;
  let prev: Buffer = before?.hash ?? GENESIS;
  let expected = from;
  let entries = 0;
  let sealCount = 0;
  let keyed = true;
  for (const e of db.prepare('SELECT * FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq').iterate(from, to) as IterableIterator<Entry>) {
    entries++;
    if (e.keyed === 0) keyed = false;
    if (e.seq !== expected) add({ where: 'chain', seq: expected, problem: 'entry_missing' });
    while (!g.done && g.value[0] < e.seq) {
      add({ where: 'chain', seq: g.value[0], problem: 'rows_changed' });
      sealCount += g.value[2];
      g = groups.next();
    }
    let bytes: Buffer = EMPTY;
    if (!g.done && g.value[0] === e.seq) {
      bytes = g.value[1] ?? EMPTY;
      sealCount += g.value[2];
      g = groups.next();
    }
    const k = e.keyed === 1 ? key : null;
    // Before a restore without the old key ('rekeyed'), an entry's rows and place still check, its
    // keyed hash no longer can.
    const readOnly = e.seq < task.verifyFrom;
    if (e.keyed === 1 && !key && !readOnly) add({ where: 'chain', seq: e.seq, problem: 'key_mismatch' });
    if (!hash('sha256', bytes, 'buffer').equals(e.rows_hash)) add({ where: 'chain', seq: e.seq, problem: 'rows_changed' });
    else if (!readOnly && !entryHash(k, prev, { seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, rowsHash: e.rows_hash }).equals(e.hash)) {
      add({ where: 'chain', seq: e.seq, problem: 'entry_changed' });
    }
    prev = e.hash;
    expected = e.seq + 1;
  }
  for (; !g.done; g = groups.next()) {
    add({ where: 'chain', seq: g.value[0], problem: 'rows_changed' });
    sealCount += g.value[2];
  }
  return { entries, rows: 0, bucketRows: 0, sealRows: sealCount, findings, keyed, checkpoints: [] };
}

const EMPTY = Buffer.alloc(0);

export function tableColumns(db: Database.Database, table: string): Column[] {
  return (db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as Column[]).map((c) => ({ name: c.name, type: c.type }));
}

type TableContext = {
  table: string;
  columns: Column[];
  pkAt: number;
  point: Database.Statement;
  seals: Database.Statement;
  json: Database.Statement | null;
  one: Database.Statement | null;
  rowids: Database.Statement;
  bucket: Database.Statement | null;
  bucketSeals: Database.Statement;
  newestSeal: Database.Statement;
  nextRow: Database.Statement;
  nextSealed: Database.Statement;
};

const contexts = new WeakMap<Database.Database, Map<string, TableContext>>();

/** One table's prepared statements, made once per connection (a range is checked bucket by bucket). */
function contextOf(db: Database.Database, table: string): TableContext {
  let byTable = contexts.get(db);
  if (!byTable) contexts.set(db, (byTable = new Map()));
  const known = byTable.get(table);
  if (known) return known;
  const columns = tableColumns(db, table);
  const tryPrepare = (sql: string): Database.Statement | null => {
    try {
      return db.prepare(sql).raw(true);
    } catch {
      return null;
    }
  };
  const ctx: TableContext = {
    table,
    columns,
    pkAt: columns.findIndex((c) => c.name === (PRIMARY[table] ?? 'id')),
    point: db.prepare(`SELECT * FROM main."${table}" WHERE rowid = ?`).raw(true),
    seals: db.prepare('SELECT rid, lower(hex(digest)) AS digest FROM audit_rows WHERE tbl = ? AND rid BETWEEN ? AND ? ORDER BY rid, seq').raw(true),
    json: tryPrepare(`${rowJsonSql(table, columns)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`),
    one: tryPrepare(`${rowJsonSql(table, columns)} WHERE rowid = ?`),
    rowids: db.prepare(`SELECT rowid FROM main."${table}" WHERE rowid > ? AND rowid <= ? ORDER BY rowid`).raw(true),
    bucket: tryPrepare(bucketSql(table, columns)),
    bucketSeals: db.prepare('SELECT rid, lower(hex(digest)), seq FROM audit_rows WHERE tbl = ? AND rid BETWEEN ? AND ? ORDER BY rid, seq').raw(true),
    newestSeal: db.prepare('SELECT max(seq) FROM audit_rows WHERE tbl = ? AND rid BETWEEN ? AND ?').raw(true),
    nextRow: db.prepare(`SELECT rowid FROM main."${table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1`).raw(true),
    nextSealed: db.prepare('SELECT rid FROM audit_rows WHERE tbl = ? AND rid >= ? ORDER BY rid LIMIT 1').raw(true),
  };
  byTable.set(table, ctx);
  return ctx;
}

/**
 * Rows `from..to` of one table, bucket by bucket: a bucket whose checkpoint is newer than every row
 * seal in it and whose text still hashes to it is intact as a whole; any other bucket is checked
 * row by row (rowRange) and, when every row in it proves out, offered as a new checkpoint.
 */
export function tableRange(db: Database.Database, key: Buffer | null, keyed: boolean, table: string, from: number, to: number, max: number, onRows?: (n: number) => void): RangeResult {
  const ctx = contextOf(db, table);
  const rowKey = rowKeyV2(keyed ? key : null);
  const findings: AuditFinding[] = [];
  const checkpoints: Checkpoint[] = [];
  let rows = 0;
  let bucketRows = 0;
  const size = 1 << BUCKET_BITS;
  const bucketOf = (rowid: number): number => Math.floor(rowid / size);
  const cps = ctx.bucketSeals.iterate(bucketTable(table), bucketOf(from), bucketOf(to)) as IterableIterator<[number, string, number]>;
  let c = cps.next();
  /** The next bucket at or after rowid `at` that holds a row or a seal (rowids may be sparse). */
  const nextBucket = (at: number): number | null => {
    const row = ctx.nextRow.get(at) as [number] | undefined;
    const sealed = ctx.nextSealed.get(table, at) as [number] | undefined;
    const next = Math.min(row?.[0] ?? Infinity, sealed?.[0] ?? Infinity);
    return next <= to ? bucketOf(next) : null;
  };
  for (let b = nextBucket(from); b !== null; b = nextBucket((b + 1) * size)) {
    // The newest checkpoint of this bucket, if any.
    let cp: [number, string, number] | null = null;
    while (!c.done && c.value[0] <= b) {
      if (c.value[0] === b) cp = c.value;
      c = cps.next();
    }
    const lo = Math.max(from, b * size);
    const hi = Math.min(to, (b + 1) * size - 1);
    const whole = lo === b * size && hi === (b + 1) * size - 1;
    let text: [number, string | null, number | null] | null = null;
    try {
      text = ctx.bucket ? (ctx.bucket.get(lo, hi) as [number, string | null, number | null]) : null;
    } catch {
      text = null; // a BLOB SQLite cannot read as JSON: row by row.
    }
    const digest = whole && text && text[1] !== null && (text[2] ?? 0) === 0 ? bucketDigestHex(rowKey, table, b, text[1]) : null;
    if (cp && digest === cp[1]) {
      const newest = (ctx.newestSeal.get(table, lo, hi) as [number | null])[0];
      if (newest === null || newest < cp[2]) {
        rows += text![0];
        bucketRows += text![0];
        onRows?.(text![0]);
        continue;
      }
    }
    const r = rowRange(ctx, keyed ? key : null, rowKey, lo, hi, max - findings.length, onRows);
    rows += r.rows;
    for (const f of r.findings) if (findings.length < max) findings.push(f);
    if (r.findings.length === 0 && digest !== null && text![0] > 0) checkpoints.push({ table, bucket: b, digest });
  }
  return { entries: 0, rows, bucketRows, sealRows: 0, findings, keyed, checkpoints };
}

/**
 * Rows `from..to` of one table against their last seals. A seal is a v2 digest (SQLite's JSON of
 * the row, hashed) or, for rows sealed before v2 or holding a BLOB out of place, a v1 HMAC; each
 * row is checked the v2 way and, failing that, the v1 way by a point read.
 */
function rowRange(ctx: TableContext, k: Buffer | null, rowKey: string, from: number, to: number, max: number, onRows?: (n: number) => void): { rows: number; findings: AuditFinding[] } {
  const { table } = ctx;
  const findings: AuditFinding[] = [];
  const add = (f: AuditFinding): void => void (findings.length < max && findings.push(f));
  const v1 = (rid: number): string => {
    const row = ctx.point.get(rid) as unknown[] | undefined;
    return row ? rowDigest(k, table, row).toString('hex') : '';
  };
  const keyOf = (rid: number): string => {
    if (ctx.pkAt < 0) return String(rid);
    const row = ctx.point.get(rid) as unknown[] | undefined;
    return String(row?.[ctx.pkAt] ?? rid);
  };
  const seals = ctx.seals.iterate(table, from, to) as IterableIterator<[number, string]>;
  let s = seals.next();
  /** The last seal of the next sealed row. */
  const nextSeal = (): [number, string] | null => {
    if (s.done) return null;
    let last = s.value;
    s = seals.next();
    while (!s.done && s.value[0] === last[0]) {
      last = s.value;
      s = seals.next();
    }
    return last;
  };
  let seal = nextSeal();
  let rows = 0;
  const check = (rid: number, digestHex: string | null): void => {
    rows++;
    while (seal && seal[0] < rid) {
      if (seal[1] !== DELETED_HEX) add({ where: 'row', table, rowid: seal[0], key: '', problem: 'deleted_outside' });
      seal = nextSeal();
    }
    if (!seal || seal[0] !== rid) add({ where: 'row', table, rowid: rid, key: keyOf(rid), problem: 'added_outside' });
    else {
      if (digestHex !== seal[1] && v1(rid) !== seal[1]) add({ where: 'row', table, rowid: rid, key: keyOf(rid), problem: 'changed' });
      seal = nextSeal();
    }
  };
  let last = from - 1;
  try {
    if (!ctx.json) throw new Error('no JSON for this table');
    for (const [rid, text, blobElsewhere] of ctx.json.iterate(from, to) as IterableIterator<[number, string, number]>) {
      check(rid, blobElsewhere ? null : rowDigestV2Hex(rowKey, table, text));
      last = rid;
    }
  } catch {
    // A BLOB that is not JSONB stops json_array: the rest of the range is read one row at a time.
    const v2 = (rid: number): string | null => {
      try {
        const r = ctx.one?.get(rid) as [number, string, number] | undefined;
        return r && !r[2] ? rowDigestV2Hex(rowKey, table, r[1]) : null;
      } catch {
        return null;
      }
    };
    for (const [rid] of ctx.rowids.iterate(last, to) as IterableIterator<[number]>) check(rid, v2(rid));
  }
  while (seal) {
    if (seal[1] !== DELETED_HEX) add({ where: 'row', table, rowid: seal[0], key: '', problem: 'deleted_outside' });
    seal = nextSeal();
  }
  onRows?.(rows);
  return { rows, findings };
}
