// Issue 15 §6: "Tes koneksi" per provider and each rail's health on the sale screens, in training,
// showing real failures when a simulator is stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sellToken, startCore, isFinal, waitFor, type Core } from './harness';

let core: Core;

beforeAll(async () => {
  core = await startCore();
});
afterAll(() => core.stop());

describe('rail health and the connection test', () => {
  it('every provider answers the connection test in training, in words', async () => {
    for (const provider of ['vsi', 'sat', 'digiflazz', 'midtrans', 'worldline', 'chainside']) {
      const r = await core.call('provider.test', { provider });
      expect(r, provider).toMatchObject({ reachable: true, message: expect.stringContaining('Tersambung') });
    }
    expect(await core.call('provider.test', { provider: 'nobody' })).toMatchObject({ reachable: false, message: expect.stringContaining('tidak dikenal') });
  });

  it('a sale marks its rail as answering; a stopped simulator turns it down, in words, and the test says so', async () => {
    const started = await sellToken(core, '14233784991', 20_000);
    const done = await waitFor(() => core.call('sale.get', { saleId: started.id }), (s) => isFinal(s));
    expect(done.state).toBe('succeeded');
    const before = (await core.call('app.info', {})).rails.find((r) => r.provider === 'vsi')!;
    expect(before).toMatchObject({ lastOkAt: expect.any(Number), latencyMs: expect.any(Number) });
    expect((await core.call('app.info', {})).routes).toMatchObject({ pln_prepaid: 'vsi' });

    await (await core.loket.providers.trainingSimulator()).close();
    const refused = await core.fail('pln.inquire', { customerNumber: '14233784991' });
    expect(refused.code).toBe('provider_unavailable');
    const after = (await core.call('app.info', {})).rails.find((r) => r.provider === 'vsi')!;
    expect(after.lastFailAt).toBeGreaterThanOrEqual(after.lastOkAt!);
    expect(after.failure).toBe('tidak bisa tersambung');
    expect(await core.call('provider.test', { provider: 'vsi' })).toMatchObject({ reachable: false });
  });
});
