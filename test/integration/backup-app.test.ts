// Backups inside the running app: the owner picks a folder, a backup runs on a worker thread while
// the counter keeps selling, a shift close backs up, the top bar's badge follows (unset → ok →
// failed with the reason → old after 24 h), the recovery key is shown and confirmed by two of its
// groups, and a first start restores through the runtime and opens on the restored ledger.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../shared/contract-names';
import type { BackupStatus, RecoveryKeyView, RestoredView } from '../../shared/backup';
import type { AppInfo } from '../../shared/contract';
import { startLoketRuntime, type LoketRuntime } from '../../electron/app/loket-runtime';
import { invokeCall } from '../../electron/app/invoke';
import { silentLogger } from '../../electron/log/logger';
import { fileKeySource } from '../../electron/secrets/file-key-source';
import { createVault } from '../../electron/secrets/vault';
import { recoveryKeyOf } from '../../electron/secrets/recovery-key';
import { signInAndOpenShift, TEST_OWNER } from '../support/counter-bootstrap';
import { requestId, tempDir, waitFor } from './harness';

// A fixed clock the tests move by hand (the schedule, a day without backups) and move back.
let clock = Date.now();
const now = (): number => clock;

async function runtimeAt(dataDir: string): Promise<LoketRuntime> {
  const rt = await startLoketRuntime({ dataDir, host: 'web', version: 'test', keySource: fileKeySource(dataDir), log: silentLogger, timeScale: 0.01, now, startWaitMs: 1_500, backupTickMs: 20 });
  rt.start();
  return rt;
}

function caller(rt: LoketRuntime, session = 's1') {
  return async <T>(name: CallName, req: unknown = {}): Promise<T> => {
    const r = await invokeCall(rt.handlers, name, req, silentLogger, { session });
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { error: r.error });
    return r.value as T;
  };
}

let rt: LoketRuntime;
let call: ReturnType<typeof caller>;
const dataDir = tempDir('loket-app-bak-');
const folder = tempDir('loket-app-usb-');

async function sell(number: string): Promise<void> {
  const inq = await call<{ inquiryId: string; options: { denomination: number; amounts: { total: number } }[] }>('pln.inquire', { customerNumber: number });
  const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
  await call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: total } });
}

const settled = (s: BackupStatus): boolean => s.running === null && s.runs.length > 0 && s.runs.every((r) => r.state !== 'running');

beforeAll(async () => {
  rt = await runtimeAt(dataDir);
  call = caller(rt);
  await signInAndOpenShift((name, req) => invokeCall(rt.handlers, name, req, silentLogger, { session: 's1' }));
  await sell('14233784991');
  // A stored credential: a restore without the key cannot open it and must say so.
  expect(await createVault(rt.current().db, fileKeySource(dataDir), Date.now).store('test.secret', 'rahasia', 'https://vsi.example')).toMatchObject({ ok: true });
}, 60_000);
afterAll(async () => {
  await rt?.stop();
});

