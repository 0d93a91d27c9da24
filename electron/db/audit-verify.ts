// Checks the ledger against its audit chain: the chain entry by entry, then each audited table row
// by row against the last seal of that row. Says where: the entry, or the table, row and its key.
// The work is cut into ranges (audit-verify-range.ts) so that workers can share it
// (services/audit/verify-in-workers.ts); `verifyAudit` runs them all here, in order.
import type Database from 'better-sqlite3';
import { AUDITED_TABLES, BUCKET_BITS, GENESIS, entryHash } from './audit-digest';
import { chainRange, openReader, tableRange, type AuditFinding, type AuditTask, type Checkpoint, type RangeResult } from './audit-verify-range';

export type { AuditFinding, AuditTask, Checkpoint } from './audit-verify-range';

export type AuditReport = {
  entries: number;
  rows: number;
  /** Of `rows`, those proven a bucket at a time by a checkpoint (the rest row by row). */
  bucketRows: number;
  findings: AuditFinding[];
  keyed: boolean;
  ms: number;
  /** A restore without the old key: entries before this seq are read, not re-verified. */
  unverifiableBefore: number | null;
  /** Buckets proven row by row that the app may now seal as a whole (audit.ts checkpoint). */
  checkpoints: Checkpoint[];
};

export type AuditPlan = {
  tasks: AuditTask[];
  /** Work units for a progress bar: every table row and every seal the chain pass reads. */
  units: number;
  /** Whether every entry is keyed; rows are checked with the key only then. */
  keyed: boolean;
  unverifiableBefore: number | null;
};

/** A range's size: a whole number of checkpoint buckets (64 rows), about 200,000 rows. */
const CHUNK = 3_125 << BUCKET_BITS;

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
  // The chain cut near every `chunk` seals (seals are appended in entry order, so a seal's rowid
  // says how far along the chain it is). The first range also takes seals numbered below 1, the
  // last those above the newest entry, so every seal row is met by some range.
  let from = 1;
  for (let r = chunk; r < sealRows && from <= maxSeq; r += chunk) {
    const at = db.prepare('SELECT seq FROM audit_rows WHERE rowid >= ? ORDER BY rowid LIMIT 1').get(r) as { seq: number } | undefined;
    if (!at || at.seq <= from || at.seq > maxSeq) continue;
    tasks.push({ kind: 'chain', from, to: at.seq - 1, first: tasks.length === 0, last: false, verifyFrom });
    from = at.seq;
  }
  tasks.push({ kind: 'chain', from, to: Math.max(maxSeq, from), first: tasks.length === 0, last: true, verifyFrom });
  for (const t of AUDITED_TABLES) {
    // A ledger of an older schema (read without migrating) has not got every table yet.
    if (!hasTable(db, t)) continue;
    const rows = db.prepare(`SELECT min(rowid) AS lo, count(*) AS n FROM main."${t}"`).get() as { lo: number | null; n: number };
    const seals = db.prepare('SELECT min(rid) AS lo FROM audit_rows WHERE tbl = ?').get(t) as { lo: number | null };
    units += rows.n;
    if (rows.lo === null && seals.lo === null) continue;
    // Cut every `chunk` rows, on a bucket boundary (each bucket is checked by one range, whole);
    // the first and last ranges are open, so rows or seals at any rowid are met.
    const size = 1 << BUCKET_BITS;
    let from = Number.MIN_SAFE_INTEGER;
    for (let k = chunk; k < rows.n; k += chunk) {
      const at = db.prepare(`SELECT rowid AS r FROM main."${t}" ORDER BY rowid LIMIT 1 OFFSET ?`).get(k) as { r: number } | undefined;
      if (!at) break;
      const cut = Math.floor(at.r / size) * size;
      if (cut <= from) continue;
      tasks.push({ kind: 'table', table: t, from, to: cut - 1 });
      from = cut;
    }
    tasks.push({ kind: 'table', table: t, from, to: Number.MAX_SAFE_INTEGER });
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
  let bucketRows = 0;
  let keyed = true;
  const checkpoints: Checkpoint[] = [];
  for (const r of results) {
    for (const c of r.checkpoints) checkpoints.push(c);
    entries += r.entries;
    rows += r.rows;
    bucketRows += r.bucketRows;
    keyed &&= r.keyed;
    for (const f of r.findings) if (findings.length < max) findings.push(f);
  }
  // A tampered ledger earns no checkpoint: it is checked row by row until it is sound again.
  return { entries, rows, bucketRows, findings, keyed, ms: Date.now() - started, unverifiableBefore, checkpoints: findings.length === 0 ? checkpoints : [] };
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
