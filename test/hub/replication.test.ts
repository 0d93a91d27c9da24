// Two counters of two outlets replicate to one Loket Pusat over real HTTP (issue 18): enrolled with
// the owner's one-time codes, their sales arrive once and in order, the owner's summary shows both
// outlets; the hub away for a while (sales go on) and back: everything arrives, once.
import { businessDate } from '../../shared/domain/time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type HubDb } from '../../electron/hub/db/connection';
import { migrateHub } from '../../electron/hub/db/migrations';
import { createHub, type Hub } from '../../electron/hub/hub';
import { startHubServer, type HubServer } from '../../electron/hub/server';
import { getSale } from '../../electron/db/queries/sales';
import { isFinal, sellToken, startCore, waitFor, type Core } from '../integration/harness';

let db: HubDb;
let hub: Hub;
let server: HubServer;
let a: Core;
let b: Core;

async function code(outlet: string, counter: string): Promise<string> {
  const r = await hub.newCounter(outlet, counter);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.code;
}

const sold = async (c: Core, meter: string) => {
  const s = await sellToken(c, meter, 50_000);
  return waitFor(() => c.call('sale.get', { saleId: s.id }), isFinal);
};
const drained = (c: Core) => waitFor(() => c.call('hub.status', {}), (s) => s.pending === 0 && s.lastError === null, 20_000);

beforeAll(async () => {
  db = await openPglite(null);
  await migrateHub(db);
  hub = await createHub(db);
  server = await startHubServer(hub);
  [a, b] = await Promise.all([startCore(), startCore()]);
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
  await server.close();
  await db.close();
});

describe('counters replicate to Loket Pusat', () => {
  it('two outlets enrolled with one-time codes; a sale made before enrolling and after both arrive; the summary shows both outlets', async () => {
    const before = await sold(a, '14233784991');
    const codeA = await code('Loket Sari', 'Kasir 1');
    expect(await a.call('hub.enroll', { url: server.url, code: codeA })).toMatchObject({ linked: true, outlet: 'Loket Sari', counter: 'Kasir 1' });
    // The code is spent: another PC cannot take the same place.
    expect((await b.fail('hub.enroll', { url: server.url, code: codeA })).message).toContain('sudah dipakai');
    // Only https, or http to this machine.
    expect((await b.fail('hub.enroll', { url: 'http://pusat.example.com', code: 'X' })).code).toBe('settings_invalid');
    expect(await b.call('hub.enroll', { url: server.url, code: await code('Loket Budi', 'Kasir 1') })).toMatchObject({ linked: true, outlet: 'Loket Budi' });

    const afterA = await sold(a, '14233784992');
    const onB = await sold(b, '14233784993');
    await Promise.all([drained(a), drained(b)]);
    const day = getSale(a.loket.db, afterA.id)!.business_date;
    const summary = await hub.summary(day);
    const outlets = Object.fromEntries(summary.outlets.map((o) => [o.name, o]));
    expect(outlets['Loket Sari']).toMatchObject({ sales: 2, total: before.amounts.total + afterA.amounts.total });
    expect(outlets['Loket Budi']).toMatchObject({ sales: 1, total: onB.amounts.total, counters: [expect.objectContaining({ name: 'Kasir 1', lastContactAt: expect.any(Number) })] });
  });

  it('the hub away (sales go on at the counter), then back: everything arrives once', async () => {
    const port = server.port;
    const day = await (async () => {
      await server.close();
      const s1 = await sold(a, '14233784994');
      const s2 = await sold(a, '14233784995');
      // The sales were made, the sender kept them and says why it could not send.
      const waiting = await waitFor(() => a.call('hub.status', {}), (s) => s.lastError !== null, 20_000);
      expect(waiting.pending).toBeGreaterThan(0);
      expect(waiting.lastError).toContain('tidak bisa dihubungi');
      expect([s1.state, s2.state]).toEqual(['succeeded', 'succeeded']);
      return getSale(a.loket.db, s1.id)!.business_date;
    })();
    server = await startHubServer(hub, { port });
    await drained(a);
    const sari = (await hub.summary(day)).outlets.find((o) => o.name === 'Loket Sari')!;
    expect(sari.sales).toBe(4);
    // Nothing twice: each sale once in the hub's table however often it was sent.
    const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM hub_sales s JOIN counters c ON c.id = s.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = 'Loket Sari'");
    expect(Number(rows[0]!.n)).toBe(4);
  });

  it('price rules set once at the hub reach the outlets picked (the outlet’s own over the all-outlets one), removals too; the counter records them as Loket Pusat', async () => {
    const pulsa = (rules: Array<{ scope: string; key: string; amount: number }>) => rules.find((r) => r.scope === 'category' && r.key === 'Pulsa')?.amount ?? null;
    expect((await hub.setRule({ outlet: 'Nowhere', scope: 'category', key: 'Pulsa', mode: 'markup', amount: 1 })).ok).toBe(false);
    await hub.setRule({ outlet: null, scope: 'category', key: 'Pulsa', mode: 'markup', amount: 1_000 });
    await hub.setRule({ outlet: 'Loket Sari', scope: 'category', key: 'Pulsa', mode: 'markup', amount: 2_000 });
    await Promise.all([a.call('hub.flush', {}), b.call('hub.flush', {})]);
    expect(pulsa((await a.call('pricing.list', {})).rules)).toBe(2_000);
    expect(pulsa((await b.call('pricing.list', {})).rules)).toBe(1_000);
    await hub.removeRule({ outlet: 'Loket Sari', scope: 'category', key: 'Pulsa' });
    await a.call('hub.flush', {});
    expect(pulsa((await a.call('pricing.list', {})).rules)).toBe(1_000);
    await hub.removeRule({ outlet: null, scope: 'category', key: 'Pulsa' });
    await Promise.all([a.call('hub.flush', {}), b.call('hub.flush', {})]);
    expect(pulsa((await a.call('pricing.list', {})).rules)).toBeNull();
    expect(pulsa((await b.call('pricing.list', {})).rules)).toBeNull();
    // Audited at the counter under the hub's name, and at the hub.
    const byHub = a.loket.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE actor = 'Loket Pusat'").get() as { n: number };
    expect(byHub.n).toBeGreaterThan(0);
    expect(Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM hub_audit WHERE action LIKE 'price_rule.%'"))[0]!.n)).toBe(4);
  });

  it('a shift closed short at a counter reaches the owner with the drawer counted, the variance and the reason', async () => {
    const closed = await a.call('shift.close', { counted: 0, denominations: null, reason: 'Uang diambil untuk belanja toko' });
    await a.call('hub.flush', {});
    const closedAt = Date.now();
    const day = businessDate(closedAt, 'Asia/Jakarta');
    const closes = (await hub.shifts(day)).closes.filter((c) => c.outlet === 'Loket Sari');
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ counter: 'Kasir 1', countedCash: 0, reason: 'Uang diambil untuk belanja toko' });
    expect(closes[0]!.variance).toBe(-closes[0]!.expectedCash);
    expect(closed).toBeTruthy();
  });
});
