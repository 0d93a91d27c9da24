// Checks the ledger against its audit chain, reading the file with two read-only connections and
// streaming (constant memory on a ledger of millions of rows): the chain entry by entry, then each
// audited table row by row against the last seal of that row. Says where: the entry, or the table,
// row and its key.
import Database from 'better-sqlite3';
import { AUDITED_TABLES, DELETED, GENESIS, entryHash, rowDigest, rowsHash } from './audit-digest';

export type AuditFinding =
  | { where: 'chain'; seq: number; problem: 'entry_changed' | 'entry_missing' | 'rows_changed' | 'key_mismatch' }
  | { where: 'row'; table: string; rowid: number; key: string; problem: 'changed' | 'added_outside' | 'deleted_outside' };

export type AuditReport = { entries: number; rows: number; findings: AuditFinding[]; keyed: boolean; ms: number };

type Entry = { seq: number; at: number; actor: string; kind: string; subject: string; keyed: number; rows_hash: Buffer; hash: Buffer };
type SealRow = { seq: number; tbl: string; rid: number; digest: Buffer };

const PRIMARY: Record<string, string> = { settings: 'key' };

export function verifyAudit(file: string, key: Buffer | null, opts: { nativeBinding?: string; maxFindings?: number } = {}): AuditReport {
  const started = Date.now();
  const open = (): Database.Database => new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  const a = open();
  const b = open();
  const max = opts.maxFindings ?? 200;
  const findings: AuditFinding[] = [];
  const add = (f: AuditFinding): void => {
    if (findings.length < max) findings.push(f);
  };
  let entries = 0;
  let rows = 0;
  let keyed = true;
  try {
    // 1. The chain: contiguous, every entry's rows and hash as they were written.
    const sealRows = b.prepare('SELECT seq, tbl, rid, digest FROM audit_rows ORDER BY seq, rowid').iterate() as IterableIterator<SealRow>;
    let pending = sealRows.next();
    let prev: Buffer = GENESIS;
    let expected = 1;
    for (const e of a.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Entry>) {
      entries++;
      if (e.keyed === 0) keyed = false;
      if (e.seq !== expected) add({ where: 'chain', seq: expected, problem: 'entry_missing' });
      const mine: { tbl: string; rid: number; digest: Buffer }[] = [];
      while (!pending.done && pending.value.seq <= e.seq) {
        if (pending.value.seq === e.seq) mine.push(pending.value);
        pending = sealRows.next();
      }
      const k = e.keyed === 1 ? key : null;
      if (e.keyed === 1 && !key) add({ where: 'chain', seq: e.seq, problem: 'key_mismatch' });
      if (!rowsHash(mine).equals(e.rows_hash)) add({ where: 'chain', seq: e.seq, problem: 'rows_changed' });
      else if (!entryHash(k, prev, { seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, rowsHash: e.rows_hash }).equals(e.hash)) {
        add({ where: 'chain', seq: e.seq, problem: 'entry_changed' });
      }
      prev = e.hash;
      expected = e.seq + 1;
    }

    // 2. Every row against its last seal, table by table (both sides ordered by rowid).
    for (const t of AUDITED_TABLES) {
      // A ledger of an older schema (read without migrating) has not got every table yet.
      if (!a.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t)) continue;
      const pk = PRIMARY[t] ?? 'id';
      const seals = b.prepare('SELECT rid, digest FROM audit_rows WHERE tbl = ? ORDER BY rid, seq').iterate(t) as IterableIterator<{ rid: number; digest: Buffer }>;
      let s = seals.next();
      /** The last seal of the next sealed row. */
      const nextSeal = (): { rid: number; digest: Buffer } | null => {
        if (s.done) return null;
        let last = s.value;
        s = seals.next();
        while (!s.done && s.value.rid === last.rid) {
          last = s.value;
          s = seals.next();
        }
        return last;
      };
      let seal = nextSeal();
      const k = keyed ? key : null;
      const stmt = a.prepare(`SELECT rowid AS __rid, * FROM ${t} ORDER BY rowid`).raw(true);
      const pkAt = stmt.columns().findIndex((c) => c.name === pk);
      for (const values of stmt.iterate() as IterableIterator<unknown[]>) {
        rows++;
        const rid = Number(values[0]);
        const cols = values.slice(1);
        while (seal && seal.rid < rid) {
          if (!seal.digest.equals(DELETED)) add({ where: 'row', table: t, rowid: seal.rid, key: '', problem: 'deleted_outside' });
          seal = nextSeal();
        }
        const keyOf = (): string => String(pkAt > 0 ? values[pkAt] : rid);
        if (!seal || seal.rid !== rid) add({ where: 'row', table: t, rowid: rid, key: keyOf(), problem: 'added_outside' });
        else {
          if (!rowDigest(k, t, cols).equals(seal.digest)) add({ where: 'row', table: t, rowid: rid, key: keyOf(), problem: 'changed' });
          seal = nextSeal();
        }
      }
      while (seal) {
        if (!seal.digest.equals(DELETED)) add({ where: 'row', table: t, rowid: seal.rid, key: '', problem: 'deleted_outside' });
        seal = nextSeal();
      }
    }
  } finally {
    a.close();
    b.close();
  }
  return { entries, rows, findings, keyed, ms: Date.now() - started };
}
