// The faster verifier (v2 digests: SQLite serialises the row, one keyed hash; ranges shared among
// worker threads) finds everything the row-by-row verifier did, and the new ways around it too: a
// value swapped for a BLOB that reads as the same JSON, a BLOB SQLite cannot read as JSON, a row
// rolled back to an earlier version with its old seal slipped in after the chain, and rows sealed
// by the previous Loket (v1 HMACs) still verify.
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/db/audit-verify';
import { auditKey, entryHash, rowDigest, rowsHash } from '../../electron/db/audit-digest';
import { verifyAuditInWorkers } from '../../electron/services/audit/verify-in-workers';
import { copyFileSync } from 'node:fs';
import { sellToken, startCore, TEST_KEY, tempDir } from './harness';
import { openLedger } from '../../electron/db/connection';
import { installAuditor } from '../../electron/db/audit';
import { seedSales } from '../../electron/db/queries/seed';

const key = auditKey(Buffer.from(TEST_KEY, 'hex'));
let pristine: string;

beforeAll(async () => {
  const dir = tempDir('loket-audit-fast-');
  const core = await startCore({ dataDir: dir });
  try {
    for (const n of ['14233784991', '12345678901', '14233784992']) await sellToken(core, n, 20_000);
  } finally {
    await core.stop();
  }
  pristine = path.join(dir, 'loket.db');
}, 60_000);

function copyOf(): string {
  const file = path.join(tempDir('loket-audit-copy-'), 'loket.db');
  copyFileSync(pristine, file);
  return file;
}

function edit(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
}

