// Seals every change this connection makes to an audited table. Temporary triggers — they exist
// only on Loket's own connection, so a change made by any other program is never sealed — note
// each touched row; at the end of every write transaction the rows are digested as they now are
// and one chained entry is appended in the same transaction. A write outside a transaction is
// given one (see statements.ts), so no change of Loket's can reach the disk unsealed.
import type { Ledger } from './connection';
import { stmt, requireTransactionForWrites } from './statements';
import { AUDITED_TABLES, BUCKET_BITS, DELETED, GENESIS, bucketDigestHex, bucketSql, bucketTable, entryHash, rowDigest, rowDigestV2Hex, rowJsonSql, rowKeyV2, rowsHash, type Column } from './audit-digest';
import { currentActor } from './actor';

export type Auditor = {
  /** Appends whatever is still unsealed (normally nothing: transactions seal themselves). */
  seal(kind?: string, subject?: string): void;
  /**
   * A fact with no row of its own (a sign-in, an approval, a verification), sealed in the chain;
   * under the caller's name unless `actor` says who (a sign-in is the person signing in).
   */
  note(kind: string, subject: string, actor?: string): void;
  /** Seals rows no entry has sealed yet; the number sealed. Only for a ledger from before the audit. */
  baseline(): number;
  /**
   * A restore without the old vault key: a 'rekeyed' entry under this (new) key marks where the
   * verifiable chain starts again, then every row is sealed as it is now. Entries before it can be
   * read (their rows and order still checked) but no longer re-verified. Returns its seq.
   */
  rekey(subject: string): number;
  /** Bucket checkpoints the verifier proved row by row (table, bucket, digest of its text); the number written. */
  checkpoint(items: readonly { table: string; bucket: number; digest: string }[]): number;
  readonly keyed: boolean;
};

type Dirty = { tbl: string; rid: number };

