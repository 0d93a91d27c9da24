// Checks the ledger against its audit chain: the chain entry by entry, then each audited table row
// by row against the last seal of that row. Says where: the entry, or the table, row and its key.
// The work is cut into ranges (audit-verify-range.ts) so that workers can share it
// (services/audit/verify-in-workers.ts); `verifyAudit` runs them all here, in order.
import type Database from 'better-sqlite3';
import { AUDITED_TABLES, GENESIS, entryHash } from './audit-digest';
import { chainRange, openReader, tableRange, type AuditFinding, type AuditTask, type RangeResult } from './audit-verify-range';

export type { AuditFinding, AuditTask } from './audit-verify-range';

export type AuditReport = {
  entries: number;
  rows: number;
  findings: AuditFinding[];
  keyed: boolean;
  ms: number;
  /** A restore without the old key: entries before this seq are read, not re-verified. */
  unverifiableBefore: number | null;
};

export type AuditPlan = {
  tasks: AuditTask[];
  /** Work units for a progress bar: every table row and every seal the chain pass reads. */
  units: number;
  /** Whether every entry is keyed; rows are checked with the key only then. */
  keyed: boolean;
  unverifiableBefore: number | null;
};

const CHUNK = 200_000;

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The work, cut into ranges of about `chunk` rows: the chain by the seals it covers, each table by rowid. */
export function planAudit(db: Database.Database, chunk = CHUNK): AuditPlan {
  const tasks: AuditTask[] = [];
  let units = 0;
  const keyed = db.prepare('SELECT 1 FROM audit_log WHERE keyed = 0 LIMIT 1').get() === undefined;
  const maxSeq = (db.prepare('SELECT max(seq) AS m FROM audit_log').get() as { m: number | null }).m ?? 0;
  const anchor = (db.prepare("SELECT max(seq) AS m FROM audit_log WHERE kind = 'rekeyed'").get() as { m: number | null }).m;
  const verifyFrom = anchor ?? 1;
  const sealRows = (db.prepare('SELECT max(rowid) AS m FROM audit_rows').get() as { m: number | null }).m ?? 0;
  units += sealRows;
  // The chain cut at entry starts near every `chunk` seals. Seals are appended in entry order, so a
  // stretch of entries is a stretch of rowids: each range scans its seals in rowid order (no index
  // lookups), and together the ranges cover every seal row there is.
  let from = 1;
  let fromRow = Number.MIN_SAFE_INTEGER;
  for (let r = chunk; r < sealRows && from <= maxSeq; r += chunk) {
    const at = db.prepare('SELECT seq FROM audit_rows WHERE rowid >= ? ORDER BY rowid LIMIT 1').get(r) as { seq: number } | undefined;
    if (!at || at.seq <= from) continue;
    const start = db.prepare('SELECT min(rowid) AS r FROM audit_rows WHERE seq = ?').get(at.seq) as { r: number | null };
    if (start.r === null || start.r <= fromRow) continue;
    tasks.push({ kind: 'chain', from, to: at.seq - 1, rows: [fromRow, start.r - 1], verifyFrom });
    from = at.seq;
    fromRow = start.r;
  }
  tasks.push({ kind: 'chain', from, to: Math.max(maxSeq, from), rows: [fromRow, Number.MAX_SAFE_INTEGER], verifyFrom });
  for (const t of AUDITED_TABLES) {
    // A ledger of an older schema (read without migrating) has not got every table yet.
    if (!hasTable(db, t)) continue;
    const rows = db.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi, count(*) AS n FROM main."${t}"`).get() as { lo: number | null; hi: number | null; n: number };
    const seals = db.prepare('SELECT min(rid) AS lo, max(rid) AS hi FROM audit_rows WHERE tbl = ?').get(t) as { lo: number | null; hi: number | null };
    const lo = Math.min(rows.lo ?? Infinity, seals.lo ?? Infinity);
    const hi = Math.max(rows.hi ?? -Infinity, seals.hi ?? -Infinity);
    units += rows.n;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
    for (let a = lo; a <= hi; a += chunk) tasks.push({ kind: 'table', table: t, from: a, to: Math.min(hi, a + chunk - 1) });
  }
  return { tasks, units, keyed, unverifiableBefore: anchor };
}

export function runAuditTask(db: Database.Database, key: Buffer | null, keyed: boolean, task: AuditTask, max: number, onUnits?: (n: number) => void): RangeResult {
  if (task.kind === 'chain') {
    const r = chainRange(db, key, task, max);
    onUnits?.(r.sealRows);
    return r;
  }
  return tableRange(db, key, keyed, task.table, task.from, task.to, max, onUnits);
}

/** Merges range results in plan order (chain first, then tables as listed), keeping at most `max` findings. */
export function mergeResults(results: readonly RangeResult[], max: number, started: number, unverifiableBefore: number | null): AuditReport {
  const findings: AuditFinding[] = [];
  let entries = 0;
  let rows = 0;
  let keyed = true;
  for (const r of results) {
    entries += r.entries;
    rows += r.rows;
    keyed &&= r.keyed;
    for (const f of r.findings) if (findings.length < max) findings.push(f);
  }
  return { entries, rows, findings, keyed, ms: Date.now() - started, unverifiableBefore };
}

/** Whether `key` is the one the chain's first keyed entry was sealed under (a wrong recovery key is said as such). */
export function keyOpensChain(file: string, key: Buffer | null, opts: { nativeBinding?: string } = {}): boolean {
  const db = openReader(file, opts.nativeBinding);
  try {
    const e = db.prepare('SELECT * FROM audit_log WHERE keyed = 1 ORDER BY seq LIMIT 1').get() as
      | { seq: number; at: number; actor: string; kind: string; subject: string; rows_hash: Buffer; hash: Buffer }
      | undefined;
    if (!e) return true;
    const prev = e.seq === 1 ? GENESIS : ((db.prepare('SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1').get(e.seq) as { hash: Buffer } | undefined)?.hash ?? GENESIS);
    return key !== null && entryHash(key, prev, { seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, rowsHash: e.rows_hash }).equals(e.hash);
  } finally {
    db.close();
  }
}

/** The whole check on this thread (tests, small ledgers); the app runs it in workers. */
export function verifyAudit(file: string, key: Buffer | null, opts: { nativeBinding?: string; maxFindings?: number } = {}): AuditReport {
  const started = Date.now();
  const max = opts.maxFindings ?? 200;
  const db = openReader(file, opts.nativeBinding);
  try {
    const plan = planAudit(db);
    return mergeResults(
      plan.tasks.map((t) => runAuditTask(db, key, plan.keyed, t, max)),
      max,
      started,
      plan.unverifiableBefore,
    );
  } finally {
    db.close();
  }
}
