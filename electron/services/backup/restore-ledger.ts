// Restoring from a plain copy of a ledger (loket.db taken off an old disk, or copied by hand) rather
// than a .loketbak. With the recovery key it is proven like a backup. Without it — the key is gone
// with the old PC — every sale still comes back, but nothing sealed under the old key can be opened
// or re-verified: a new vault key is made, the stored credentials are forgotten (they must be typed
// again), the owner named gets a new PIN (the other accounts' PINs are reset by the owner), and the
// audit chain is re-anchored: its old entries stay readable (rows and order checked), a 'rekeyed'
// entry under the new key starts what can be verified again. Nothing in the data folder changes
// until the staged ledger has passed its checks.
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openLedger } from '../../db/connection';
import { schemaVersion } from '../../db/migrate';
import { installAuditor } from '../../db/audit';
import { auditKey } from '../../db/audit-digest';
import { detachCopy, onlineCopy } from '../../db/online-copy';
import { inspectLedger } from '../../db/ledger-inspect';
import { forgetAllSecrets } from '../../db/queries/secrets';
import { getUserByName, setUserPin } from '../../db/queries/users';
import { deleteSetting } from '../../db/queries/settings';
import { RECOVERY_CONFIRMED } from './recovery-state';
import { hashPin, pinPepper, PIN_PATTERN } from '../counter/pin';
import { verifyAuditInWorkers } from '../audit/verify-in-workers';
import { keyOpensChain } from '../../db/audit-verify';
import type { BackupProblem } from './problems';
import type { Staged } from './restore';

/** Whether a file is an SQLite database (a plain ledger) rather than a backup. */
export function isPlainLedger(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(16);
      readSync(fd, head, 0, 16, 0);
      return head.toString('latin1') === 'SQLite format 3\0';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export type LedgerRestore = { file: string; dataDir: string; nativeBinding?: string } & ({ vaultKey: Buffer } | { vaultKey: null; owner: { name: string; pin: string } });

export async function stageLedgerCopy(o: LedgerRestore): Promise<Staged & { key?: Buffer }> {
  const dir = path.join(o.dataDir, 'restore');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const staged = path.join(dir, `restored-${Date.now()}-${randomBytes(4).toString('hex')}.db`);
  const bin = o.nativeBinding ? { nativeBinding: o.nativeBinding } : {};
  const fail = (problem: BackupProblem): Staged => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staged + suffix, { force: true });
    return { ok: false, problem };
  };
  if (o.vaultKey === null && !PIN_PATTERN.test(o.owner.pin)) return fail({ code: 'pin_invalid', message: 'PIN baru pemilik harus 4–8 angka.', detail: '' });
  try {
    await onlineCopy(o.file, staged, bin);
    detachCopy(staged, bin);
  } catch (e) {
    return fail({ code: 'unreadable', message: `${o.file} tidak bisa dibaca sebagai buku Loket.`, detail: (e as Error).message });
  }
  const before = inspectLedger(staged, bin);
  if (before.integrity.length > 0) return fail({ code: 'integrity', message: 'Salinan buku ini tidak utuh (pemeriksaan SQLite gagal).', detail: before.integrity.slice(0, 5).join('; ') });
  if (before.bookProblems.length > 0) return fail({ code: 'books', message: 'Pembukuan di salinan ini tidak seimbang.', detail: before.bookProblems.slice(0, 5).join('; ') });

  let key: Buffer;
  let secretsForgotten = 0;
  let schemaTo: number;
  try {
    const db = openLedger(staged, bin);
    try {
      schemaTo = schemaVersion(db);
      if (o.vaultKey) {
        key = o.vaultKey;
        if (!keyOpensChain(staged, auditKey(key), bin)) return fail({ code: 'wrong_key', message: 'Kunci pemulihan ini bukan kunci buku ini.', detail: 'first keyed entry does not verify' });
      } else {
        const owner = getUserByName(db, o.owner.name.trim());
        if (!owner || owner.role !== 'owner') {
          return fail({ code: 'owner_unknown', message: `Tidak ada akun pemilik bernama "${o.owner.name.trim()}" di buku ini. Ketik nama pemilik seperti di Loket lama.`, detail: '' });
        }
        key = randomBytes(32);
        const auditor = installAuditor(db, auditKey(key), Date.now);
        auditor.rekey('restored without the old vault key');
        secretsForgotten = forgetAllSecrets(db);
        const pin = await hashPin(o.owner.pin, pinPepper(key));
        db.transaction(() => {
          setUserPin(db, owner.id, pin, Date.now());
          // The recovery key written down was the lost key's: the owner writes down the new one.
          deleteSetting(db, RECOVERY_CONFIRMED);
        })();
      }
    } finally {
      db.close();
    }
  } catch (e) {
    return fail({ code: 'schema', message: 'Buku ini dibuat oleh Loket yang lebih baru; perbarui Loket dulu.', detail: (e as Error).message });
  }
  const audit = await verifyAuditInWorkers(staged, auditKey(key), { maxFindings: 20, ...bin });
  if (audit.findings.length > 0) {
    return fail({ code: 'audit', message: `Rantai audit di salinan ini tidak utuh (${audit.findings.length} temuan).`, detail: JSON.stringify(audit.findings.slice(0, 5)) });
  }
  const after = inspectLedger(staged, bin);
  return {
    ok: true,
    staged,
    key,
    facts: {
      header: null,
      keyless: o.vaultKey === null,
      secretsForgotten,
      unverifiableBefore: audit.unverifiableBefore,
      schemaFrom: before.schema,
      schemaTo,
      sales: after.sales,
      users: after.users,
      lastSale: after.lastSale,
      lastShift: after.lastShift,
      auditEntries: audit.entries,
      auditRows: audit.rows,
    },
  };
}
