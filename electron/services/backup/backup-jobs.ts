// The jobs the backup worker runs — a backup run, or a restore's staging of a backup file or of a
// plain ledger (with or without its key) — and running one, wherever that happens (the worker
// thread, or this thread when no worker can start).
import { makeBackup, type BackupProgress, type BackupRun } from './make-backup';
import { stageRestore, type Staged } from './restore';
import { stageLedgerCopy } from './restore-ledger';

export type BackupJob =
  | { kind: 'backup'; ledgerFile: string; stagingDir: string; folders: string[]; vaultKey: string; appVersion: string; outlet: string; nativeBinding?: string }
  | { kind: 'restore'; file: string; dataDir: string; vaultKey: string; nativeBinding?: string }
  | { kind: 'restoreLedger'; file: string; dataDir: string; vaultKey: string | null; owner: { name: string; pin: string } | null; nativeBinding?: string };

export type RestoreJob = Exclude<BackupJob, { kind: 'backup' }>;
/** A staged restore and the key the restored ledger opens with (a new one when restored without the old). */
export type StagedWithKey = { staged: Staged; key: Buffer | null };

export function runBackup(job: Extract<BackupJob, { kind: 'backup' }>, onProgress?: (p: BackupProgress) => void): Promise<BackupRun> {
  return makeBackup({
    ledgerFile: job.ledgerFile,
    stagingDir: job.stagingDir,
    folders: job.folders,
    vaultKey: Buffer.from(job.vaultKey, 'hex'),
    appVersion: job.appVersion,
    outlet: job.outlet,
    now: Date.now,
    ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}

export async function runRestore(job: RestoreJob): Promise<StagedWithKey> {
  const bin = job.nativeBinding ? { nativeBinding: job.nativeBinding } : {};
  if (job.kind === 'restore') {
    const vaultKey = Buffer.from(job.vaultKey, 'hex');
    return { staged: await stageRestore({ file: job.file, dataDir: job.dataDir, vaultKey, ...bin }), key: vaultKey };
  }
  if (!job.vaultKey && !job.owner) {
    return { staged: { ok: false, problem: { code: 'owner_unknown', message: 'Tanpa kunci pemulihan, isi nama pemilik dan PIN barunya.', detail: '' } }, key: null };
  }
  const r = job.vaultKey
    ? await stageLedgerCopy({ file: job.file, dataDir: job.dataDir, vaultKey: Buffer.from(job.vaultKey, 'hex'), ...bin })
    : await stageLedgerCopy({ file: job.file, dataDir: job.dataDir, vaultKey: null, owner: job.owner!, ...bin });
  return { staged: r, key: r.ok ? (r.key ?? null) : null };
}
