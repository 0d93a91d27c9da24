// `npm run backup -- --data <dir> --to <folder> [--to <folder> …]`: an encrypted, verified backup of
// the ledger in <dir> into each folder — also while Loket runs on that folder (an online copy
// through SQLite's backup API on a read-only connection; Loket's lock is not needed). The key is
// web mode's (LOKET_MASTER_KEY, or <dir>/master.key). Progress on stderr; exit 0 when every folder
// holds a backup that proved itself, 1 when one did not (the reason in words), 2 for usage.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { envKeySource, fileKeySource } from '../secrets/file-key-source';
import { makeBackup } from '../services/backup/make-backup';
import { flagValue, flagValues, runMain } from './cli-flags';

const USAGE = 'usage: npm run backup -- --data <data folder> --to <backup folder> [--to <another folder>] [--outlet "Nama"]\n';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dir = flagValue(argv, '--data');
  const folders = flagValues(argv, '--to').map((f) => path.resolve(f));
  if (!dir || folders.length === 0) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const ledgerFile = path.join(dir, 'loket.db');
  if (!existsSync(ledgerFile)) {
    process.stderr.write(`Tidak ada ledger di ${ledgerFile}.\n`);
    process.exit(2);
  }
  const source = process.env.LOKET_MASTER_KEY ? envKeySource(process.env.LOKET_MASTER_KEY) : fileKeySource(dir, { create: false });
  const key = await source.getKey();
  if (!key.ok) {
    process.stderr.write(`Kunci ledger tidak ada: ${key.reason}. Cadangan dienkripsi dengan kunci itu, jadi tidak ada yang ditulis.\n`);
    process.exit(2);
  }
  const started = Date.now();
  const run = await makeBackup({
    ledgerFile,
    stagingDir: path.join(dir, 'backup-staging'),
    folders,
    vaultKey: key.key,
    appVersion: process.env.npm_package_version ?? '0.0.0',
    outlet: flagValue(argv, '--outlet') ?? 'Loket',
    now: Date.now,
    onProgress: (p) => process.stderr.write(`  ${p.stage}${p.folder ? ` ${p.folder}` : ''} …\n`),
  });
  let failed = 0;
  for (const r of run.results) {
    if (r.ok) {
      process.stdout.write(`TERVERIFIKASI: ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB, ${r.sales} penjualan, ${r.auditRows} baris audit utuh)\n`);
      for (const d of r.deleted) process.stdout.write(`  rotasi: ${d} dihapus\n`);
    } else {
      failed++;
      process.stdout.write(`GAGAL: ${r.problem.message} (${r.problem.detail})\n`);
    }
  }
  process.stderr.write(`selesai dalam ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (failed > 0) process.exit(1);
}

runMain(main);
