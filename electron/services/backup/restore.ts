// Restoring a backup: decrypt into a private staging file, prove it as it was backed up (integrity,
// books, audit chain under the recovered key), bring it to this Loket's schema, prove it again as
// Loket will open it, and only then put it in place as the data folder's ledger. Nothing in the
// data folder changes until every check has passed.
import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openLedger } from '../../db/connection';
import { schemaVersion } from '../../db/migrate';
import { inspectLedger, type LedgerFacts } from '../../db/ledger-inspect';
import { verifyAuditInWorkers } from '../audit/verify-in-workers';
import { auditKey } from '../../db/audit-digest';
import { openBackup, type BackupHeader } from './backup-file';
import type { BackupProblem } from './problems';

export type RestoredFacts = {
  /** The backup's own header; null for a plain copy of a ledger (loket.db). */
  header: BackupHeader | null;
  /** Restored without the old vault key: a new key was made, credentials forgotten, the chain re-anchored. */
  keyless: boolean;
  secretsForgotten: number;
  unverifiableBefore: number | null;
  schemaFrom: number;
  schemaTo: number;
  sales: number;
  users: number;
  lastSale: LedgerFacts['lastSale'];
  lastShift: LedgerFacts['lastShift'];
  auditEntries: number;
  auditRows: number;
};

export type Staged = { ok: true; staged: string; facts: RestoredFacts } | { ok: false; problem: BackupProblem };

async function prove(
  file: string,
  vaultKey: Buffer,
  nativeBinding: string | undefined,
): Promise<{ ok: true; facts: LedgerFacts; entries: number; rows: number; unverifiableBefore: number | null } | { ok: false; problem: BackupProblem }> {
  const bin = nativeBinding ? { nativeBinding } : {};
  const facts = inspectLedger(file, bin);
  if (facts.integrity.length > 0) return { ok: false, problem: { code: 'integrity', message: 'Ledger di cadangan tidak utuh (pemeriksaan SQLite gagal).', detail: facts.integrity.slice(0, 5).join('; ') } };
  if (facts.bookProblems.length > 0) return { ok: false, problem: { code: 'books', message: 'Pembukuan di cadangan tidak seimbang.', detail: facts.bookProblems.slice(0, 5).join('; ') } };
  const audit = await verifyAuditInWorkers(file, auditKey(vaultKey), { maxFindings: 20, ...bin });
  if (audit.findings.length > 0) {
    return { ok: false, problem: { code: 'audit', message: `Rantai audit di cadangan tidak utuh (${audit.findings.length} temuan).`, detail: JSON.stringify(audit.findings.slice(0, 5)) } };
  }
  return { ok: true, facts, entries: audit.entries, rows: audit.rows, unverifiableBefore: audit.unverifiableBefore };
}

/** Decrypts, proves and migrates a backup into `<dataDir>/restore/`; the data folder's ledger is not touched. */
export async function stageRestore(o: { file: string; dataDir: string; vaultKey: Buffer; nativeBinding?: string }): Promise<Staged> {
  const dir = path.join(o.dataDir, 'restore');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const staged = path.join(dir, `restored-${Date.now()}-${randomBytes(4).toString('hex')}.db`);
  const clean = (): void => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staged + suffix, { force: true });
  };
  try {
    const opened = await openBackup(o.file, o.vaultKey, staged);
    if (!opened.ok) {
      clean();
      return { ok: false, problem: { code: opened.error.code, message: opened.error.message, detail: opened.error.detail } };
    }
    const before = await prove(staged, o.vaultKey, o.nativeBinding);
    if (!before.ok) {
      clean();
      return before;
    }
    // The backup's schema brought to this Loket's, exactly as a start would; then proven again.
    let schemaTo: number;
    try {
      const db = openLedger(staged, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
      schemaTo = schemaVersion(db);
      db.close();
    } catch (e) {
      clean();
      return { ok: false, problem: { code: 'schema', message: 'Cadangan ini dibuat oleh Loket yang lebih baru; perbarui Loket dulu.', detail: (e as Error).message } };
    }
    const after = await prove(staged, o.vaultKey, o.nativeBinding);
    if (!after.ok) {
      clean();
      return after;
    }
    const f = after.facts;
    return {
      ok: true,
      staged,
      facts: {
        header: opened.header,
        keyless: false,
        secretsForgotten: 0,
        unverifiableBefore: after.unverifiableBefore,
        schemaFrom: before.facts.schema,
        schemaTo,
        sales: f.sales,
        users: f.users,
        lastSale: f.lastSale,
        lastShift: f.lastShift,
        auditEntries: after.entries,
        auditRows: after.rows,
      },
    };
  } catch (e) {
    clean();
    return { ok: false, problem: { code: 'restore_failed', message: 'Pemulihan gagal.', detail: (e as Error).message } };
  }
}

/** The staged ledger becomes the folder's ledger (whose files must be gone: a restore never merges). */
export function installStaged(staged: string, dataDir: string): void {
  const target = path.join(dataDir, 'loket.db');
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(target + suffix)) throw new Error(`${target + suffix} exists; a restore never overwrites a ledger`);
  }
  renameSync(staged, target);
  try {
    rmdirSync(path.dirname(staged));
  } catch {
    // Not empty (another staging file) or gone: leave it.
  }
}
