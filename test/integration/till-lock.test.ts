// Locking the till (issue 12), each finding proven: PIN lockout that parallel guesses cannot
// outrun, locks that expire into a fresh allowance, unlock and PIN reset, peppered PIN hashes, a
// secret that never goes to a host it was not entered for, private files, audit:verify that never
// writes, typed errors for bad text, names that cannot hide or imitate, and every action under the
// name of whoever is signed in at that session.
import { scryptSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SaleView } from '../../shared/contract';
import { getUserByName, insertUser } from '../../electron/db/queries/users';
import { writeSetting } from '../../electron/db/queries/settings';
import { getSale } from '../../electron/db/queries/sales';
import { startVsiSimulator } from '../../electron/simulators/vsi/server';
import { requestId, startCore, tempDir, waitFor, type Core, type Session } from './harness';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SARI = { name: 'Sari', pin: '1111' };
const BUDI = { name: 'Budi', pin: '2222' };

async function sellCash(s: Session, number: string): Promise<SaleView> {
  const inq = await s.call('pln.inquire', { customerNumber: number });
  const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
  const sale = await s.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: total } });
  return waitFor(() => s.call('sale.get', { saleId: sale.id }), (x) => x.state === 'succeeded', 15_000);
}

const failedChecks = (c: Core, name: string): number =>
  (c.loket.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'counter.pin_failed' AND subject = ?").get(name) as { n: number }).n;

describe('PIN lockout', () => {
  it('100 parallel wrong PINs are checked at most 5 times; the right PIN after them is refused while locked', async () => {
    const c = await startCore();
    try {
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      const guesses = await Promise.all(
        Array.from({ length: 100 }, (_, i) => c.session(`attacker-${i}`).fail('counter.signIn', { name: 'Sari', pin: String(2000 + i) })),
      );
      expect(failedChecks(c, 'Sari')).toBeLessThanOrEqual(5);
      expect(guesses.filter((g) => g.code === 'pin_invalid').length).toBeLessThanOrEqual(4);
      expect(guesses.filter((g) => g.code === 'account_locked').length).toBeGreaterThanOrEqual(95);
      const right = await c.session('sari').fail('counter.signIn', SARI);
      expect(right.code).toBe('account_locked');
      expect(right.message).toMatch(/minta supervisor atau pemilik membuka kuncinya/);
    } finally {
      await c.stop();
    }
  });

  it('an expired lock gives exactly a fresh allowance, not a lock for ever', async () => {
    let skew = 0;
    const c = await startCore({ now: () => Date.now() + skew });
    try {
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      const sari = c.session('sari');
      for (let i = 0; i < 5; i++) await sari.fail('counter.signIn', { name: 'Sari', pin: '0000' });
      expect((await sari.fail('counter.signIn', SARI)).code).toBe('account_locked');
      skew += 5 * 60_000 + 1_000;
      // A fresh allowance of five: four wrong PINs are only wrong, the fifth locks again...
      for (let i = 0; i < 4; i++) expect((await sari.fail('counter.signIn', { name: 'Sari', pin: '0000' })).code).toBe('pin_invalid');
      expect((await sari.fail('counter.signIn', { name: 'Sari', pin: '0000' })).code).toBe('account_locked');
      skew += 5 * 60_000 + 1_000;
      // ...and after that lock, the right PIN signs in at once.
      expect((await sari.call('counter.signIn', SARI)).user).toMatchObject({ name: 'Sari' });
    } finally {
      await c.stop();
    }
  });

  it('the owner unlocks any account and sets a new PIN; a supervisor unlocks a cashier only; each is audited', async () => {
    const c = await startCore();
    try {
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      await c.call('counter.createUser', { ...BUDI, role: 'supervisor' });
      await c.call('counter.createUser', { name: 'Dewi', pin: '3333', role: 'supervisor' });
      const other = c.session('other');
      for (const who of ['Sari', 'Dewi']) for (let i = 0; i < 5; i++) await other.fail('counter.signIn', { name: who, pin: '0000' });
      const users = await c.call('counter.users', {});
      expect(users.users.find((u) => u.name === 'Sari')!.lockedUntil).toBeGreaterThan(Date.now());

      const budi = c.session('budi');
      await budi.call('counter.signIn', BUDI);
      expect((await budi.fail('counter.unlockUser', { name: 'Dewi' })).code).toBe('forbidden');
      expect((await budi.fail('counter.resetPin', { name: 'Sari', pin: '5555' })).code).toBe('forbidden');
      const afterBudi = await budi.call('counter.unlockUser', { name: 'Sari' });
      expect(afterBudi.users.find((u) => u.name === 'Sari')!.lockedUntil).toBeNull();
      expect((await c.session('sari').call('counter.signIn', SARI)).user).toMatchObject({ name: 'Sari' });

      // A forgotten PIN: the owner sets a new one, which also lifts the lock.
      await c.call('counter.resetPin', { name: 'Dewi', pin: '4444' });
      expect((await c.session('dewi').fail('counter.signIn', { name: 'Dewi', pin: '3333' })).code).toBe('pin_invalid');
      expect((await c.session('dewi2').call('counter.signIn', { name: 'Dewi', pin: '4444' })).user).toMatchObject({ name: 'Dewi' });
      const notes = c.loket.db.prepare("SELECT actor, kind, subject FROM audit_log WHERE kind IN ('counter.unlock', 'counter.pin_reset') ORDER BY seq").all();
      expect(notes).toEqual([
        { actor: 'Budi', kind: 'counter.unlock', subject: 'Sari' },
        { actor: 'Pemilik', kind: 'counter.pin_reset', subject: 'Dewi' },
      ]);
    } finally {
      await c.stop();
    }
  });

  it('PIN hashes are peppered with a key the ledger does not hold; an older unpeppered hash is upgraded at sign-in', async () => {
    const c = await startCore();
    try {
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      const sari = getUserByName(c.loket.db, 'Sari')!;
      expect(sari.pin_peppered).toBe(1);
      // What an attacker with only the file would compute for the right PIN does not match.
      const plain = scryptSync('1111', sari.pin_salt, 32, { N: 1 << 14, r: 8, p: 1 });
      expect(plain.equals(sari.pin_hash)).toBe(false);

      const salt = Buffer.alloc(16, 9);
      insertUser(c.loket.db, { id: 'OLD1', name: 'Lama', role: 'cashier', pin: { salt, hash: scryptSync('7777', salt, 32, { N: 1 << 14, r: 8, p: 1 }), peppered: false }, at: Date.now() });
      await c.session('lama').call('counter.signIn', { name: 'Lama', pin: '7777' });
      expect(getUserByName(c.loket.db, 'Lama')!.pin_peppered).toBe(1);
      expect((await c.session('lama2').call('counter.signIn', { name: 'Lama', pin: '7777' })).user).toMatchObject({ name: 'Lama' });
    } finally {
      await c.stop();
    }
  });
});

describe('sessions and who is recorded', () => {
  it('two people at two sessions: each sale and its seal carry the person at that session, even when they interleave', async () => {
    const c = await startCore();
    try {
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      await c.call('counter.createUser', { ...BUDI, role: 'supervisor' });
      const sari = c.session('sari');
      const budi = c.session('budi');
      await sari.call('counter.signIn', SARI);
      await budi.call('counter.signIn', BUDI);
      const sales = await Promise.all([sellCash(sari, '14233784991'), sellCash(budi, '12345678901'), sellCash(sari, '14233784992'), sellCash(budi, '12345678902')]);
      const cashiers = sales.map((s) => getSale(c.loket.db, s.id)!.cashier);
      expect(cashiers).toEqual(['Sari', 'Budi', 'Sari', 'Budi']);
      for (const [i, s] of sales.entries()) {
        const first = c.loket.db
          .prepare("SELECT l.actor FROM audit_rows r JOIN audit_log l ON l.seq = r.seq WHERE r.tbl = 'sales' AND r.rid = (SELECT rowid FROM sales WHERE id = ?) ORDER BY l.seq LIMIT 1")
          .get(s.id) as { actor: string };
        expect(first.actor).toBe(cashiers[i]);
      }
      // A bitcoin order for goods sold outside Loket is the signed-in person's, not the outlet's default cashier name.
      await c.call('settings.saveOutlet', { name: 'Loket', address: '', cashierName: 'Kasir Default', counterFee: 0, timeZone: 'Asia/Jakarta' });
      const order = await sari.call('crypto.create', { clientRequestId: requestId(), amount: 50_000, label: 'Kaos' });
      expect(c.loket.db.prepare('SELECT cashier FROM bitcoin_orders WHERE id = ?').get(order.reference)).toEqual({ cashier: 'Sari' });
    } finally {
      await c.stop();
    }
  });

  it('names: normalised, no hidden or direction characters, nothing that looks like another account', async () => {
    const c = await startCore();
    try {
      for (const name of ['Sa\u200Bri', 'Sari\u202E', 'Сари', 'Budi\u0000']) {
        const e = await c.fail('counter.createUser', { name, pin: '1111', role: 'cashier' });
        expect(e.code, JSON.stringify(name)).toBe('invalid_request');
        expect(e.message).not.toBe('Permintaan tidak valid.');
      }
      await c.call('counter.createUser', { name: '  Sari   Dewi ', pin: '1111', role: 'cashier' });
      expect((await c.call('counter.users', {})).users.map((u) => u.name)).toContain('Sari Dewi');
      for (const like of ['sari dewi', 'Sári Dewi', 'SariDewi', 'Sari Dewl']) {
        expect((await c.fail('counter.createUser', { name: like, pin: '2222', role: 'cashier' })).message, like).toMatch(/sudah dipakai|terlalu mirip/);
      }
      expect((await c.session('s').call('counter.signIn', { name: 'sari  dewi', pin: '1111' })).user).toMatchObject({ name: 'Sari Dewi' });
    } finally {
      await c.stop();
    }
  });

  it('malformed text is a typed refusal, never "internal", and no SQL reaches the detail', async () => {
    const c = await startCore();
    try {
      const lone = await c.fail('bill.inquire', { productCode: 'pln-\uD800', customerNumber: '123456789012' });
      expect(lone.code).toBe('invalid_request');
      const nul = await c.fail('shift.close', { counted: 1, denominations: null, reason: 'kurang\u0000seribu' });
      expect(nul).toMatchObject({ code: 'invalid_request', detail: 'field reason' });
      expect(JSON.stringify([lone, nul])).not.toMatch(/SELECT|INSERT|sqlite/i);
    } finally {
      await c.stop();
    }
  });
});

describe('secrets go only where they were entered for', () => {
  it('a new Midtrans address without the server key is refused, and the key never reaches it — not even after the settings row is edited behind Loket', async () => {
    const vsi = await startVsiSimulator({ clientId: 'PARTNER9', secret: 'vsi-secret-9' });
    const { startMidtransSimulator } = await import('../../electron/simulators/midtrans/server');
    const midtrans = await startMidtransSimulator({ serverKey: 'SB-Mid-server-BOUNDKEY1' });
    let captured = 0;
    const listener = http.createServer((_req, res) => {
      captured++;
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    const thief = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    const core = await startCore();
    try {
      await core.call('settings.saveMidtrans', { environment: 'sandbox', baseUrl: midtrans.baseUrl, serverKey: 'SB-Mid-server-BOUNDKEY1' });
      const refused = await core.fail('settings.saveMidtrans', { environment: 'sandbox', baseUrl: thief });
      expect(refused).toMatchObject({ code: 'settings_invalid', message: expect.stringMatching(/masukkan secret-nya lagi/) });
      expect((await core.call('settings.get', {})).payments.midtrans.baseUrl).toBe(midtrans.baseUrl);

      await core.call('settings.saveVsi', { baseUrl: vsi.baseUrl, clientId: 'PARTNER9', secret: 'vsi-secret-9', dtFormat: 'YYYYMMDD' });
      await core.call('settings.setMode', { mode: 'production' });
      await core.call('shift.open', { openingFloat: 0 });
      // Behind Loket's back: the address in the ledger is changed to the listener's.
      writeSetting(core.loket.db, 'midtrans.production', JSON.stringify({ environment: 'sandbox', baseUrl: thief }), Date.now());
      core.loket.paymentProviders.invalidate();
      const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
      const sale = await core.fail('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'qris' } });
      expect(sale, JSON.stringify(sale)).toMatchObject({ code: 'provider_config' });
      expect(captured).toBe(0);
    } finally {
      await core.stop();
      await midtrans.close();
      await vsi.close();
      listener.close();
    }
  });
});

describe('files and tools', () => {
  it('the data folder is 0700 and the ledger, its WAL/SHM, training state and logs 0600 — also a folder an older Loket left 0644', async () => {
    const dir = tempDir('loket-modes-');
    chmodSync(dir, 0o755);
    mkdirSync(path.join(dir, 'logs'), { mode: 0o755 });
    writeFileSync(path.join(dir, 'logs', 'old.log'), 'x', { mode: 0o644 });
    writeFileSync(path.join(dir, 'master.key'), 'a1'.repeat(32), { mode: 0o644 });
    chmodSync(path.join(dir, 'master.key'), 0o644);
    const c = await startCore({ dataDir: dir });
    try {
      await sellCash(c, '14233784991');
      const mode = (p: string): number => statSync(path.join(dir, p)).mode & 0o777;
      expect(mode('.')).toBe(0o700);
      for (const f of ['loket.db', 'loket.db-wal', 'loket.db-shm', 'loket.lock', 'master.key', 'logs/old.log']) expect(mode(f), f).toBe(0o600);
      for (const f of readdirSync(path.join(dir, 'training'))) expect(mode(`training/${f}`), f).toBe(0o600);
      expect(mode('training')).toBe(0o700);
    } finally {
      await c.stop();
    }
  });

  it('audit:verify on a folder without the key exits 2, says where the key is expected, and creates nothing', async () => {
    const dir = tempDir('loket-nokey-');
    const c = await startCore({ dataDir: dir });
    await c.stop();
    const before = readdirSync(dir).sort();
    const env = { ...process.env };
    delete env.LOKET_MASTER_KEY;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/app/audit-cli.ts', '--data', dir], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(path.join(dir, 'master.key'));
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(path.join(dir, 'master.key'))).toBe(false);
  });
});
