// `npm run restore -- --from <file.loketbak> --data <dir>`: a new data folder from a backup (or from
// a plain loket.db copied off the old disk). The recovery key comes from LOKET_RECOVERY_KEY, else
// (web mode) LOKET_MASTER_KEY itself, else a prompt. A plain loket.db whose key is lost restores
// with `--without-key --owner "Nama"` (the owner's new PIN from LOKET_OWNER_PIN or a prompt): every
// sale comes back, credentials must be typed again, the old audit chain is read, not re-verified. Refuses a folder another Loket holds and a folder that already has a ledger; puts the
// ledger in place only after it proved itself (integrity, books, audit chain — before and after
// bringing it to this Loket's schema). Exit 0: restored and verified; 1: refused or not proven
// (the reason in words); 2: usage.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { claimDataFolder, FolderBusyError, type DataFolder } from './data-folder';
import { envKeySource, fileKeySource } from '../secrets/file-key-source';
import { parseMasterKey } from '../secrets/key-source';
import { readRecoveryKey } from '../secrets/recovery-key';
import { readBackupHeader } from '../services/backup/backup-file';
import { installStaged, stageRestore } from '../services/backup/restore';
import { isPlainLedger, stageLedgerCopy } from '../services/backup/restore-ledger';
import { flagValue, runMain } from './cli-flags';

const USAGE =
  'usage: npm run restore -- --from <berkas .loketbak | loket.db> --data <folder data baru> [--without-key --owner "Nama pemilik"]\n' +
  '       (env: LOKET_RECOVERY_KEY, LOKET_MASTER_KEY, LOKET_OWNER_PIN)\n';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function ask(question: string, secret = false): Promise<string> {
  if (!process.stdin.isTTY) fail(`${question.replace(/: $/, '')} tidak diberikan (jalankan di terminal).`, 2);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  if (secret) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const answer = await rl.question(question);
  rl.close();
  if (secret) process.stderr.write('\n');
  return answer;
}

async function recoveredKey(): Promise<Buffer> {
  const master = process.env.LOKET_MASTER_KEY;
  let text = process.env.LOKET_RECOVERY_KEY;
  if (!text && master) {
    const k = parseMasterKey(master);
    if (!k) fail('LOKET_MASTER_KEY bukan kunci 32 byte (64 hex atau base64).', 2);
    return k;
  }
  if (!text) text = await ask('Kunci pemulihan (14 kelompok 4 huruf): ');
  const read = readRecoveryKey(text);
  if (!read.ok) fail(read.message);
  if (master && !parseMasterKey(master)?.equals(read.key)) fail('LOKET_MASTER_KEY berisi kunci lain dari kunci pemulihan ini; hapus LOKET_MASTER_KEY atau samakan.');
  return read.key;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const from = flagValue(argv, '--from');
  const dirArg = flagValue(argv, '--data');
  if (!from || !dirArg) fail(USAGE, 2);
  const dir = path.resolve(dirArg);
  const plain = isPlainLedger(from);
  if (!plain) {
    const head = await readBackupHeader(from);
    if (!head.ok) fail(head.error.message);
    const h = head.header;
    process.stderr.write(`Cadangan ${h.outlet}, dibuat ${new Date(h.createdAt).toISOString()}: ${h.sales} penjualan, skema ${h.schema}.\n`);
  } else process.stderr.write(`${from}: salinan buku biasa (loket.db).\n`);
  const withoutKey = argv.includes('--without-key');
  if (withoutKey && !plain) fail('--without-key hanya untuk loket.db biasa: cadangan terenkripsi tidak bisa dibuka tanpa kuncinya.', 2);
  const ownerName = flagValue(argv, '--owner');
  if (withoutKey && !ownerName) fail('--without-key perlu --owner "Nama pemilik" (akun pemilik yang mendapat PIN baru).', 2);

  let folder: DataFolder;
  try {
    folder = claimDataFolder(dir);
  } catch (e) {
    fail(e instanceof FolderBusyError ? `${e.message} Pemulihan ditolak: tutup Loket itu dulu, atau pulihkan ke folder lain.` : String(e));
  }
  try {
    if (existsSync(path.join(dir, 'loket.db'))) fail(`Folder ${dir} sudah berisi ledger; pemulihan tidak menimpa ledger. Pakai folder kosong.`);
    const given = withoutKey ? null : await recoveredKey();
    const owner = withoutKey ? { name: ownerName!, pin: process.env.LOKET_OWNER_PIN ?? (await ask('PIN baru pemilik (4–8 angka): ', true)) } : null;
    process.stderr.write('Membuka, memeriksa, dan memverifikasi rantai audit …\n');
    const staged: Awaited<ReturnType<typeof stageLedgerCopy>> = plain
      ? given
        ? await stageLedgerCopy({ file: from, dataDir: dir, vaultKey: given })
        : await stageLedgerCopy({ file: from, dataDir: dir, vaultKey: null, owner: owner! })
      : await stageRestore({ file: from, dataDir: dir, vaultKey: given! });
    if (!staged.ok) fail(`${staged.problem.message} (${staged.problem.detail})`);
    const key: Buffer = staged.key ?? given!;
    const source = process.env.LOKET_MASTER_KEY ? envKeySource(process.env.LOKET_MASTER_KEY) : fileKeySource(dir);
    const adopted = await source.adopt(key);
    if (!adopted.ok) fail(`Kunci tidak bisa dipasang: ${adopted.reason}`);
    installStaged(staged.staged, dir);
    const f = staged.facts;
    process.stdout.write(
      `DIPULIHKAN: ${dir}\n  ${f.sales} penjualan, ${f.users} akun; skema ${f.schemaFrom} → ${f.schemaTo}; rantai audit utuh (${f.auditEntries} entri, ${f.auditRows} baris)\n` +
        (f.lastSale ? `  penjualan terakhir: ${f.lastSale.productName} ${new Date(f.lastSale.at).toISOString()}\n` : '') +
        (f.lastShift ? `  shift terakhir: ${f.lastShift.cashier}, dibuka ${new Date(f.lastShift.openedAt).toISOString()}${f.lastShift.closedAt ? '' : ' (belum ditutup)'}\n` : '') +
        (f.keyless
          ? `  TANPA KUNCI: ${f.secretsForgotten} kata sandi penyedia dihapus (masukkan lagi); PIN kasir/supervisor diatur ulang oleh pemilik; rantai audit sebelum entri #${f.unverifiableBefore} dapat dibaca, tidak dapat diverifikasi ulang\n`
          : ''),
    );
  } finally {
    folder.release();
  }
}

runMain(main);