describe('backups in the app', () => {
  it('unset until a folder is chosen; a folder must exist and lie outside the data folder', async () => {
    expect((await call<AppInfo>('app.info')).backup.health).toBe('unset');
    await expect(call('backup.saveSettings', { folders: ['relatif/folder'], everyHours: 4, atShiftClose: true })).rejects.toThrow(/folder cadangan lengkap/);
    await expect(call('backup.saveSettings', { folders: [path.join(dataDir, 'cadangan')], everyHours: 4, atShiftClose: true })).rejects.toThrow(/tidak ditemukan|di luar folder data/);
    await expect(call('backup.saveSettings', { folders: [path.join(folder, 'tidak-ada')], everyHours: 4, atShiftClose: true })).rejects.toThrow(/tidak ditemukan/);
    const saved = await call<BackupStatus>('backup.saveSettings', { folders: [folder], everyHours: 0, atShiftClose: true });
    expect(saved.settings.folders).toEqual([folder]);
    expect(saved.badge.health).toBe('none');
  });

  it('a backup now runs on a worker while the counter sells; it ends verified and the badge says so', async () => {
    await call('backup.run');
    // The counter is not held up: a sale goes through while the backup runs.
    await sell('14233784992');
    const s = await waitFor(() => call<BackupStatus>('backup.status'), settled, 30_000);
    expect(s.runs[0]).toMatchObject({ state: 'verified', trigger: 'manual', folder });
    expect(s.badge.health).toBe('ok');
    expect(readdirSync(folder).filter((n) => n.endsWith('.loketbak'))).toHaveLength(1);
  });

  it('a shift close backs up; a pulled USB makes the badge red with the reason, and 24 h without a backup too', async () => {
    const closed = await call<{ shift: unknown }>('shift.close', { counted: 0, denominations: null, reason: 'uji cadangan' }).catch((e: Error) => e);
    expect(closed).not.toBeInstanceOf(Error);
    const s = await waitFor(() => call<BackupStatus>('backup.status'), (x) => settled(x) && x.runs.some((r) => r.trigger === 'shift_close'), 30_000);
    expect(s.runs.find((r) => r.trigger === 'shift_close')!.state).toBe('verified');

    rmSync(folder, { recursive: true, force: true });
    await call('backup.run');
    const failed = await waitFor(() => call<BackupStatus>('backup.status'), (x) => settled(x) && x.runs[0]!.state === 'failed', 30_000);
    expect(failed.badge).toMatchObject({ health: 'failed', reason: 'folder tidak ada' });
    expect(failed.badge.message).toMatch(/Folder cadangan tidak ditemukan/);

    // Back in place, a day later: the last proven backup is over 24 h old.
    await import('node:fs').then((fs) => fs.mkdirSync(folder));
    await call('backup.run');
    await waitFor(() => call<BackupStatus>('backup.status'), (x) => settled(x) && x.runs[0]!.state === 'verified', 30_000);
    clock += 25 * 3_600_000;
    expect((await call<AppInfo>('app.info')).backup.health).toBe('old');
    clock -= 25 * 3_600_000;
    // The idle lock saw a day pass: sign in again.
    await call('counter.signIn', TEST_OWNER);
  }, 60_000);

  it('the schedule backs up every N hours on its own', async () => {
    await call('backup.saveSettings', { folders: [folder], everyHours: 1, atShiftClose: true });
    const before = (await call<BackupStatus>('backup.status')).runs.length;
    clock += 61 * 60_000;
    const s = await waitFor(() => caller(rt, 'probe')<BackupStatus>('app.info').then(() => rt.current().backups.status()), (x) => settled(x) && x.runs.length > before && x.runs[0]!.trigger === 'schedule', 30_000);
    expect(s.runs[0]!.state).toBe('verified');
    // Back to the day the sales were made ("today" is counted by this clock).
    clock -= 61 * 60_000;
    await call('counter.signIn', TEST_OWNER);
    await call('backup.saveSettings', { folders: [folder], everyHours: 0, atShiftClose: true });
  }, 60_000);

  it('the recovery key: shown to the owner, confirmed by the two groups asked, a wrong group refused', async () => {
    const key = await call<RecoveryKeyView>('recoveryKey.show');
    expect(key.groups).toHaveLength(14);
    const [a, b] = key.confirm;
    await expect(call('recoveryKey.confirm', { answers: [{ position: a, group: key.groups[a - 1] }, { position: b, group: 'ZZZZ' }] })).rejects.toThrow(`Kelompok ke-${b} tidak cocok`);
    const ok = await call<BackupStatus>('recoveryKey.confirm', { answers: [{ position: a, group: key.groups[a - 1]!.toLowerCase() }, { position: b, group: key.groups[b - 1] }] });
    expect(ok.recoveryKeyConfirmedAt).not.toBeNull();
    const pdf = await call<{ pdfBase64: string }>('recoveryKey.pdf');
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // A cashier never sees it.
    const other = caller(rt, 's2');
    await expect(other('recoveryKey.show')).rejects.toThrow();
  });

  it('a first start on an empty folder restores the newest backup with the recovery key and opens on it', async () => {
    const key = (await call<RecoveryKeyView>('recoveryKey.show')).groups.join('-');
    const fresh = tempDir('loket-app-fresh-');
    const second = await runtimeAt(fresh);
    try {
      const setup = caller(second, 'new');
      const found = await setup<{ backups: { file: string; sales: number }[] }>('setup.findBackups', { path: folder });
      expect(found.backups.length).toBeGreaterThan(0);
      await expect(setup('setup.restore', { file: found.backups[0]!.file, recoveryKey: recoveryKeyOf(Buffer.alloc(32, 1)) })).rejects.toThrow(/bukan kunci ledger/);
      const restored = await setup<RestoredView>('setup.restore', { file: found.backups[0]!.file, recoveryKey: key });
      expect(restored.sales).toBe(2);
      expect(restored.users).toBe(1);
      // The same handler table now answers from the restored ledger: the owner signs in with the old PIN.
      const status = await setup<{ needsOwner: boolean }>('counter.status');
      expect(status.needsOwner).toBe(false);
      await setup('counter.signIn', TEST_OWNER);
      expect((await setup<{ items: unknown[] }>('ledger.today', { status: 'all', limit: 50 })).items.length).toBe(2);
      // A Loket with data refuses another restore.
      await expect(setup('setup.restore', { file: found.backups[0]!.file, recoveryKey: key })).rejects.toThrow(/sudah berisi data/);
      const audit = await setup<{ intact: boolean }>('audit.verify');
      expect(audit.intact).toBe(true);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('a plain loket.db from the old disk, its key lost: every sale back, credentials forgotten, a new owner PIN, the old chain read but not re-verified', async () => {
    const fresh = tempDir('loket-app-keyless-');
    const third = await runtimeAt(fresh);
    try {
      const setup = caller(third, 'keyless');
      const found = await setup<{ backups: { file: string; kind: string; sales: number }[] }>('setup.findBackups', { path: path.join(dataDir, 'loket.db') });
      expect(found.backups[0]).toMatchObject({ kind: 'ledger' });
      await expect(setup('setup.restore', { file: found.backups[0]!.file, recoveryKey: '', owner: { name: 'Orang Lain', pin: '9999' } })).rejects.toThrow(/Tidak ada akun pemilik/);
      const restored = await setup<RestoredView>('setup.restore', { file: found.backups[0]!.file, recoveryKey: '', owner: { name: TEST_OWNER.name, pin: '9999' } });
      expect(restored).toMatchObject({ keyless: true, sales: 2, secretsForgotten: 1 });
      expect(restored.unverifiableBefore).toBeGreaterThan(1);
      // The old PIN was peppered with the lost key; the new one opens.
      await expect(setup('counter.signIn', TEST_OWNER)).rejects.toThrow();
      await setup('counter.signIn', { name: TEST_OWNER.name, pin: '9999' });
      expect((await setup<{ items: unknown[] }>('ledger.today', { status: 'all', limit: 50 })).items.length).toBe(2);
      // The recovery key the owner wrote down was the lost one: the new key must be written down.
      expect((await setup<AppInfo>('app.info')).backup.recoveryKey).toBe('unconfirmed');
      const audit = await setup<{ intact: boolean; unverifiableBefore: number | null }>('audit.verify');
      expect(audit).toMatchObject({ intact: true, unverifiableBefore: restored.unverifiableBefore });
      // It keeps selling and sealing under its new key.
      await setup('shift.open', { openingFloat: 0 }).catch(() => undefined);
      expect((await setup<{ intact: boolean }>('audit.verify')).intact).toBe(true);
    } finally {
      await third.stop();
    }
  }, 60_000);

  it('a plain loket.db with its recovery key is proven like a backup', async () => {
    const key = (await call<RecoveryKeyView>('recoveryKey.show')).groups.join('');
    const fresh = tempDir('loket-app-plain-');
    const fourth = await runtimeAt(fresh);
    try {
      const setup = caller(fourth, 'plain');
      await expect(setup('setup.restore', { file: path.join(dataDir, 'loket.db'), recoveryKey: recoveryKeyOf(Buffer.alloc(32, 3)) })).rejects.toThrow(/bukan kunci buku ini/);
      const restored = await setup<RestoredView>('setup.restore', { file: path.join(dataDir, 'loket.db'), recoveryKey: key });
      expect(restored).toMatchObject({ keyless: false, sales: 2, unverifiableBefore: null });
      await setup('counter.signIn', TEST_OWNER);
    } finally {
      await fourth.stop();
    }
  }, 60_000);
});
