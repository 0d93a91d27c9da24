// Two counters of two outlets replicate to one Loket Pusat over real HTTP (issue 18): enrolled with
// the owner's one-time codes, their sales arrive once and in order, the owner's summary shows both
// outlets; the hub away for a while (sales go on) and back: everything arrives, once.
import { businessDate } from '../../shared/domain/time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type HubDb } from '../../electron/hub/db/connection';
import { migrateHub } from '../../electron/hub/db/migrations';
import { createHub, type Hub } from '../../electron/hub/hub';
import { startHubServer, type HubServer } from '../../electron/hub/server';
import Database from 'better-sqlite3';
import { getSale } from '../../electron/db/queries/sales';
import { trialBalance } from '../../electron/db/queries/journal';
import { formatRupiah } from '../../shared/domain/money';
import { pdfText } from '../support/pdf-text';
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
    // Training counters: training's figures, kept apart from production's.
    expect(summary.env).toBe('training');
    expect(outlets['Loket Sari']).toMatchObject({ sales: 2, total: before.amounts.total + afterA.amounts.total, byMethod: [{ method: 'cash', sales: 2, total: before.amounts.total + afterA.amounts.total }] });
    // Nothing waits at either counter any more.
    expect(outlets['Loket Sari']!.counters[0]!.backlog).toEqual({ rows: 0, oldestAt: null });
    expect(outlets['Loket Budi']).toMatchObject({ sales: 1, total: onB.amounts.total, counters: [expect.objectContaining({ name: 'Kasir 1', lastContactAt: expect.any(Number) })] });
  });

  it("everything the counter appends arrives: each sale's events, its payment as it last stood, the journal and the audit chain, each stream once and in order", async () => {
    await a.call('hub.flush', {});
    const held = async (stream: string, table?: string) =>
      Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM replicated r JOIN counters c ON c.id = r.counter_id JOIN outlets o ON o.id = c.outlet_id
             WHERE o.name = 'Loket Sari' AND r.stream = $1 AND ($2::text IS NULL OR r.body->>'table' = $2)`,
            [stream, table ?? null],
          )
        )[0]!.n,
      );
    const count = (sql: string) => (a.loket.db.prepare(sql).get() as { n: number }).n;
    expect(await held('records', 'sale_events')).toBe(count('SELECT COUNT(*) AS n FROM sale_events'));
    expect(await held('journal')).toBe(count('SELECT COUNT(*) AS n FROM journal_entries'));
    expect(await held('audit')).toBe(count('SELECT COUNT(*) AS n FROM audit_log'));
    // A payment may be sent more than once (as it changes); its latest copy at the hub is the ledger's row.
    const payment = a.loket.db.prepare('SELECT rowid AS rid, * FROM payments ORDER BY rowid DESC LIMIT 1').get() as { rid: number; id: string; state: string; amount: number };
    const latest = await db.query<{ body: { row: { id: string; state: string; amount: number } } }>(
      `SELECT r.body FROM replicated r JOIN counters c ON c.id = r.counter_id JOIN outlets o ON o.id = c.outlet_id
       WHERE o.name = 'Loket Sari' AND r.stream = 'records' AND r.key = $1 ORDER BY r.seq DESC LIMIT 1`,
      [`payments:${payment.rid}`],
    );
    expect(latest[0]!.body.row).toMatchObject({ id: payment.id, state: payment.state, amount: payment.amount });
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

  it("each counter's journal arrives: the owner's books per outlet equal the counter's own, balance, and set each deposit beside the provider's reading", async () => {
    await a.call('deposit.get', { refresh: true });
    await Promise.all([a.call('hub.flush', {}), b.call('hub.flush', {})]);
    const day = businessDate(Date.now(), 'Asia/Jakarta');
    const books = await hub.books(day);
    expect(books.env).toBe('training');
    for (const [core, outlet] of [[a, 'Loket Sari'], [b, 'Loket Budi']] as const) {
      const own = trialBalance(core.loket.db, 'training').filter((x) => x.balance !== 0);
      const there = books.outlets.find((o) => o.name === outlet)!;
      expect(there.balanced).toBe(true);
      // Every account the counter's books hold, with the same balance (today is the last day, so the day's end is now).
      expect(there.accounts.filter((x) => x.balance !== 0).map((x) => [x.account, x.balance])).toEqual(own.map((x) => [x.code, x.balance]));
    }
    // In total: each account the sum of the outlets'.
    const cash = (lines: { account: string; balance: number }[]) => lines.find((x) => x.account === '1101')?.balance ?? 0;
    expect(cash(books.total)).toBe(books.outlets.reduce((s, o) => s + cash(o.accounts), 0));
    // The deposit Loket Sari bought from, with what the provider last reported and the difference.
    // Deposits: VSI's as Loket Sari's books hold it (its sales took from it today; VSI reports no
    // balance in training), SAT's as SAT reported it with nothing booked yet — the whole reading is the
    // difference until the opening deposit is recorded, as on the counter's F10.
    const sari = books.deposits.filter((d) => d.outlet === 'Loket Sari');
    const vsi = sari.find((d) => d.account === '1301')!;
    expect(vsi).toMatchObject({ counter: 'Kasir 1', name: 'Deposit VSI', reported: null, drift: null });
    expect(vsi.movedToday).toBeLessThan(0);
    expect(vsi.balance).toBe(trialBalance(a.loket.db, 'training').find((x) => x.code === '1301')!.balance);
    const sat = sari.find((d) => d.account === '1302')!;
    expect(sat).toMatchObject({ name: 'Deposit SAT', balance: 0, reported: 50_000_000, drift: 50_000_000 });
  });

  it("a ledger edited behind Loket's back after replication is named at the hub; the audit chain arrived whole and links", async () => {
    const s = await sold(b, '14233784996');
    await b.call('hub.flush', {});
    expect(await hub.allFlags()).toEqual({ flags: [] });
    // Someone changes the sale's total with another program (the sqlite3 CLI): no trigger of Loket's sees it.
    const file = b.loket.db.name;
    const other = new Database(file);
    other.prepare('UPDATE sales SET margin = margin + 10000, total = total + 10000 WHERE id = ?').run(s.id);
    other.close();
    await b.call('hub.flush', {});
    const { flags } = await hub.allFlags();
    expect(flags).toEqual([expect.objectContaining({ outlet: 'Loket Budi', counter: 'Kasir 1', stream: 'sales', key: s.id, label: s.receiptNo, problem: 'changed_after_replication' })]);
    // The hub keeps what it was sent: the owner's figures are the ones Loket made.
    const row = await db.query<{ total: string }>('SELECT total FROM hub_sales WHERE sale_id = $1', [s.id]);
    expect(Number(row[0]!.total)).toBe(s.amounts.total);
    // The whole chain arrived and linked: the hub's head is the counter's.
    const head = b.loket.db.prepare('SELECT seq, hex(hash) AS hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const hubHead = await db.query<{ seq: string; hash: string }>('SELECT h.seq, h.hash FROM hub_audit_heads h JOIN counters c ON c.id = h.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = $1', ['Loket Budi']);
    expect({ seq: Number(hubHead[0]!.seq), hash: hubHead[0]!.hash }).toEqual({ seq: head.seq, hash: head.hash.toLowerCase() });
  });

  it("the owner's day report PDF across outlets carries the same figures: sales per outlet, the flag, the shift close, deposits and the books", async () => {
    const day = businessDate(Date.now(), 'Asia/Jakarta');
    const res = await fetch(`${server.url}/api/v1/report.pdf?date=${day}`, { headers: { authorization: `Bearer ${hub.ownerToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).join('\n');
    const summary = await hub.summary(day);
    const budi = summary.outlets.find((o) => o.name === 'Loket Budi')!;
    for (const expected of ['LAPORAN HARIAN SEMUA OUTLET', 'Loket Sari', 'Loket Budi', formatRupiah(budi.total), 'diubah setelah dikirim', 'Uang diambil untuk belanja toko', 'Deposit VSI', 'Deposit SAT', 'Buku setiap outlet seimbang.']) {
      expect(text).toContain(expected);
    }
    expect((await fetch(`${server.url}/api/v1/report.pdf?date=${day}`)).status).toBe(401);
  });
});
