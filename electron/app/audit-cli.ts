// `npm run audit:verify -- --data <dir>`: checks a ledger against its audit chain without starting
// Loket. The key comes from where web mode takes it (LOKET_MASTER_KEY, or <dir>/master.key). It
// never writes: no key file is made (a made-up key would report every keyed row as tampered, and
// later starts would pick it up as theirs), and the ledger is opened read-only beside a running
// Loket. Exit 0: intact; 1: tampered (each finding printed); 2: cannot check (no ledger, no key).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { verifyAuditInWorkers } from '../services/audit/verify-in-workers';
import { auditKey } from '../db/audit-digest';
import { envKeySource, fileKeySource } from '../secrets/file-key-source';
import { describeFinding } from './audit-findings';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--data');
  const dir = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--data='))?.slice(7);
  if (!dir) {
    process.stderr.write('usage: npm run audit:verify -- --data <data folder>\n');
    process.exit(2);
  }
  const file = path.join(dir, 'loket.db');
  if (!existsSync(file)) {
    process.stderr.write(`no ledger at ${file}\n`);
    process.exit(2);
  }
  const source = process.env.LOKET_MASTER_KEY ? envKeySource(process.env.LOKET_MASTER_KEY) : fileKeySource(dir, { create: false });
  const k = await source.getKey();
  if (!k.ok) {
    process.stderr.write(
      `Kunci audit tidak ada: ${k.reason}. Loket mencarinya di ${path.join(dir, 'master.key')} atau di LOKET_MASTER_KEY ` +
        '(ledger dari aplikasi Electron: kuncinya di keychain sistem; pakai Pengaturan → "Periksa sekarang").\n' +
        `The audit key is missing: expected at ${path.join(dir, 'master.key')} or in LOKET_MASTER_KEY. Nothing was checked or written.\n`,
    );
    process.exit(2);
  }
  // A progress line on stderr (a terminal sees it move; a log sees one line per tenth).
  let shown = -1;
  const report = await verifyAuditInWorkers(file, auditKey(k.key), {
    maxFindings: 1000,
    onProgress: (done, total) => {
      const tenth = Math.floor((done / Math.max(1, total)) * 10);
      if (tenth === shown) return;
      shown = tenth;
      process.stderr.write(`memeriksa… ${tenth * 10}% (${done.toLocaleString('id-ID')} dari ${total.toLocaleString('id-ID')})${process.stderr.isTTY ? '\r' : '\n'}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const rate = Math.round(report.rows / Math.max(0.001, report.ms / 1000));
  if (report.findings.length === 0) {
    process.stdout.write(`UTUH: ${report.entries} entri audit, ${report.rows} baris diperiksa dalam ${report.ms} ms (${rate} baris/detik)\n`);
    return;
  }
  process.stdout.write(`TIDAK UTUH: ${report.findings.length} temuan (${report.entries} entri, ${report.rows} baris)\n`);
  for (const f of report.findings) process.stdout.write(`- ${describeFinding(f)}\n`);
  process.exit(1);
}

void main();
