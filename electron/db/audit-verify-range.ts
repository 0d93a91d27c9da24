// The verifier's two kinds of work, each over a range so that workers can share a ledger: a stretch
// of the chain (entries from..to, each entry's rows and hash as written, linked to the one before),
// and a stretch of one audited table (rowids from..to, each row against its last seal). Both read
// through their own read-only connection and stream, so memory stays flat on any ledger size.
import Database from 'better-sqlite3';
import { DELETED, GENESIS, entryHash, rowDigest, rowDigestV2Hex, rowJsonSql, rowKeyV2, rowsHash, type Column } from './audit-digest';

export type AuditFinding =
  | { where: 'chain'; seq: number; problem: 'entry_changed' | 'entry_missing' | 'rows_changed' | 'key_mismatch' }
  | { where: 'row'; table: string; rowid: number; key: string; problem: 'changed' | 'added_outside' | 'deleted_outside' };

export type RangeResult = { entries: number; rows: number; sealRows: number; findings: AuditFinding[]; keyed: boolean };

export type AuditTask = { kind: 'chain'; from: number; to: number; rows: [number, number]; verifyFrom: number } | { kind: 'table'; table: string; from: number; to: number };

type Entry = { seq: number; at: number; actor: string; kind: string; subject: string; keyed: number; rows_hash: Buffer; hash: Buffer };
type SealRow = { seq: number; tbl: string; rid: number; digest: Buffer };

const PRIMARY: Record<string, string> = { settings: 'key' };
const DELETED_HEX = DELETED.toString('hex');

