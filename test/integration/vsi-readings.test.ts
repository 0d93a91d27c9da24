// Issue 15 §3, VSI's open readings, each played by the simulator and survived by the core:
// (a) advice under the PAY's trxid, or — when VSI refuses a reused trxid — under a fresh one;
// (b) an inquiry reference gone stale while the customer paid: asked again, the same customer, sold;
// (c) <jmlkwh> as the seed's integer or as a decimal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSale, saleEvents } from '../../electron/db/queries/sales';
import { isFinal, sellToken, startCore, waitFor, type Core } from './harness';

let core: Core;
const vsi = () => core.loket.providers.trainingSimulator();
const settle = (saleId: string) => waitFor(() => core.call('sale.get', { saleId }), (s) => isFinal(s));

beforeAll(async () => {
  core = await startCore();
});
afterAll(() => core.stop());

describe('VSI readings (issue 15 §3)', () => {
  it('(a) a VSI that refuses an advice under the PAY’s trxid is asked under a fresh one: the lost PAY is found, one PAY', async () => {
    (await vsi()).configure({ advTrxid: 'refuse_reused' });
    try {
      // 99000000030: the PAY hangs past the timeout but succeeded at VSI.
      const started = await sellToken(core, '99000000030', 50_000);
      const done = await settle(started.id);
      expect(done.state).toBe('succeeded');
      const ref = getSale(core.loket.db, started.id)!.provider_ref;
      const requests = (await vsi()).state().requests;
      expect((await vsi()).payCount(ref)).toBe(1);
      // The refused advice under the PAY's trxid, then the answered one under a fresh trxid.
      expect(requests.some((r) => r.command === 'ADV' && r.trxid === ref)).toBe(true);
      expect(requests.some((r) => r.command === 'ADV' && r.trxid.startsWith(`${ref}-A`))).toBe(true);
    } finally {
      (await vsi()).configure({ advTrxid: 'accept' });
    }
  });

  it('(a) a VSI that accepts it is asked once, under the PAY’s trxid', async () => {
    const started = await sellToken(core, '99000000030', 20_000);
    const done = await settle(started.id);
    expect(done.state).toBe('succeeded');
    const ref = getSale(core.loket.db, started.id)!.provider_ref;
    expect((await vsi()).state().requests.filter((r) => r.command === 'ADV' && r.trxid.startsWith(`${ref}-A`))).toHaveLength(0);
  });

  it('(b) an inquiry reference gone stale (0048) is renewed for the same customer and the token sold — one token, nothing handed back by hand', async () => {
    (await vsi()).configure({ staleInquiries: 1 });
    const started = await sellToken(core, '14233784991', 100_000);
    const done = await settle(started.id);
    expect(done.state).toBe('succeeded');
    expect(done.delivery.token).toMatch(/^\d{20}$/);
    const events = saleEvents(core.loket.db, done.id);
    const renewed = events.find((e) => e.type === 'fallback');
    expect(JSON.parse(renewed!.data)).toMatchObject({ from: 'vsi', to: 'vsi', reason: 'request_expired' });
    // Two PAYs, each under its own trxid: the first refused as expired, the second sold.
    const first = JSON.parse(renewed!.data) as { fromRef: string; toRef: string };
    expect((await vsi()).payCount(first.fromRef)).toBe(1);
    expect((await vsi()).payCount(first.toRef)).toBe(1);
    expect(Object.values((await vsi()).state().payments).filter((p) => p.trxid === first.toRef && p.token)).toHaveLength(1);
  });

  it('(c) kWh read whether VSI sends the seed’s integer or a decimal', async () => {
    const integer = await settle((await sellToken(core, '14233784992', 50_000)).id);
    expect(integer.delivery.kwh).toMatch(/^\d+$/);
    (await vsi()).configure({ kwhStyle: 'decimal' });
    try {
      const decimal = await settle((await sellToken(core, '14233784993', 50_000)).id);
      expect(decimal.delivery.kwh).toMatch(/^\d+[.,]\d$/);
    } finally {
      (await vsi()).configure({ kwhStyle: 'integer' });
    }
  });
});
