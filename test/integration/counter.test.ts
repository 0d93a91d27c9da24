// Who works the counter: the owner's first account, cashiers and supervisors with PINs kept only
// as slow hashes, lockout after wrong PINs, the idle lock, what needs a supervisor, and a shift
// from its opening float to a Z report with a variance explained and approved.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SaleView } from '../../shared/contract';
import { getSale } from '../../electron/db/queries/sales';
import { requestId, startCore, tempDir, waitFor, type Core } from './harness';

const SARI = { name: 'Sari', pin: '1111' };
const BUDI = { name: 'Budi', pin: '2222' };

async function sellCash(c: Core, number: string): Promise<SaleView> {
  const inq = await c.call('pln.inquire', { customerNumber: number });
  const total = inq.options.find((o) => o.denomination === 50_000)!.amounts.total;
  const s = await c.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 50_000, payment: { method: 'cash', tendered: total } });
  return waitFor(() => c.call('sale.get', { saleId: s.id }), (x) => x.state === 'succeeded', 15_000);
}

describe('accounts and sign-in', () => {
  it('a fresh Loket asks for the owner first; nothing else answers before someone signs in', async () => {
    const c = await startCore({}, { signedIn: false });
    try {
      expect((await c.call('app.info', {})).counter).toMatchObject({ needsOwner: true, user: null });
      expect((await c.fail('pln.inquire', { customerNumber: '14233784991' })).code).toBe('signed_out');
      expect((await c.fail('counter.setupOwner', { name: 'Pemilik', pin: '12' })).code).toBe('invalid_request');
      const s = await c.call('counter.setupOwner', { name: 'Pemilik', pin: '123456' });
      expect(s).toMatchObject({ needsOwner: false, user: { name: 'Pemilik', role: 'owner' }, shift: null });
      expect((await c.fail('counter.setupOwner', { name: 'Lain', pin: '9999' })).code).toBe('not_allowed_in_state');
      // The PIN is nowhere in the ledger, only its slow salted hash.
      const raw = new Database(path.join(c.dataDir, 'loket.db'), { readonly: true });
      const row = raw.prepare('SELECT * FROM users').get() as Record<string, unknown>;
      raw.close();
      expect(JSON.stringify(row)).not.toContain('123456');
      expect((row.pin_hash as Buffer).length).toBe(32);
      expect((row.pin_salt as Buffer).length).toBe(16);
    } finally {
      await c.stop();
    }
  });

  it('roles: a cashier sells but cannot change settings or read the books; five wrong PINs lock the account', async () => {
    const c = await startCore();
    try {
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      await c.call('counter.createUser', { ...BUDI, role: 'supervisor' });
      await c.call('counter.signIn', SARI);
      expect((await c.fail('settings.saveOutlet', { name: 'X', address: '', cashierName: 'X', counterFee: 0, timeZone: 'Asia/Jakarta' })).code).toBe('forbidden');
      expect((await c.fail('books.get', {})).code).toBe('forbidden');
      expect((await c.fail('counter.createUser', { name: 'Eka', role: 'owner', pin: '3333' })).code).toBe('forbidden');
      const sold = await sellCash(c, '14233784991');
      expect(getSale(c.loket.db, sold.id)!.cashier).toBe('Sari');
      for (let i = 0; i < 4; i++) expect((await c.fail('counter.signIn', { name: 'Budi', pin: '0000' })).code).toBe('pin_invalid');
      // The fifth wrong PIN locks the account and says so.
      expect((await c.fail('counter.signIn', { name: 'Budi', pin: '0000' })).code).toBe('account_locked');
      expect((await c.fail('counter.signIn', BUDI)).code).toBe('account_locked');
      // The owner's audit trail says who did it.
      const actors = c.loket.db.prepare("SELECT DISTINCT actor FROM audit_log WHERE kind = 'change'").all() as { actor: string }[];
      expect(actors.map((a) => a.actor)).toContain('Sari');
    } finally {
      await c.stop();
    }
  });

  it('the screen locks after the idle time; the same PIN (or another person) continues', async () => {
    let skew = 0;
    const c = await startCore({ now: () => Date.now() + skew });
    try {
      await c.call('counter.setIdleLock', { minutes: 2 });
      skew = 3 * 60_000;
      expect((await c.call('counter.status', {})).locked).toBe(true);
      expect((await c.fail('pln.inquire', { customerNumber: '14233784991' })).code).toBe('signed_out');
      await c.call('counter.signIn', { name: 'Pemilik', pin: '1234' });
      expect((await c.call('pln.inquire', { customerNumber: '14233784991' })).meterNumber).toBe('14233784991');
    } finally {
      await c.stop();
    }
  });
});