export function installAuditor(db: Ledger, key: Buffer | null, now: () => number): Auditor {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS audit_dirty (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid INTEGER NOT NULL)');
  for (const t of AUDITED_TABLES) {
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS audit_${t}_insert AFTER INSERT ON main.${t} BEGIN INSERT INTO audit_dirty (tbl, rid) VALUES ('${t}', NEW.rowid); END;
      CREATE TEMP TRIGGER IF NOT EXISTS audit_${t}_update AFTER UPDATE ON main.${t} BEGIN INSERT INTO audit_dirty (tbl, rid) VALUES ('${t}', NEW.rowid); END;
      CREATE TEMP TRIGGER IF NOT EXISTS audit_${t}_delete AFTER DELETE ON main.${t} BEGIN INSERT INTO audit_dirty (tbl, rid) VALUES ('${t}', OLD.rowid); END;`);
  }

  function append(kind: string, subject: string, rows: { tbl: string; rid: number; digest: Buffer }[], actor = currentActor()): void {
    const last = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: Buffer } | undefined;
    const e = { seq: (last?.seq ?? 0) + 1, at: now(), actor, kind, subject, rowsHash: rowsHash(rows) };
    const hash = entryHash(key, last?.hash ?? GENESIS, e);
    stmt(db, 'INSERT INTO audit_log (seq, at, actor, kind, subject, keyed, rows_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      e.seq, e.at, e.actor, e.kind, e.subject, key ? 1 : 0, e.rowsHash, hash,
    );
    for (const r of rows) stmt(db, 'INSERT INTO audit_rows (seq, tbl, rid, digest) VALUES (?, ?, ?, ?)').run(e.seq, r.tbl, r.rid, r.digest);
  }

  // v2 digests (SQLite serialises the row; see audit-digest.ts), with the v1 HMAC for a row that
  // holds a BLOB where none belongs — or whose JSON SQLite refuses — so sealing never fails a sale.
  const rowKey = rowKeyV2(key);
  const jsonSql = new Map<string, string>();
  const bucketText = new Map<string, string>();
  for (const t of AUDITED_TABLES) {
    const columns = db.prepare('SELECT name, type FROM pragma_table_info(?)').all(t) as Column[];
    if (columns.length > 0) {
      jsonSql.set(t, `${rowJsonSql(t, columns)} WHERE rowid = ?`);
      bucketText.set(t, bucketSql(t, columns));
    }
  }

  /** Checkpoints of every bucket of every table as it is now (a baseline: the rows were just sealed as they are). */
  function checkpointAll(): void {
    for (const t of AUDITED_TABLES) {
      const sql = bucketText.get(t);
      if (!sql) continue;
      const span = db.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi FROM main.${t}`).get() as { lo: number | null; hi: number | null };
      if (span.lo === null || span.hi === null) continue;
      const read = db.prepare(sql).raw(true);
      let chunk: { tbl: string; rid: number; digest: Buffer }[] = [];
      for (let b = span.lo >> BUCKET_BITS; b <= span.hi >> BUCKET_BITS; b++) {
        let r: [number, string | null, number | null];
        try {
          r = read.get(b << BUCKET_BITS, ((b + 1) << BUCKET_BITS) - 1) as [number, string | null, number | null];
        } catch {
          continue; // a row SQLite cannot serialise: this bucket is checked row by row.
        }
        if (r[0] === 0 || r[1] === null || (r[2] ?? 0) > 0) continue;
        chunk.push({ tbl: bucketTable(t), rid: b, digest: Buffer.from(bucketDigestHex(rowKey, t, b, r[1]), 'hex') });
        if (chunk.length === 10_000) {
          append('checkpoint', `${t} (${chunk.length} blok)`, chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) append('checkpoint', `${t} (${chunk.length} blok)`, chunk);
    }
  }
  function digestOf(tbl: string, rid: number): Buffer {
    const sql = jsonSql.get(tbl);
    if (sql) {
      try {
        const r = stmt(db, sql).raw(true).get(rid) as [number, string, number] | undefined;
        if (!r) return DELETED;
        if (r[2] === 0) return Buffer.from(rowDigestV2Hex(rowKey, tbl, r[1]), 'hex');
      } catch {
        // Falls through to v1.
      }
    }
    const row = stmt(db, `SELECT * FROM main.${tbl} WHERE rowid = ?`).raw(true).get(rid) as unknown[] | undefined;
    return row ? rowDigest(key, tbl, row) : DELETED;
  }

  function sealDirty(kind = 'change', subject?: string): void {
    const dirty = stmt(db, 'SELECT DISTINCT tbl, rid FROM audit_dirty ORDER BY tbl, rid').all() as Dirty[];
    if (dirty.length === 0) return;
    stmt(db, 'DELETE FROM audit_dirty').run();
    const rows = dirty.map((d) => ({ ...d, digest: digestOf(d.tbl, d.rid) }));
    const first = dirty.find((d) => d.tbl === 'sales') ?? dirty[0]!;
    append(kind, subject ?? `${first.tbl}#${first.rid}`, rows);
  }

  // Every transaction this connection runs ends by sealing what it changed, inside itself.
  const original = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) =>
    original(function sealed(this: unknown, ...args: unknown[]) {
      const result = fn.apply(this, args);
      sealDirty();
      return result;
    })) as typeof db.transaction;
  requireTransactionForWrites(db);

  /** Rows no entry has sealed yet, sealed as they are now (a ledger from before the audit). */
  function baseline(): number {
    let n = 0;
    db.transaction(() => {
      for (const t of AUDITED_TABLES) {
        const unsealed = db.prepare(`SELECT rowid AS rid FROM main.${t} WHERE rowid NOT IN (SELECT rid FROM audit_rows WHERE tbl = ?) ORDER BY rowid /* once: baseline */`).all(t) as { rid: number }[];
        for (let i = 0; i < unsealed.length; i += 10_000) {
          const chunk = unsealed.slice(i, i + 10_000).map((r) => ({ tbl: t, rid: r.rid, digest: digestOf(t, r.rid) }));
          append('baseline', `${t} (${chunk.length} rows)`, chunk);
          n += chunk.length;
        }
      }
      checkpointAll();
    })();
    return n;
  }
  function rekey(subject: string): number {
    let anchor = 0;
    db.transaction(() => {
      append('rekeyed', subject, []);
      anchor = (stmt(db, 'SELECT max(seq) AS m FROM audit_log').get() as { m: number }).m;
      for (const t of AUDITED_TABLES) {
        if (!jsonSql.has(t)) continue;
        const all = db.prepare(`SELECT rowid AS rid FROM main.${t} ORDER BY rowid /* once: rekey */`).all() as { rid: number }[];
        for (let i = 0; i < all.length; i += 10_000) {
          const chunk = all.slice(i, i + 10_000).map((r) => ({ tbl: t, rid: r.rid, digest: digestOf(t, r.rid) }));
          append('baseline', `${t} (${chunk.length} rows, rekeyed)`, chunk);
        }
      }
      checkpointAll();
      stmt(db, 'DELETE FROM audit_dirty').run();
    })();
    return anchor;
  }
  // The first start on a ledger from before the audit: what it holds now is the baseline.
  if (stmt(db, 'SELECT seq FROM audit_log LIMIT 1').get() === undefined) baseline();

  function checkpoint(items: readonly { table: string; bucket: number; digest: string }[]): number {
    db.transaction(() => {
      for (let i = 0; i < items.length; i += 10_000) {
        const chunk = items.slice(i, i + 10_000).map((c) => ({ tbl: bucketTable(c.table), rid: c.bucket, digest: Buffer.from(c.digest, 'hex') }));
        append('checkpoint', `${chunk.length} blok terverifikasi`, chunk);
      }
    })();
    return items.length;
  }

  return {
    baseline,
    rekey,
    checkpoint,
    seal: (kind, subject) => db.transaction(() => sealDirty(kind, subject))(),
    note: (kind, subject, actor) => db.transaction(() => append(kind, subject, [], actor))(),
    keyed: key !== null,
  };
}

/** The newest seal: printed on the day report, so a paper copy can later be matched to the chain. */
export function auditHead(db: Ledger): { seq: number; hash: string } | null {
  const last = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: Buffer } | undefined;
  return last ? { seq: last.seq, hash: last.hash.toString('hex') } : null;
}
