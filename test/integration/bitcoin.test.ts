// Bitcoin through the core against the Chainside simulator over real HTTP, with a real ledger:
// nothing is bought before the order is paid (with its confirmations); partial, expired,
// cancelled and overpaid orders leave the books right; a lost create never makes a second order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSale } from '../../electron/db/queries/sales';
import { countProviderCalls } from '../../electron/db/queries/provider-calls';
import { getPaymentBySale } from '../../electron/db/queries/payments';
import { getBitcoinOrder } from '../../electron/db/queries/bitcoin-orders';
import type { SaleView } from '../../shared/contract';
import { freePort, requestId, startCore, tempDir, waitFor, type Core } from './harness';
import { callbackSignature } from '../../electron/providers/chainside/signature';
import { journalProblems, trialBalance } from '../../electron/db/queries/journal';

let core: Core;
const chainside = () => core.loket.paymentProviders.trainingChainside();
const until = (c: Core, saleId: string, done: (s: SaleView) => boolean, ms = 15_000) => waitFor(() => c.call('sale.get', { saleId }), done, ms);
const ref = (c: Core, saleId: string): string => getPaymentBySale(c.loket.db, saleId)!.provider_ref!;
const pays = (c: Core, saleId: string): number => countProviderCalls(c.loket.db, getSale(c.loket.db, saleId)!.provider_ref, 'PAY');

async function token(c: Core, number: string, denomination = 50_000): Promise<SaleView> {
  const inq = await c.call('pln.inquire', { customerNumber: number });
  return c.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination, payment: { method: 'bitcoin' } });
}

beforeAll(async () => {
  core = await startCore();
});
afterAll(async () => {
  await core.stop();
});

