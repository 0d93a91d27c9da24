// One contract suite for every purchase provider (issue 14), the way Beekeeper runs one suite
// against every engine: the same money-path cases against VSI, SAT and Digiflazz, each through its
// real client against its simulator over real HTTP. A harness says how to make each case happen at
// its provider; the assertions are the same for all. Every wait is a positive signal from the
// simulator (its state, its counters), never a sleep.
import { describe, expect } from 'vitest';
import { rigCase } from './rig';
import type { PurchaseOutcome, PurchaseProvider, PurchaseRequest } from '../../electron/providers/contract';

export type Scenario = 'success' | 'fail' | 'lost';

export type PurchaseRig = {
  client: PurchaseProvider;
  /** A client of the same provider pointed at a port nothing listens on. */
  refused(): PurchaseProvider;
  /** A purchase that plays `scenario` at the simulator (any inquiry it needs is made first). */
  request(scenario: Scenario): Promise<PurchaseRequest>;
  /** Purchase requests the simulator received under this ref (status checks excluded where they are separate calls). */
  purchasesSent(ref: string): number;
  /** Orders the provider holds under this ref: what it would charge for. */
  ordersHeld(ref: string): number;
  deposit(): number;
  /** Brings the provider's pending orders to their final state now (a positive signal, no waiting). */
  settle(ref: string): Promise<void>;
  /** Delivers a forged message about `req` (a status answer or a callback with a bad signature); true when the client refused it. */
  forged?(req: PurchaseRequest): Promise<boolean>;
  /** Bearer tokens: invalidates every issued token and tells how many the simulator issued so far. */
  tokens?: { revoke(): void; issued(): number };
  close(): Promise<void>;
};

export type PurchaseHarness = {
  name: string;
  /** What the provider signs (its status answers, its callbacks); null: nothing to forge. */
  signs: 'answers' | 'callbacks' | null;
  /** It authenticates with a bearer token Loket must renew. */
  bearer: boolean;
  /**
   * The plausible readings of what the provider's documents leave open (issue 15), each a way its
   * simulator can play. Every case runs under every reading: the first is the documented one.
   */
  readings: readonly string[];
  start(reading: string): Promise<PurchaseRig>;
};

/** Purchase (or take its first outcome), then status checks with the same ref until final (settling at the provider between). */
async function resolve(rig: PurchaseRig, req: PurchaseRequest, first?: PurchaseOutcome): Promise<PurchaseOutcome> {
  let out = first ?? (await rig.client.purchase(req));
  for (let i = 0; i < 5 && out.kind === 'uncertain'; i++) {
    await rig.settle(req.ref);
    out = await rig.client.advise({ ref: req.ref, payRef: null, customerNumber: req.customerNumber, faceValue: req.faceValue, confirming: false, purchase: req, firstSentAt: Date.now() });
  }
  return out;
}

export function purchaseSuite(h: PurchaseHarness): void {
  for (const reading of h.readings) readingSuite(h, reading);
}

function readingSuite(h: PurchaseHarness, reading: string): void {
  describe(`purchase contract: ${h.name} — ${reading}`, () => {
    const withRig = (name: string, body: (rig: PurchaseRig) => Promise<void>, skip = false) => rigCase(() => h.start(reading), name, body, skip);

    withRig('success: the goods, one order, the deposit charged once', async (rig) => {
      const before = rig.deposit();
      const req = await rig.request('success');
      const out = await resolve(rig, req);
      expect(out.kind).toBe('success');
      expect(rig.ordersHeld(req.ref)).toBe(1);
      expect(rig.deposit()).toBeLessThan(before);
    });

    withRig('a definite failure takes nothing', async (rig) => {
      const before = rig.deposit();
      const req = await rig.request('fail');
      const out = await resolve(rig, req);
      expect(out.kind).toBe('failed');
      expect(rig.deposit()).toBe(before);
    });

    withRig('a lost answer is found by status under the same ref — never bought twice', async (rig) => {
      const req = await rig.request('lost');
      const first = await rig.client.purchase(req);
      expect(first.kind).toBe('uncertain');
      const out = await resolve(rig, req, first);
      expect(out.kind).toBe('success');
      expect(rig.purchasesSent(req.ref)).toBe(1);
      expect(rig.ordersHeld(req.ref)).toBe(1);
    });

    withRig('a refused connection is provably not sent: a definite failure, nothing taken', async (rig) => {
      const before = rig.deposit();
      const req = await rig.request('success');
      const out = await rig.refused().purchase(req);
      expect(out).toMatchObject({ kind: 'failed', error: { code: 'provider_unavailable' } });
      expect(rig.ordersHeld(req.ref)).toBe(0);
      expect(rig.deposit()).toBe(before);
    });

    withRig('the same ref sent again never makes a second order', async (rig) => {
      const before = rig.deposit();
      const req = await rig.request('success');
      const first = await resolve(rig, req);
      expect(first.kind).toBe('success');
      const charged = before - rig.deposit();
      // What the repeat itself answers depends on the reading (VSI may call a reused trxid an
      // invalid message, 0030); Loket never re-sends a purchase that may have left. What must hold
      // under every reading: no second order, one charge, and the status still says the goods.
      await rig.client.purchase(req);
      expect(rig.ordersHeld(req.ref)).toBe(1);
      expect(before - rig.deposit()).toBe(charged);
      const status = await rig.client.advise({ ref: req.ref, payRef: null, customerNumber: req.customerNumber, faceValue: req.faceValue, confirming: false, purchase: req, firstSentAt: Date.now() });
      expect(status.kind).toBe('success');
    });

    withRig('a final answer stays final: asking again gives the same goods', async (rig) => {
      const req = await rig.request('success');
      const first = await resolve(rig, req);
      expect(first.kind).toBe('success');
      const late = await rig.client.advise({ ref: req.ref, payRef: null, customerNumber: req.customerNumber, faceValue: req.faceValue, confirming: false, purchase: req, firstSentAt: Date.now() });
      expect(late.kind).toBe('success');
      if (first.kind === 'success' && late.kind === 'success') {
        expect(late.delivered.token ?? late.delivered.serialNumber ?? late.delivered.voucherCode).toBe(first.delivered.token ?? first.delivered.serialNumber ?? first.delivered.voucherCode);
      }
    });

    withRig(
      `a forged ${h.signs === 'answers' ? 'status answer' : 'callback'} is not believed`,
      async (rig) => {
        const req = await rig.request('success');
        expect(await rig.forged!(req)).toBe(true);
        expect(rig.ordersHeld(req.ref)).toBeLessThanOrEqual(1);
      },
      h.signs === null,
    );

    withRig(
      'an expired bearer token is renewed exactly once, counted at the simulator',
      async (rig) => {
        const req = await rig.request('success');
        await resolve(rig, req);
        const before = rig.tokens!.issued();
        rig.tokens!.revoke();
        const again = await rig.request('success');
        expect((await resolve(rig, again)).kind).toBe('success');
        expect(rig.tokens!.issued() - before).toBe(1);
      },
      !h.bearer,
    );
  });
}