describe('approvals at the counter', () => {
  it("a cashier's refund, declaring failed and third print need a supervisor's name and PIN", async () => {
    const c = await startCore();
    try {
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      await c.call('counter.createUser', { ...BUDI, role: 'supervisor' });
      await c.call('counter.signIn', SARI);
      const inq = await c.call('pln.inquire', { customerNumber: '12345678901' });
      const qris = await c.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'qris' } });
      await c.call('payment.simulate', { saleId: qris.id, outcome: 'pay' });
      await waitFor(() => c.call('sale.get', { saleId: qris.id }), (x) => x.state === 'succeeded', 15_000);
      expect((await c.fail('payment.refund', { saleId: qris.id, amount: 1_000, reason: 'salah nominal' })).code).toBe('approval_required');
      expect((await c.fail('payment.refund', { saleId: qris.id, amount: 1_000, reason: 'salah nominal', approval: { name: 'Sari', pin: '1111' } })).code).toBe('approval_required');
      expect((await c.fail('payment.refund', { saleId: qris.id, amount: 1_000, reason: 'salah nominal', approval: { name: 'Budi', pin: '9999' } })).code).toBe('pin_invalid');
      const refunded = await c.call('payment.refund', { saleId: qris.id, amount: 1_000, reason: 'salah nominal', approval: BUDI });
      expect(refunded.payment.refunds.at(-1)!.reason).toContain('disetujui Budi');
      await c.call('receipt.print', { saleId: qris.id, copy: false });
      await c.call('receipt.print', { saleId: qris.id, copy: true });
      expect((await c.fail('receipt.print', { saleId: qris.id, copy: true })).code).toBe('approval_required');
      expect((await c.call('receipt.print', { saleId: qris.id, copy: true, approval: BUDI })).receipt.copyNumber).toBe(2);
    } finally {
      await c.stop();
    }
  });
});

describe('shifts', () => {
  it('no sale without an open shift; X report during; closed by counting, the variance explained and approved; Z report', async () => {
    const dir = tempDir();
    const c = await startCore({ dataDir: dir }, { signedIn: false });
    try {
      await c.call('counter.setupOwner', { name: 'Pemilik', pin: '1234' });
      await c.call('counter.createUser', { ...SARI, role: 'cashier' });
      await c.call('counter.createUser', { ...BUDI, role: 'supervisor' });
      await c.call('counter.signIn', SARI);
      // Checking a meter needs no shift; selling does.
      const inq = await c.call('pln.inquire', { customerNumber: '14233784991' });
      expect((await c.fail('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: 50_000 } })).code).toBe('no_open_shift');
      const opened = await c.call('shift.open', { openingFloat: 200_000 });
      expect(opened.shift).toMatchObject({ cashier: 'Sari', openingFloat: 200_000 });
      expect((await c.fail('shift.open', { openingFloat: 0 })).code).toBe('not_allowed_in_state');
      const a = await sellCash(c, '14233784991');
      const b = await sellCash(c, '12345678901');
      // Blind count: the cashier's X report does not say what the drawer should hold; a supervisor's does.
      expect(await c.call('shift.report', {})).toMatchObject({ kind: 'X', expectedCash: null, succeeded: { count: 2 } });
      const boss = c.session('boss');
      await boss.call('counter.signIn', BUDI);
      const x = await boss.call('shift.report', {});
      expect(x).toMatchObject({ kind: 'X', openingFloat: 200_000, cashMovement: a.amounts.total + b.amounts.total, expectedCash: 200_000 + a.amounts.total + b.amounts.total, succeeded: { count: 2 } });
      const expected = x.expectedCash!;
      const short = expected - 2_000;
      // The difference is asked about before the supervisor's PIN, and said in words.
      const unexplained = await c.fail('shift.close', { counted: short, denominations: null, reason: null });
      expect(unexplained).toMatchObject({ code: 'variance_unexplained', message: expect.stringContaining('kurang Rp 2.000') });
      expect((await c.fail('shift.close', { counted: short, denominations: null, reason: 'uang kembalian salah' })).code).toBe('approval_required');
      const z = await c.call('shift.close', { counted: short, denominations: { '100000': 2, '50000': 2, '2000': 1, '500': 1 }, reason: 'uang kembalian salah', approval: BUDI });
      expect(z).toMatchObject({ kind: 'Z', cashier: 'Sari', closedBy: 'Budi', countedCash: short, variance: -2_000, varianceReason: 'uang kembalian salah' });
      const text = z.lines.map((l) => l.text).join('\n');
      expect(text).toContain('LAPORAN Z');
      expect(text).toContain('Selisih');
      expect(z.lines.every((l) => l.text.length <= 32)).toBe(true);
      expect((await c.call('counter.status', {})).shift).toBeNull();
      expect((await c.fail('shift.report', {})).code).toBe('no_open_shift');
    } finally {
      await c.stop();
    }
  });
});
