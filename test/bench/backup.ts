// Backing up and restoring the bench ledger, timed by stage, beside a plain file copy of it.
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeBackup } from '../../electron/services/backup/make-backup';
import { stageRestore } from '../../electron/services/backup/restore';

export type BackupFigures = { ledgerMb: number; fileMb: number; backupSeconds: number; copySeconds: number; writeSeconds: number; verifySeconds: number; restoreSeconds: number; plainCopySeconds: number };

export async function benchBackup(dataDir: string, vaultKey: Buffer): Promise<BackupFigures> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'loket-bench-bak-'));
  const ledger = path.join(dataDir, 'loket.db');
  const marks: Record<string, number> = {};
  const t0 = performance.now();
  const run = await makeBackup({
    ledgerFile: ledger,
    stagingDir: path.join(dataDir, 'backup-staging'),
    folders: [folder],
    vaultKey,
    appVersion: 'bench',
    outlet: 'Loket Bench',
    now: Date.now,
    onProgress: (p) => void (marks[p.stage] ??= performance.now()),
  });
  const t1 = performance.now();
  const r = run.results[0]!;
  if (!r.ok) throw new Error(`bench backup failed: ${r.problem.message} ${r.problem.detail}`);
  const restoreDir = mkdtempSync(path.join(os.tmpdir(), 'loket-bench-restore-'));
  const staged = await stageRestore({ file: r.file, dataDir: restoreDir, vaultKey });
  const t2 = performance.now();
  if (!staged.ok) throw new Error(`bench restore failed: ${staged.problem.message}`);
  const plain = path.join(restoreDir, 'plain.db');
  const c0 = performance.now();
  copyFileSync(ledger, plain);
  const c1 = performance.now();
  const figures: BackupFigures = {
    ledgerMb: statSync(ledger).size / 2 ** 20,
    fileMb: r.bytes / 2 ** 20,
    backupSeconds: (t1 - t0) / 1000,
    copySeconds: ((marks.write ?? t1) - (marks.copy ?? t0)) / 1000,
    writeSeconds: ((marks.verify ?? t1) - (marks.write ?? t0)) / 1000,
    verifySeconds: (t1 - (marks.verify ?? t1)) / 1000,
    restoreSeconds: (t2 - t1) / 1000,
    plainCopySeconds: (c1 - c0) / 1000,
  };
  rmSync(folder, { recursive: true, force: true });
  rmSync(restoreDir, { recursive: true, force: true });
  return figures;
}