describe('the fast verifier', () => {
  it('a clean ledger: inline and in workers agree, with progress up to the whole', async () => {
    const file = copyOf();
    const inline = verifyAudit(file, key);
    expect(inline.findings).toEqual([]);
    let last = [0, 0];
    const par = await verifyAuditInWorkers(file, key, { workers: 2, onProgress: (d, t) => (last = [d, t]) });
    expect(par).toMatchObject({ findings: [], rows: inline.rows, entries: inline.entries });
    expect(last[0]).toBe(last[1]);
    expect(last[1]).toBeGreaterThan(inline.rows);
  });

  it('NULL swapped for the BLOB x00 (JSONB null: the same JSON) is found', async () => {
    const file = copyOf();
    const sale = new Database(file, { readonly: true }).prepare('SELECT rowid AS rid, id FROM sales WHERE seq = 1').get() as { rid: number; id: string };
    edit(file, "UPDATE sales SET failure_code = x'00' WHERE seq = 1");
    expect(verifyAudit(file, key).findings).toContainEqual({ where: 'row', table: 'sales', rowid: sale.rid, key: sale.id, problem: 'changed' });
    expect((await verifyAuditInWorkers(file, key, { workers: 2 })).findings).toContainEqual({ where: 'row', table: 'sales', rowid: sale.rid, key: sale.id, problem: 'changed' });
  });

  it('a BLOB SQLite cannot read as JSON is found, and the rest of the table is still checked', async () => {
    const file = copyOf();
    edit(file, "UPDATE sales SET customer_name = x'ff00ff' WHERE seq = 1");
    edit(file, "UPDATE sales SET customer_name = 'ORANG LAIN' WHERE seq = 3");
    const problems = verifyAudit(file, key).findings.filter((f) => f.where === 'row' && f.table === 'sales');
    expect(problems, JSON.stringify(problems)).toHaveLength(2);
  });

  it('a row rolled back with its old seal slipped in after the chain is found', async () => {
    const file = copyOf();
    const db = new Database(file);
    // The first sale as it was first sealed (an earlier state), and that seal's digest.
    const sale = db.prepare('SELECT rowid AS rid FROM sales WHERE seq = 1').get() as { rid: number };
    const seals = db.prepare("SELECT seq, digest FROM audit_rows WHERE tbl = 'sales' AND rid = ? ORDER BY seq").all(sale.rid) as { seq: number; digest: Buffer }[];
    expect(seals.length).toBeGreaterThan(1);
    const maxSeq = (db.prepare('SELECT max(seq) AS m FROM audit_log').get() as { m: number }).m;
    db.prepare("INSERT INTO audit_rows (seq, tbl, rid, digest) VALUES (?, 'sales', ?, ?)").run(maxSeq + 1, sale.rid, seals[0]!.digest);
    db.close();
    expect(verifyAudit(file, key).findings).toContainEqual({ where: 'chain', seq: maxSeq + 1, problem: 'rows_changed' });
    // The same seal filed under an old entry's number, appended after everything: still found.
    const again = copyOf();
    const db2 = new Database(again);
    db2.prepare("INSERT INTO audit_rows (seq, tbl, rid, digest) VALUES (?, 'sales', ?, ?)").run(seals[0]!.seq, sale.rid, seals[0]!.digest);
    db2.close();
    expect(verifyAudit(again, key).findings).toContainEqual({ where: 'chain', seq: seals[0]!.seq, problem: 'rows_changed' });
    expect((await verifyAuditInWorkers(again, key, { workers: 2 })).findings).toContainEqual({ where: 'chain', seq: seals[0]!.seq, problem: 'rows_changed' });
  });

  it('rows sealed the v1 way (HMAC over JavaScript values) by the previous Loket still verify, and an edit to them is found', async () => {
    const file = copyOf();
    const db = new Database(file);
    // A settings row written and sealed as the previous Loket did: v1 digest, chained entry.
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('v1.row', '\"lama\"', 1)").run();
    const row = db.prepare("SELECT rowid AS rid, * FROM settings WHERE key = 'v1.row'").raw(true).get() as unknown[];
    const rid = Number(row[0]);
    const digest = rowDigest(key, 'settings', row.slice(1));
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: Buffer };
    const rows = [{ tbl: 'settings', rid, digest }];
    const e = { seq: last.seq + 1, at: 2, actor: 'v1', kind: 'change', subject: `settings#${rid}`, rowsHash: rowsHash(rows) };
    db.prepare('INSERT INTO audit_log (seq, at, actor, kind, subject, keyed, rows_hash, hash) VALUES (?, ?, ?, ?, ?, 1, ?, ?)').run(e.seq, e.at, e.actor, e.kind, e.subject, e.rowsHash, entryHash(key, last.hash, e));
    db.prepare('INSERT INTO audit_rows (seq, tbl, rid, digest) VALUES (?, ?, ?, ?)').run(e.seq, 'settings', rid, digest);
    db.close();
    expect(verifyAudit(file, key).findings).toEqual([]);
    edit(file, "UPDATE settings SET value = '\"baru\"' WHERE key = 'v1.row'");
    expect(verifyAudit(file, key).findings).toContainEqual({ where: 'row', table: 'settings', rowid: rid, key: 'v1.row', problem: 'changed' });
  });

  it('checkpoints: a baseline seals whole buckets; a row changed inside one is still found and named; a forged checkpoint is found', async () => {
    // A ledger from before the audit, sealed at its first start: every bucket gets a checkpoint.
    const dir = tempDir('loket-audit-buckets-');
    const file = path.join(dir, 'loket.db');
    const db = openLedger(file);
    seedSales(db, Array.from({ length: 300 }, (_, i) => ({ id: `S${i + 1}`, seq: i + 1, businessDate: '2026-12-01', createdAt: 1_764_547_200_000 + i, state: 'succeeded' as const, customerNumber: String(10_000_000_000 + i), denomination: 20_000, providerAdmin: 2_500, token: String(i + 1).padStart(20, '0'), booked: true })));
    installAuditor(db, key, Date.now);
    db.close();
    const clean = verifyAudit(file, key);
    expect(clean.findings).toEqual([]);
    // Nearly every row is proven by its bucket (the last, partial buckets row by row).
    expect(clean.bucketRows).toBeGreaterThan(clean.rows * 0.8);

    edit(file, "UPDATE sales SET customer_name = 'ORANG LAIN' WHERE seq = 100");
    const rid = (new Database(file, { readonly: true }).prepare('SELECT rowid AS r FROM sales WHERE seq = 100').get() as { r: number }).r;
    expect(verifyAudit(file, key).findings).toContainEqual({ where: 'row', table: 'sales', rowid: rid, key: 'S100', problem: 'changed' });
    expect((await verifyAuditInWorkers(file, key, { workers: 2 })).findings).toContainEqual({ where: 'row', table: 'sales', rowid: rid, key: 'S100', problem: 'changed' });

    // A checkpoint slipped in after the chain to cover the edit: the chain does not account for it.
    const forged = new Database(file);
    const maxSeq = (forged.prepare('SELECT max(seq) AS m FROM audit_log').get() as { m: number }).m;
    forged.prepare("INSERT INTO audit_rows (seq, tbl, rid, digest) VALUES (?, 'sales#64', ?, randomblob(16))").run(maxSeq + 1, Math.floor(rid / 64));
    forged.close();
    expect(verifyAudit(file, key).findings).toContainEqual({ where: 'chain', seq: maxSeq + 1, problem: 'rows_changed' });
  });

  it('the app seals as a whole what a check proved row by row, and the next check reads those buckets at once', async () => {
    const dir = tempDir('loket-audit-app-');
    const core = await startCore({ dataDir: dir });
    try {
      for (let i = 0; i < 3; i++) await sellToken(core, `1423378499${i}`, 20_000);
      const first = await core.call('audit.verify', {});
      expect(first.intact).toBe(true);
      const file = path.join(dir, 'loket.db');
      const again = verifyAudit(file, key);
      expect(again.findings).toEqual([]);
      expect(again.bucketRows).toBeGreaterThan(0);
    } finally {
      await core.stop();
    }
  });
});