describe('bitcoin payment orders through Chainside', () => {
  it('paid: the QR is the order URI as Chainside gave it; seen in the mempool is not paid; one confirmation buys the token', async () => {
    const started = await token(core, '14233784991');
    const btc = started.payment.display!.bitcoin!;
    expect(started).toMatchObject({ state: 'awaiting_payment', payment: { method: 'bitcoin', provider: 'chainside', state: 'pending' } });
    const order = (await chainside()).order(btc.orderUuid)!;
    expect(order.reference).toBe(ref(core, started.id));
    expect(started.payment.display!.qrString).toBe(`bitcoin:${order.address}?amount=${btc.satoshi / 1e8}`);
    // Rp total at Rp1.500.000.000/BTC, rounded up to a whole satoshi.
    expect(btc.satoshi).toBe(Math.ceil((started.amounts.total * 1e8) / 1_500_000_000));
    expect(btc).toMatchObject({ rate: '1500000000.00', currency: 'IDR', requiredConfirmations: 1, unpaidSat: btc.satoshi });

    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
    const seen = await until(core, started.id, (s) => s.payment.display?.bitcoin?.blockchainStatus === 'mempool_unconfirmed');
    expect(seen.state).toBe('awaiting_payment');
    expect(seen.payment.display!.bitcoin).toMatchObject({ confirmations: 0, inConfirmationSat: btc.satoshi, unpaidSat: 0 });
    expect(pays(core, started.id)).toBe(0);

    await core.call('payment.simulate', { saleId: started.id, outcome: 'confirm' });
    const done = await until(core, started.id, (s) => s.state === 'succeeded');
    expect(done.delivery.token).toMatch(/^\d{20}$/);
    expect(pays(core, started.id)).toBe(1);
    const txid = done.payment.display!.bitcoin!.txids[0]!;
    expect(done.payment.reference).toBe(txid);
    const row = getBitcoinOrder(core.loket.db, ref(core, started.id))!;
    expect(row).toMatchObject({ sale_id: started.id, order_uuid: btc.orderUuid, satoshi: btc.satoshi, rate: '1500000000.00', state: 'paid', fiat_amount: started.amounts.total, excess_amount: 0 });
    expect(JSON.parse(row.txids_json)).toEqual([txid]);
    const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toContain('Bitcoin');
    expect(receipt).toContain(txid.slice(0, 32));
    expect(receipt).toContain(btc.orderUuid.slice(0, 23));
    expect(receipt).toContain(btc.orderUuid.slice(24));
  });

  it('partial, then the rest: the screen shows what is still unpaid; paid in full buys once', async () => {
    const started = await token(core, '12345678901');
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay_part' });
    const half = await until(core, started.id, (s) => s.payment.display?.bitcoin?.blockchainStatus === 'partial');
    const b = half.payment.display!.bitcoin!;
    expect(b.unpaidSat).toBe(b.satoshi - Math.ceil(b.satoshi / 2));
    expect(b.unpaidRupiah).toBeGreaterThan(0);
    expect(b.unpaidRupiah).toBeLessThan(started.amounts.total);
    const sim = await chainside();
    sim.pay(b.orderUuid, { confirmations: 1 });
    sim.confirm(b.orderUuid);
    const done = await until(core, started.id, (s) => s.state === 'succeeded');
    expect(done.payment.display!.bitcoin!.txids).toHaveLength(2);
    expect(pays(core, started.id)).toBe(1);
  });

  it("expired after a partial payment: nothing bought, the order closes and what was sent is on the supervisor's list until handed back", async () => {
    const started = await token(core, '885555555555');
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay_part' });
    await until(core, started.id, (s) => s.payment.display?.bitcoin?.blockchainStatus === 'partial');
    await core.call('payment.simulate', { saleId: started.id, outcome: 'expire' });
    const expired = await until(core, started.id, (s) => s.state === 'cancelled');
    expect(expired.payment.state).toBe('expired');
    expect(expired.payment.excess).toBe(Math.floor(started.amounts.total / 2));
    expect(expired.payment.excessReturned).toBe(false);
    expect(pays(core, started.id)).toBe(0);
    expect((await core.call('ledger.today', { status: 'refund_due', limit: 50 })).items.map((r) => r.id)).toContain(started.id);
    expect(getBitcoinOrder(core.loket.db, ref(core, started.id))).toMatchObject({ state: 'expired', excess_amount: expired.payment.excess });
    const handed = await core.call('sale.confirmCashReturned', { saleId: started.id });
    expect(handed.payment.excessReturned).toBe(true);
    expect((await core.call('ledger.today', { status: 'refund_due', limit: 50 })).items.map((r) => r.id)).not.toContain(started.id);
  });

  it('the cashier cancels: the order is deleted at Chainside and the customer can pay another way', async () => {
    const started = await token(core, '12345678901');
    const cancelled = await core.call('payment.cancel', { saleId: started.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', payment: { state: 'cancelled', excess: 0 } });
    expect((await chainside()).order(started.payment.display!.bitcoin!.orderUuid)!.final).toBe('cancelled');
    const cash = await core.call('sale.startPlnToken', {
      clientRequestId: requestId(), confirmRepeat: true,
      inquiryId: (await core.call('pln.inquire', { customerNumber: '12345678901' })).inquiryId,
      denomination: 50_000,
      payment: { method: 'cash', tendered: 100_000 },
    });
    expect((await until(core, cash.id, (s) => s.state === 'succeeded')).state).toBe('succeeded');
  });

  it('overpaid: the token is sold and the surplus is flagged for the supervisor', async () => {
    const started = await token(core, '14233784991', 20_000);
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay_over' });
    await core.call('payment.simulate', { saleId: started.id, outcome: 'confirm' });
    const done = await until(core, started.id, (s) => s.state === 'succeeded');
    expect(done.payment.excess).toBeGreaterThan(0);
    expect(done.payment.display!.bitcoin!.overpaidSat).toBeGreaterThan(0);
    expect((await core.call('ledger.today', { status: 'refund_due', limit: 50 })).items.map((r) => r.id)).toContain(started.id);
    const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toContain('Kelebihan bayar');
    await core.call('sale.confirmCashReturned', { saleId: started.id });
  });

  it('a create whose answer is lost is found by its reference: one order, never a second', async () => {
    const sim = await chainside();
    sim.configure({ faults: { createLost: 1 } });
    const started = await token(core, '12345678901');
    const waiting = await until(core, started.id, (s) => s.payment.display?.bitcoin !== undefined && s.payment.display?.bitcoin !== null);
    expect(sim.createCount(ref(core, started.id))).toBe(1);
    expect(waiting.payment.display!.bitcoin!.orderUuid).toBe(sim.orderByReference(ref(core, started.id))!.uuid);
    await core.call('payment.cancel', { saleId: started.id });
  });

  it('bitcoin down (4006) ends the attempt with a clear message and no order', async () => {
    const sim = await chainside();
    sim.configure({ faults: { failNext: [{ route: 'create', errorCode: '4006', status: 503, count: 1 }] } });
    const started = await token(core, '12345678901');
    const closed = await until(core, started.id, (s) => s.state === 'cancelled');
    expect(closed.failure?.message).toContain('bitcoin sedang tidak tersedia');
    expect(sim.orderByReference(ref(core, started.id))).toBeNull();
  });

  it('an expired token (1004) is fetched again once and the call goes through', async () => {
    const sim = await chainside();
    sim.expireTokens();
    const started = await token(core, '12345678901');
    expect(started.payment.display?.bitcoin?.orderUuid).toBeTruthy();
    await core.call('payment.cancel', { saleId: started.id });
  });

  it('the purchase fails after the bitcoin arrived: not kept — the supervisor returns it (Chainside has no refunds)', async () => {
    const started = await token(core, '99000000046');
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
    await core.call('payment.simulate', { saleId: started.id, outcome: 'confirm' });
    const failed = await until(core, started.id, (s) => s.state === 'failed' && s.payment.refundBy === 'manual');
    expect(failed.payment.state).toBe('refund_due');
    expect((await core.call('ledger.today', { status: 'refund_due', limit: 50 })).items.map((r) => r.id)).toContain(started.id);
  });

  it('a restart while the customer is paying loses nothing: the order is followed again and the token bought', async () => {
    const dataDir = tempDir();
    const first = await startCore({ dataDir });
    const started = await token(first, '12345678901');
    const uuid = started.payment.display!.bitcoin!.orderUuid;
    await first.stop();
    const second = await startCore({ dataDir });
    try {
      const sim = await second.loket.paymentProviders.trainingChainside();
      sim.pay(uuid, { confirmations: 1 });
      const done = await until(second, started.id, (s) => s.state === 'succeeded');
      expect(done.payment.state).toBe('settled');
      expect(pays(second, started.id)).toBe(1);
      expect(sim.createCount(ref(second, started.id))).toBe(1);
    } finally {
      await second.stop();
    }
  });
});

describe('standalone bitcoin orders (goods sold outside Loket)', () => {
  const create = (c: Core, amount: number, label: string) => c.call('crypto.create', { clientRequestId: requestId(), amount, label });
  const untilOrder = (c: Core, reference: string, done: (o: Awaited<ReturnType<typeof create>>) => boolean) =>
    waitFor(() => c.call('crypto.get', { reference, remote: true }), done, 15_000);

  it('an order for a typed amount is paid, confirmed, and printed with its txid; a second print is a copy', async () => {
    const o = await create(core, 150_000, 'Kaos sablon 3 pcs');
    expect(o).toMatchObject({ state: 'pending', amount: 150_000, label: 'Kaos sablon 3 pcs', saleId: null });
    expect(o.bitcoin!.satoshi).toBe(10_000);
    expect((await core.fail('crypto.receipt', { reference: o.reference! })).code).toBe('not_allowed_in_state');
    await core.call('crypto.simulate', { reference: o.reference!, outcome: 'pay' });
    await core.call('crypto.simulate', { reference: o.reference!, outcome: 'confirm' });
    const paid = await untilOrder(core, o.reference!, (x) => x.state === 'paid');
    expect(paid.transactions).toHaveLength(1);
    expect(paid.transactions[0]).toMatchObject({ status: 'confirmed', satoshi: 10_000 });
    const { receipt, outcome } = await core.call('crypto.receipt', { reference: o.reference! });
    // No printer set up: the virtual printer shows the paper.
    expect(outcome).toMatchObject({ by: 'virtual', job: { state: 'sent' } });
    expect(receipt.paper).not.toBeNull();
    const text = receipt.lines.map((l) => l.text).join('\n');
    expect(text).toContain('BUKTI PEMBAYARAN BITCOIN');
    expect(text).toContain('Kaos sablon 3 pcs');
    expect(text).toContain(paid.transactions[0]!.txid.slice(0, 32));
    expect(receipt.copyNumber).toBe(0);
    expect((await core.call('crypto.receipt', { reference: o.reference! })).receipt.lines.map((l) => l.text).join('\n')).toContain('SALINAN ke-1');
  });

  it('an order that expires ends cleanly; one cancelled is deleted at Chainside', async () => {
    const a = await create(core, 25_000, 'Servis HP');
    await core.call('crypto.simulate', { reference: a.reference!, outcome: 'expire' });
    expect((await untilOrder(core, a.reference!, (x) => x.state === 'expired')).excess).toBe(0);
    const b = await create(core, 30_000, 'Fotokopi');
    const cancelled = await core.call('crypto.cancel', { reference: b.reference! });
    expect(cancelled.state).toBe('cancelled');
    expect((await chainside()).order(b.bitcoin!.orderUuid)!.final).toBe('cancelled');
    expect((await core.fail('crypto.cancel', { reference: b.reference! })).code).toBe('not_allowed_in_state');
  });

  it('the list comes from Chainside: filtered by status, in pages of at most 40, sorted by amount or date', async () => {
    const paidOnly = await core.call('crypto.list', { status: 'paid', page: 0, pageSize: 40, sortBy: 'created_at', sortOrder: 'desc' });
    expect(paidOnly.items.length).toBeGreaterThan(0);
    expect(paidOnly.items.every((o) => o.state === 'paid')).toBe(true);
    const byAmount = await core.call('crypto.list', { status: null, page: 0, pageSize: 3, sortBy: 'amount', sortOrder: 'asc' });
    expect(byAmount.items).toHaveLength(3);
    expect(byAmount.totalPages).toBe(Math.ceil(byAmount.totalItems / 3));
    const amounts = byAmount.items.map((o) => o.amount);
    expect(amounts).toEqual([...amounts].sort((x, y) => x - y));
    const page1 = await core.call('crypto.list', { status: null, page: 1, pageSize: 3, sortBy: 'amount', sortOrder: 'asc' });
    expect(page1.items[0]!.amount).toBeGreaterThanOrEqual(amounts[2]!);
    // A sale's order is listed too, with what Loket knows of it.
    const all = await core.call('crypto.list', { status: null, page: 0, pageSize: 40, sortBy: 'created_at', sortOrder: 'desc' });
    expect(all.items.some((o) => o.saleId !== null)).toBe(true);
    expect(all.items.some((o) => o.label === 'Kaos sablon 3 pcs')).toBe(true);
  });

  it('a create whose answer is lost is found by its reference; a repeated request is the same order', async () => {
    const sim = await chainside();
    sim.configure({ faults: { createLost: 1 } });
    const id = requestId();
    const first = await core.call('crypto.create', { clientRequestId: id, amount: 40_000, label: 'Sepatu' });
    const found = await untilOrder(core, first.reference!, (x) => x.state === 'pending' && x.bitcoin !== null);
    const again = await core.call('crypto.create', { clientRequestId: id, amount: 40_000, label: 'Sepatu' });
    expect(again.reference).toBe(first.reference);
    expect(sim.createCount(first.reference!)).toBe(1);
    expect(found.bitcoin!.orderUuid).toBe(sim.orderByReference(first.reference!)!.uuid);
  });

  it('bitcoin down (4006) fails the order at once with the reason; nothing stays open', async () => {
    (await chainside()).configure({ faults: { failNext: [{ route: 'create', errorCode: '4006', status: 503, count: 1 }] } });
    const o = await create(core, 10_000, 'Pulsa titipan');
    expect(o).toMatchObject({ state: 'failed', nextCheckAt: null, lastError: expect.stringContaining('bitcoin sedang tidak tersedia') });
  });

  it('a pending order is followed again after a restart', async () => {
    const dataDir = tempDir();
    const first = await startCore({ dataDir });
    const o = await first.call('crypto.create', { clientRequestId: requestId(), amount: 60_000, label: 'Jasa desain' });
    await first.stop();
    const second = await startCore({ dataDir });
    try {
      (await second.loket.paymentProviders.trainingChainside()).pay(o.bitcoin!.orderUuid, { confirmations: 1 });
      expect((await waitFor(() => second.call('crypto.get', { reference: o.reference! }), (x) => x.state === 'paid', 15_000)).state).toBe('paid');
    } finally {
      await second.stop();
    }
  });
});

describe('after "paid": network disputes and chargebacks (issue 15 §5)', () => {
  it('a paid order is watched: a dispute shows and ends; a dispute never healed is a chargeback booked as a loss, for a sale and a standalone order alike', async () => {
    // At this scale the watch looks every ~1 s: the test waits for what Loket records, never a clock.
    const c = await startCore({ timeScale: 0.001 });
    try {
      const sim = await c.loket.paymentProviders.trainingChainside();
      const balance = (code: string): number => trialBalance(c.loket.db, 'training').find((a) => a.code === code)?.balance ?? 0;
      const order = (reference: string) => c.call('crypto.get', { reference, remote: false });

      // A token paid in bitcoin: sold, then the network takes the confirmations away — and gives them back.
      const started = await token(c, '14233784991');
      await c.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
      await c.call('payment.simulate', { saleId: started.id, outcome: 'confirm' });
      const sold = await until(c, started.id, (s) => s.state === 'succeeded');
      const saleRef = ref(c, sold.id);
      const uuid = sold.payment.display!.bitcoin!.orderUuid;
      expect(getBitcoinOrder(c.loket.db, saleRef)!.watch_until).not.toBeNull();
      sim.revert(uuid, true);
      const disputed = await waitFor(() => order(saleRef), (o) => o.dispute === 'open', 15_000);
      expect(disputed).toMatchObject({ state: 'paid', saleId: sold.id, disputeAt: expect.any(Number), chargebackAt: null });
      sim.confirm(uuid, 1);
      expect((await waitFor(() => order(saleRef), (o) => o.dispute === 'ended', 15_000)).state).toBe('paid');
      expect(balance('6103')).toBe(0);

      // A standalone order: paid, disputed, and the chargeback timeout passes at Chainside.
      const o = await c.call('crypto.create', { clientRequestId: requestId(), amount: 90_000, label: 'Sepatu' });
      await c.call('crypto.simulate', { reference: o.reference!, outcome: 'pay' });
      await c.call('crypto.simulate', { reference: o.reference!, outcome: 'confirm' });
      await waitFor(() => order(o.reference!), (x) => x.state === 'paid', 15_000);
      const bitcoinBefore = balance('1205');
      sim.revert(o.bitcoin!.orderUuid);
      await waitFor(() => order(o.reference!), (x) => x.dispute === 'open', 15_000);
      sim.configure({ chargebackSeconds: 60 });
      sim.advance(61);
      const lost = await waitFor(() => order(o.reference!), (x) => x.dispute === 'chargeback', 15_000);
      expect(lost).toMatchObject({ state: 'paid', chargebackAt: expect.any(Number) });
      expect(balance('6103')).toBe(90_000);
      expect(balance('1205')).toBe(bitcoinBefore - 90_000);
      expect(journalProblems(c.loket.db)).toEqual([]);
      // Final: no more looks, and the loss is booked once however often it is asked.
      expect(getBitcoinOrder(c.loket.db, o.reference!)!.next_check_at).toBeNull();
      await c.call('crypto.get', { reference: o.reference!, remote: true });
      expect(balance('6103')).toBe(90_000);
      // A "LUNAS" slip for bitcoin the network took back is not printed.
      expect((await c.fail('crypto.receipt', { reference: o.reference! })).code).toBe('not_allowed_in_state');
    } finally {
      await c.stop();
    }
  });
});

describe('Chainside callbacks (optional listener)', () => {
  it('a signed callback makes Loket ask at once; forged, tampered, unsigned, unknown and repeated ones change nothing final', async () => {
    // At this scale the tracker's next look is minutes away: only a callback can settle the payment during the test.
    const c = await startCore({ timeScale: 100, startWaitMs: 5_000 });
    try {
      const port = await freePort();
      await c.call('settings.setCallback', { enabled: true, port, path: '/sat/cb' });
      const url = `http://127.0.0.1:${port}/chainside/callback`;
      const sim = await c.loket.paymentProviders.trainingChainside();
      const started = await token(c, '14233784991');
      const uuid = started.payment.display!.bitcoin!.orderUuid;
      expect(sim.order(uuid)!.callbackUrl).toBe(url);
      const post = (body: string, signature?: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'chainside-signature': signature } : {}) }, body });
      const forgedBody = JSON.stringify({ event: 'payment.completed', created_at: new Date().toISOString(), object_type: 'payment_order', object: { uuid, reference: null } });
      expect((await post(forgedBody)).status).toBe(401);
      expect((await post(forgedBody, callbackSignature('wrong secret', Buffer.from(forgedBody)))).status).toBe(401);
      const signed = callbackSignature(sim.credentials.secret, Buffer.from(forgedBody));
      expect((await post(forgedBody.replace('completed', 'cancelled'), signed)).status).toBe(401);
      // A correctly signed "completed" for an order not paid changes nothing: Loket asks Chainside, which says pending.
      const readsBefore = sim.readCount(uuid);
      expect((await post(forgedBody, signed)).status).toBe(200);
      const unknown = JSON.stringify({ event: 'payment.transaction.changed', created_at: new Date().toISOString(), object_type: 'payment_order', object: { uuid } });
      expect((await post(unknown, callbackSignature(sim.credentials.secret, Buffer.from(unknown)))).status).toBe(200);
      await waitFor(async () => sim.readCount(uuid), (n) => n > readsBefore, 10_000, 10);
      expect((await c.call('sale.get', { saleId: started.id })).state).toBe('awaiting_payment');

      // The simulator's signed callback arrives at once — twice.
      sim.configure({ duplicateCallbacks: true });
      sim.pay(uuid, { confirmations: 1 });
      const done = await until(c, started.id, (s) => s.state === 'succeeded', 15_000);
      expect(sim.callbacks().filter((x) => x.uuid === uuid && x.event === 'payment.completed').every((x) => x.status === 200)).toBe(true);
      // A late replay of the completed callback: still one purchase.
      const replay = sim.callbacks().find((x) => x.uuid === uuid && x.event === 'payment.completed')!;
      // The route acts in the same turn as it answers, so by now the replay is handled: still one purchase.
      expect((await post(replay.body, replay.signature)).status).toBe(200);
      expect(pays(c, started.id)).toBe(1);
      expect(done.payment.state).toBe('settled');
    } finally {
      await c.stop();
    }
  });
});
