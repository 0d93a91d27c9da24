// One backup run: an online copy of the live ledger, written encrypted into each chosen folder,
// then each written file read back and proven — decrypted, SQLite's integrity check, the books'
// invariants and the audit chain verified on the copy — before it counts. Then the folder's
// rotation. Blocking SQLite work (the copy, the checks) runs wherever this runs: the backup worker
// in the app, the CLI's own process from `npm run backup`.
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { detachCopy, onlineCopy } from '../../db/online-copy';
import { inspectLedger } from '../../db/ledger-inspect';
import { verifyAuditInWorkers } from '../audit/verify-in-workers';
import { auditKey } from '../../db/audit-digest';
import { openBackup, writeBackup } from './backup-file';
import { writeAtomically, sweepTemps, type OpenTemp } from './atomic-file';
import { backupFileName, backupsToDelete, DEFAULT_ROTATION, type RotationPolicy } from './rotation';
import { describeFsError, type BackupProblem } from './problems';

export type BackupProgress = { stage: 'copy' | 'write' | 'verify' | 'rotate'; folder?: string };

export type BackupOptions = {
  ledgerFile: string;
  /** A private folder for the plain copies (inside the data folder); emptied after. */
  stagingDir: string;
  folders: readonly string[];
  vaultKey: Buffer;
  appVersion: string;
  outlet: string;
  now: () => number;
  nativeBinding?: string;
  rotation?: RotationPolicy;
  /** Tests: where the temp file is really written (e.g. /dev/full). */
  openTemp?: OpenTemp;
  onProgress?: (p: BackupProgress) => void;
  /** Crash tests: called as the backup's bytes reach the temp file (a SIGKILL lands mid-write). */
  onWritten?: (bytes: number) => Promise<void>;
};

export type VerifiedBackup = { folder: string; ok: true; file: string; bytes: number; sales: number; auditRows: number; deleted: string[] };
export type FailedBackup = { folder: string; ok: false; problem: BackupProblem };
export type BackupRun = { at: number; sales: number; results: (VerifiedBackup | FailedBackup)[] };

function stagingFile(dir: string, what: string): string {
  return path.join(dir, `${what}-${Date.now()}-${randomBytes(4).toString('hex')}.db`);
}

/** Reads a written backup back and proves it; a problem, or the facts it holds. */
export async function proveBackup(file: string, vaultKey: Buffer, stagingDir: string, nativeBinding?: string): Promise<{ ok: true; sales: number; auditRows: number } | { ok: false; problem: BackupProblem }> {
  const plain = stagingFile(stagingDir, 'verify');
  try {
    const opened = await openBackup(file, vaultKey, plain);
    if (!opened.ok) return { ok: false, problem: { code: opened.error.code, message: opened.error.message, detail: opened.error.detail } };
    const facts = inspectLedger(plain, nativeBinding ? { nativeBinding } : {});
    if (facts.integrity.length > 0) {
      return { ok: false, problem: { code: 'integrity', message: 'Salinan ledger di cadangan tidak utuh (pemeriksaan SQLite gagal).', detail: facts.integrity.slice(0, 5).join('; ') } };
    }
    if (facts.bookProblems.length > 0) {
      return { ok: false, problem: { code: 'books', message: 'Pembukuan di salinan tidak seimbang.', detail: facts.bookProblems.slice(0, 5).join('; ') } };
    }
    const audit = await verifyAuditInWorkers(plain, auditKey(vaultKey), { maxFindings: 20, ...(nativeBinding ? { nativeBinding } : {}) });
    if (audit.findings.length > 0) {
      return { ok: false, problem: { code: 'audit', message: `Rantai audit di salinan tidak utuh (${audit.findings.length} temuan).`, detail: JSON.stringify(audit.findings.slice(0, 5)) } };
    }
    return { ok: true, sales: facts.sales, auditRows: audit.rows };
  } finally {
    rmSync(plain, { force: true });
  }
}

async function backupInto(folder: string, copy: string, header: Parameters<typeof writeBackup>[3], o: BackupOptions): Promise<VerifiedBackup | FailedBackup> {
  try {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR' });
  } catch (e) {
    return { folder, ok: false, problem: describeFsError(e, folder) };
  }
  let file: string;
  try {
    sweepTemps(folder, o.now());
    o.onProgress?.({ stage: 'write', folder });
    let name = backupFileName(header.createdAt);
    // Two runs in one second (a shift close right after a scheduled run) must not overwrite.
    for (let i = 2; readdirSync(folder).includes(name); i++) name = name.replace(/(-\d+)?\.loketbak$/, `-${i}.loketbak`);
    file = await writeAtomically(folder, name, async (fh) => void (await writeBackup(copy, fh, o.vaultKey, header, o.onWritten)), o.openTemp);
  } catch (e) {
    return { folder, ok: false, problem: describeFsError(e, folder) };
  }
  o.onProgress?.({ stage: 'verify', folder });
  const proof = await proveBackup(file, o.vaultKey, o.stagingDir, o.nativeBinding);
  if (!proof.ok) {
    // A backup that does not prove itself is not one: it must never be restored by mistake.
    rmSync(file, { force: true });
    return { folder, ok: false, problem: proof.problem };
  }
  o.onProgress?.({ stage: 'rotate', folder });
  const deleted: string[] = [];
  for (const name of backupsToDelete(readdirSync(folder), o.now(), o.rotation ?? DEFAULT_ROTATION, undefined, path.basename(file))) {
    try {
      unlinkSync(path.join(folder, name));
      deleted.push(name);
    } catch {
      // A file that cannot be removed stays; the next run tries again.
    }
  }
  return { folder, ok: true, file, bytes: statSync(file).size, sales: proof.sales, auditRows: proof.auditRows, deleted };
}

export async function makeBackup(o: BackupOptions): Promise<BackupRun> {
  mkdirSync(o.stagingDir, { recursive: true, mode: 0o700 });
  const at = o.now();
  const copy = stagingFile(o.stagingDir, 'copy');
  const bin = o.nativeBinding ? { nativeBinding: o.nativeBinding } : {};
  try {
    o.onProgress?.({ stage: 'copy' });
    try {
      await onlineCopy(o.ledgerFile, copy, bin);
      detachCopy(copy, bin);
    } catch (e) {
      // The copy is made in the data folder first: its disk, not the target's, is what failed.
      const full = /SQLITE_FULL|ENOSPC|database or disk is full/i.test(`${(e as { code?: string }).code ?? ''} ${(e as Error).message}`);
      const problem: BackupProblem = full
        ? { code: 'disk_full', message: 'Disk komputer ini penuh: untuk mencadangkan, Loket butuh ruang kosong sekitar dua kali besar bukunya di folder datanya.', detail: (e as Error).message }
        : { code: 'copy_failed', message: 'Buku tidak bisa disalin untuk dicadangkan.', detail: (e as Error).message };
      return { at, sales: 0, results: o.folders.map((folder) => ({ folder, ok: false as const, problem })) };
    }
    const facts = inspectLedger(copy, { ...bin, integrity: 'skip' });
    const header = { createdAt: at, appVersion: o.appVersion, schema: facts.schema, outlet: o.outlet, sales: facts.sales, lastSaleAt: facts.lastSale?.at ?? null };
    const results: BackupRun['results'] = [];
    for (const folder of o.folders) results.push(await backupInto(folder, copy, header, o));
    return { at, sales: facts.sales, results };
  } finally {
    rmSync(copy, { force: true });
    rmSync(`${copy}-journal`, { force: true });
  }
}