export function openReader(file: string, nativeBinding?: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

/**
 * Entries `from..to` of the chain against the seal rows `rows` (rowids), read in the order they were
 * appended. The ranges' rowids cover every seal row, so a seal no entry accounts for — one slipped
 * in behind Loket's back to make an edited row look sealed, or one out of its entry's place — is
 * met by some range and is a finding, never skipped.
 */
export function chainRange(db: Database.Database, key: Buffer | null, task: Extract<AuditTask, { kind: 'chain' }>, max: number): RangeResult {
  const { from, to } = task;
  const findings: AuditFinding[] = [];
  const add = (f: AuditFinding): void => void (findings.length < max && findings.push(f));
  const sealRows = db.prepare('SELECT seq, tbl, rid, digest FROM audit_rows WHERE rowid BETWEEN ? AND ? ORDER BY rowid').iterate(task.rows[0], task.rows[1]) as IterableIterator<SealRow>;
  let pending = sealRows.next();
  const before = from > 1 ? (db.prepare('SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1').get(from) as { hash: Buffer } | undefined) : undefined;
  let prev: Buffer = before?.hash ?? GENESIS;
  let expected = from;
  let entries = 0;
  let sealCount = 0;
  let keyed = true;
  let stray = -Infinity;
  const strayAt = (seq: number): void => {
    if (seq === stray) return;
    stray = seq;
    add({ where: 'chain', seq, problem: 'rows_changed' });
  };
  for (const e of db.prepare('SELECT * FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq').iterate(from, to) as IterableIterator<Entry>) {
    entries++;
    if (e.keyed === 0) keyed = false;
    if (e.seq !== expected) add({ where: 'chain', seq: expected, problem: 'entry_missing' });
    const mine: { tbl: string; rid: number; digest: Buffer }[] = [];
    while (!pending.done && pending.value.seq <= e.seq) {
      if (pending.value.seq === e.seq) mine.push(pending.value);
      else strayAt(pending.value.seq);
      pending = sealRows.next();
      sealCount++;
    }
    const k = e.keyed === 1 ? key : null;
    // Before a restore without the old key ('rekeyed'), an entry's rows and place still check, its
    // keyed hash no longer can.
    const readOnly = e.seq < task.verifyFrom;
    if (e.keyed === 1 && !key && !readOnly) add({ where: 'chain', seq: e.seq, problem: 'key_mismatch' });
    if (!rowsHash(mine).equals(e.rows_hash)) add({ where: 'chain', seq: e.seq, problem: 'rows_changed' });
    else if (!readOnly && !entryHash(k, prev, { seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, rowsHash: e.rows_hash }).equals(e.hash)) {
      add({ where: 'chain', seq: e.seq, problem: 'entry_changed' });
    }
    prev = e.hash;
    expected = e.seq + 1;
  }
  for (; !pending.done; pending = sealRows.next()) {
    strayAt(pending.value.seq);
    sealCount++;
  }
  return { entries, rows: 0, sealRows: sealCount, findings, keyed };
}

export function tableColumns(db: Database.Database, table: string): Column[] {
  return (db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as Column[]).map((c) => ({ name: c.name, type: c.type }));
}

/**
 * Rows `from..to` of one table against their last seals. A seal is a v2 digest (SQLite's JSON of
 * the row, hashed) or, for rows sealed before v2 or holding a BLOB out of place, a v1 HMAC; each
 * row is checked the v2 way and, failing that, the v1 way by a point read.
 */
export function tableRange(db: Database.Database, key: Buffer | null, keyed: boolean, table: string, from: number, to: number, max: number, onRows?: (n: number) => void): RangeResult {
  const findings: AuditFinding[] = [];
  const add = (f: AuditFinding): void => void (findings.length < max && findings.push(f));
  const k = keyed ? key : null;
  const rowKey = rowKeyV2(k);
  const columns = tableColumns(db, table);
  const pkAt = columns.findIndex((c) => c.name === (PRIMARY[table] ?? 'id'));
  const point = db.prepare(`SELECT * FROM main."${table}" WHERE rowid = ?`).raw(true);
  const v1 = (rid: number): string => {
    const row = point.get(rid) as unknown[] | undefined;
    return row ? rowDigest(k, table, row).toString('hex') : '';
  };
  const keyOf = (rid: number): string => {
    if (pkAt < 0) return String(rid);
    const row = point.get(rid) as unknown[] | undefined;
    return String(row?.[pkAt] ?? rid);
  };
  const seals = db
    .prepare('SELECT rid, lower(hex(digest)) AS digest FROM audit_rows WHERE tbl = ? AND rid BETWEEN ? AND ? ORDER BY rid, seq')
    .raw(true)
    .iterate(table, from, to) as IterableIterator<[number, string]>;
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
  let json: IterableIterator<[number, string, number]>;
  try {
    json = db.prepare(`${rowJsonSql(table, columns)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`).raw(true).iterate(from, to) as IterableIterator<[number, string, number]>;
  } catch {
    json = [][Symbol.iterator]() as IterableIterator<[number, string, number]>;
  }
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
    if ((rows & 8191) === 0) onRows?.(8192);
  };
  let last = from - 1;
  try {
    for (const [rid, text, blobElsewhere] of json) {
      check(rid, blobElsewhere ? null : rowDigestV2Hex(rowKey, table, text));
      last = rid;
    }
  } catch {
    // A BLOB that is not JSONB stops json_array: the rest of the range is read one row at a time.
    const one = db.prepare(`${rowJsonSql(table, columns)} WHERE rowid = ?`).raw(true);
    const v2 = (rid: number): string | null => {
      try {
        const r = one.get(rid) as [number, string, number] | undefined;
        return r && !r[2] ? rowDigestV2Hex(rowKey, table, r[1]) : null;
      } catch {
        return null;
      }
    };
    for (const [rid] of db.prepare(`SELECT rowid FROM main."${table}" WHERE rowid > ? AND rowid <= ? ORDER BY rowid`).raw(true).iterate(last, to) as IterableIterator<[number]>) {
      check(rid, v2(rid));
    }
  }
  while (seal) {
    if (seal[1] !== DELETED_HEX) add({ where: 'row', table, rowid: seal[0], key: '', problem: 'deleted_outside' });
    seal = nextSeal();
  }
  onRows?.(rows & 8191);
  return { entries: 0, rows, sealRows: 0, findings, keyed };
}
