// The audit verifier against a raw loop, same ledger, same run: the raw loop reads every audited
// row the way the verifier does — SQLite's text of each 64-row bucket, one keyed hash per bucket —
// and reads the chain and computes the same entry HMACs; no seals compared, no findings, one
// thread. The verifier then runs on this thread (inline) and in workers.
import { hash } from 'node:crypto';
import Database from 'better-sqlite3';
import { AUDITED_TABLES, BUCKET_BITS, bucketDigestHex, bucketSql, entryHash, GENESIS, rowKeyV2 } from '../../electron/db/audit-digest';
import { tableColumns } from '../../electron/db/audit-verify-range';
import { verifyAudit } from '../../electron/db/audit-verify';
import { verifyAuditInWorkers } from '../../electron/services/audit/verify-in-workers';

export type VerifierFigures = { rows: number; bucketRows: number; entries: number; rawMs: number; inlineMs: number; workersMs: number; workers: number; findings: number };

function rawLoop(file: string, key: Buffer): { rows: number; entries: number; sink: number } {
  const db = new Database(file, { readonly: true });
  const rowKey = rowKeyV2(key);
  let rows = 0;
  let sink = 0;
  try {
    for (const t of AUDITED_TABLES) {
      const cols = tableColumns(db, t);
      if (cols.length === 0) continue;
      const read = db.prepare(bucketSql(t, cols)).raw(true);
      const span = db.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi FROM "${t}"`).get() as { lo: number | null; hi: number | null };
      if (span.lo === null || span.hi === null) continue;
      for (let b = span.lo >> BUCKET_BITS; b <= span.hi >> BUCKET_BITS; b++) {
        const [n, text] = read.get(b << BUCKET_BITS, ((b + 1) << BUCKET_BITS) - 1) as [number, string | null];
        if (text !== null) sink ^= bucketDigestHex(rowKey, t, b, text).charCodeAt(0);
        rows += n;
      }
    }
    let prev: Buffer = GENESIS;
    let entries = 0;
    for (const e of db.prepare('SELECT seq, at, actor, kind, subject, rows_hash, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<{ seq: number; at: number; actor: string; kind: string; subject: string; rows_hash: Buffer; hash: Buffer }>) {
      sink ^= entryHash(key, prev, { seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, rowsHash: e.rows_hash })[0]!;
      prev = e.hash;
      entries++;
    }
    return { rows, entries, sink: sink ^ hash('sha256', String(sink), 'buffer')[0]! };
  } finally {
    db.close();
  }
}

export async function benchVerifier(file: string, key: Buffer): Promise<VerifierFigures> {
  let t = performance.now();
  const raw = rawLoop(file, key);
  const rawMs = performance.now() - t;
  t = performance.now();
  const inline = verifyAudit(file, key);
  const inlineMs = performance.now() - t;
  let workers = 0;
  t = performance.now();
  const par = await verifyAuditInWorkers(file, key, { onProgress: () => void workers++ });
  const workersMs = performance.now() - t;
  if (par.rows !== inline.rows || par.rows !== raw.rows) throw new Error(`row counts differ: raw ${raw.rows}, inline ${inline.rows}, workers ${par.rows}`);
  const os = await import('node:os');
  return { rows: par.rows, bucketRows: par.bucketRows, entries: par.entries, rawMs, inlineMs, workersMs, workers: Math.min(4, os.availableParallelism()), findings: par.findings.length + inline.findings.length };
}
