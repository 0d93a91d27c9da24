// One contract suite for every payment gateway (issue 14): the same cases against Midtrans, Worldline
// and Chainside, each through its real client and simulator. A harness says how its simulator plays
// each case; the assertions are the same. Waits are signals from the simulators, never the clock.
import { describe, expect } from 'vitest';
import { rigCase } from './rig';
import type { NonCashMethod, PaymentGateway, PaymentStatus } from '../../electron/providers/payment-contract';

export type PaymentRig = {
  gateway: PaymentGateway;
  method: NonCashMethod;
  amount: number;
  /** Creates the payment (cards: with a card the simulator approves); `lost`: made at the provider, its answer lost. */
  charge(ref: string, lost?: boolean): Promise<PaymentStatus>;
  /** It gives money back through its API (bitcoin is handed back by a person). */
  refunds: boolean;
  /** Rupiah the provider gave back for this payment, as its simulator holds it. */
  refunded(ref: string): number;
  /** Creates the provider made for this ref (what a customer could pay). */
  creates(ref: string): number;
  /** The customer pays (cards: the charge itself pays). */
  pay(ref: string): Promise<void>;
  /** The payment's time runs out at the provider; null when payments of this kind do not wait (cards). */
  expire: ((ref: string) => Promise<void>) | null;
  close(): Promise<void>;
};

/**
 * `readings`: the plausible readings of what the provider's documents leave open (issue 15), each a
 * way its simulator can play; every case runs under every one. The first is the documented reading.
 */
export type PaymentHarness = { name: string; readings: readonly string[]; start(reading: string): Promise<PaymentRig> };

let n = 0;
const ref = (): string => `LKT-P-C${Date.now().toString(36)}${(n++).toString(36)}`;

const settled = (s: PaymentStatus): boolean => s.kind === 'settled';
/** The provider's id of the payment, when its answer carried one (cards are looked up by it). */
const txnOf = (s: PaymentStatus): string | null => (s.kind === 'pending' ? s.txnId : s.kind === 'settled' ? s.settled.txnId : null);

export function paymentSuite(h: PaymentHarness): void {
  for (const reading of h.readings) readingSuite(h, reading);
}

function readingSuite(h: PaymentHarness, reading: string): void {
  describe(`payment contract: ${h.name} — ${reading}`, () => {
    const withRig = (name: string, body: (rig: PaymentRig) => Promise<void>) => rigCase(() => h.start(reading), name, body);

    withRig('a lost create is found by its reference — one payment at the provider, never a second', async (rig) => {
      const r = ref();
      const first = await rig.charge(r, true);
      expect(first.kind === 'unknown' || first.kind === 'closed').toBe(true);
      const found = await rig.gateway.status(r, null, rig.amount);
      // Found (waiting, paid, or reversed by the client itself) — never "no such payment".
      expect(found.kind === 'unknown' && found.notFound).toBe(false);
      expect(rig.creates(r)).toBe(1);
    });

    withRig('paid: settled for the amount asked', async (rig) => {
      const r = ref();
      const created = await rig.charge(r);
      await rig.pay(r);
      const s = await rig.gateway.status(r, txnOf(created), rig.amount);
      expect(settled(s)).toBe(true);
    });

    withRig('cancel after the customer paid answers "paid": the money is then given back, not kept', async (rig) => {
      const r = ref();
      const created = await rig.charge(r);
      await rig.pay(r);
      const txnId = txnOf(created);
      const after = await rig.gateway.cancel(r, txnId, rig.amount);
      expect(after.kind === 'settled' || after.kind === 'refunded').toBe(true);
      if (rig.refunds && after.kind === 'settled') {
        const back = await rig.gateway.refund({ ref: r, txnId: after.settled.txnId, key: `${r}-R1`, amount: rig.amount, reason: 'batal setelah bayar', direct: true });
        expect(back.kind).toBe('done');
      }
    });

    withRig('a refund key is idempotent: sent twice, given back once', async (rig) => {
      if (!rig.refunds) return;
      const r = ref();
      const created = await rig.charge(r);
      await rig.pay(r);
      const s = await rig.gateway.status(r, txnOf(created), rig.amount);
      const txnId = s.kind === 'settled' ? s.settled.txnId : txnOf(created);
      const request = { ref: r, txnId, key: `${r}-R1`, amount: rig.amount, reason: 'gagal beli', direct: true };
      expect((await rig.gateway.refund(request)).kind).toBe('done');
      expect((await rig.gateway.refund(request)).kind).not.toBe('refused');
      // Counted where the money moves: the provider gave back the amount once, not twice.
      expect(rig.refunded(r)).toBe(rig.amount);
    });

    withRig('expiry closes a waiting payment for good', async (rig) => {
      if (!rig.expire) return;
      const r = ref();
      await rig.charge(r);
      await rig.expire(r);
      const s = await rig.gateway.status(r, null, rig.amount);
      expect(s).toMatchObject({ kind: 'closed', reason: 'expired' });
    });
  });
}
