// Loket Pusat's API on both engines it supports (issue 18): PGlite (the default, in a data folder)
// and a real PostgreSQL server this test starts itself. The same cases against each: enrollment
// once, the owner token, a counter's stream taken once and in order, a row changed after it was
// sent flagged by name, two counters with the same receipt numbers kept apart, the day's summary.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type HubDb } from '../../electron/hub/db/connection';
import { HUB_MIGRATIONS, migrateHub } from '../../electron/hub/db/migrations';
import { createHub, type Hub } from '../../electron/hub/hub';
import { startHubServer, type HubServer } from '../../electron/hub/server';
import { attestJournalText, type HubAuditBody, type HubBooks, type HubFlags, type HubJournalBody, type HubSaleBody, type ReplicatedRow } from '../../shared/hub-contract';
import { GENESIS, entryHash } from '../../electron/db/audit-digest';
import { startPgServer, type PgServer } from './pg-server';

type Engine = { name: string; open(): Promise<{ db: HubDb; done(): void }> };

let pg: PgServer | null = null;
const ENGINES: Engine[] = [
  { name: 'PGlite', open: async () => ({ db: await openPglite(null), done: () => undefined }) },
  {
    name: 'PostgreSQL server',
    async open() {
      pg ??= await startPgServer();
      return { db: await openPostgres(pg.url), done: () => undefined };
    },
  },
];
afterAll(() => pg?.stop());

const DAY = '2026-12-03';
const at = Date.parse(`${DAY}T03:00:00Z`);

function saleRow(seq: number, sale: Partial<HubSaleBody> & { id: string }): ReplicatedRow {
  const body: HubSaleBody = { receiptNo: '000001', businessDate: DAY, state: 'succeeded', productName: 'Token PLN 50.000', method: 'cash', total: 52_500, margin: 2_500, createdAt: at, updatedAt: at + seq, ...sale };
  return { seq, at: at + seq, key: sale.id, body, digest: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
}

describe.each(ENGINES)('Loket Pusat on $name', (engine) => {
  let db: HubDb;
  let hub: Hub;
  let server: HubServer;
  let done: () => void;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, token?: string, gzip = false) => {
    const raw = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(raw ? { 'content-type': 'application/json' } : {}),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
      ...(raw ? { body: gzip ? gzipSync(raw) : raw } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const enrolled = async (outlet: string, counter: string): Promise<string> => {
    const issued = await call('POST', '/api/v1/counters', { outlet, counter }, hub.ownerToken);
    expect(issued.status).toBe(201);
    const e = await call('POST', '/api/v1/enroll', { code: issued.body.code });
    expect(e.status).toBe(200);
    return String(e.body.credential);
  };

  beforeAll(async () => {
    const opened = await engine.open();
    db = opened.db;
    done = opened.done;
    expect(await migrateHub(db)).toBe(HUB_MIGRATIONS.length);
    // Twice is once.
    expect(await migrateHub(db)).toBe(HUB_MIGRATIONS.length);
    hub = await createHub(db, () => Date.parse(`${DAY}T05:00:00Z`));
    server = await startHubServer(hub);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
    done();
  });

  it('the owner token guards the owner’s API (401 without it); a one-time code enrolls a counter once', async () => {
    expect((await call('POST', '/api/v1/counters', { outlet: 'Loket Sari', counter: 'Kasir 1' })).status).toBe(401);
    expect((await call('POST', '/api/v1/counters', { outlet: 'Loket Sari', counter: 'Kasir 1' }, 'wrong')).status).toBe(401);
    expect((await call('GET', `/api/v1/summary?date=${DAY}`)).status).toBe(401);
    const issued = await call('POST', '/api/v1/counters', { outlet: 'Loket Sari', counter: 'Kasir 1' }, hub.ownerToken);
    expect(issued).toMatchObject({ status: 201, body: { code: expect.stringMatching(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/) } });
    // Typed loosely at the counter: case and dashes do not matter.
    const code = String(issued.body.code).toLowerCase().replace('-', ' ');
    const first = await call('POST', '/api/v1/enroll', { code });
    expect(first).toMatchObject({ status: 200, body: { outlet: 'Loket Sari', counter: 'Kasir 1', credential: expect.any(String) } });
    const again = await call('POST', '/api/v1/enroll', { code });
    expect(again).toMatchObject({ status: 403, body: { error: { message: expect.stringContaining('sudah dipakai') } } });
    // The name is taken by an enrolled PC: no second code for it.
    expect((await call('POST', '/api/v1/counters', { outlet: 'Loket Sari', counter: 'Kasir 1' }, hub.ownerToken)).status).toBe(409);
    expect((await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(1, { id: 'S1' })] }, 'not-a-credential')).status).toBe(401);
  });

  it('a stream is taken once and in order: a replay is skipped, a gap refused, a changed row flagged by name; gzip batches are fine', async () => {
    const cred = await enrolled('Loket Budi', 'Kasir 1');
    const counterId = (await hub.counterOf(cred))!;
    const rows = [saleRow(1, { id: 'S1' }), saleRow(2, { id: 'S2', total: 102_500, margin: 2_500 }), saleRow(3, { id: 'S3', state: 'failed' })];
    expect(await call('POST', '/api/v1/replicate', { stream: 'sales', rows }, cred, true)).toMatchObject({ status: 200, body: { accepted: 3, skipped: 0, lastSeq: 3 } });
    // The same batch again (the answer was lost): nothing twice.
    expect(await call('POST', '/api/v1/replicate', { stream: 'sales', rows }, cred)).toMatchObject({ status: 200, body: { accepted: 0, skipped: 3, lastSeq: 3 } });
    // A gap: #5 before #4 is refused and nothing of it kept.
    expect(await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(5, { id: 'S5' })] }, cred)).toMatchObject({ status: 409 });
    // Overlapping: #3 again and #4 new.
    expect(await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(3, { id: 'S3', state: 'failed' }), saleRow(4, { id: 'S1', state: 'refunded' })] }, cred)).toMatchObject({
      status: 200,
      body: { accepted: 1, skipped: 1, lastSeq: 4 },
    });
    // A body that does not match its digest is refused whole.
    const bad = { ...saleRow(5, { id: 'S5' }), digest: '0'.repeat(64) };
    expect((await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [bad] }, cred)).status).toBe(400);
    // The counter's ledger was edited after S2 was sent: the replayed row differs — flagged, named.
    await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(2, { id: 'S2', total: 2_500 })] }, cred);
    expect(await hub.flags(counterId)).toEqual([{ stream: 'sales', seq: 2, key: 'S2', problem: 'changed_after_replication' }]);
    // Rows land in the month's partition.
    const parts = await db.query<{ name: string }>("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'replicated'");
    expect(parts.map((p) => p.name)).toContain('replicated_y2026m12');
    // A sale kept before the hub computed attest digests (schema 3) is not judged by an attestation.
    await db.query("UPDATE hub_sales SET attest_digest = '' WHERE sale_id = 'S3'");
    const attested = await call('POST', '/api/v1/attest', { auditHead: null, rows: [{ stream: 'sales', key: 'S3', digest: 'ab'.repeat(32) }], deposits: [] }, cred);
    expect(attested.body).toEqual({ checked: 0, differing: 0 });
  });

  it('the day’s summary per outlet and counter (outlets by name): only succeeded sales, the latest state of each; two counters’ same receipt numbers kept apart', async () => {
    const a = await enrolled('Loket Cahya', 'Kasir 1');
    const b = await enrolled('Loket Cahya', 'Kasir 2');
    await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(1, { id: 'A1', receiptNo: '000001' }), saleRow(2, { id: 'A2', receiptNo: '000002', total: 22_500, margin: 1_000 })] }, a);
    await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(1, { id: 'B1', receiptNo: '000001', total: 12_000, margin: 500 })] }, b);
    // A2 is refunded later: the summary follows its latest state.
    await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(3, { id: 'A2', receiptNo: '000002', state: 'refunded', total: 22_500, margin: 1_000 })] }, a);
    const s = await call('GET', `/api/v1/summary?date=${DAY}`, undefined, hub.ownerToken);
    expect(s.status).toBe(200);
    const cahya = (s.body.outlets as Array<{ name: string; sales: number; total: number; admin: number; counters: Array<{ name: string; sales: number; total: number }> }>).find((o) => o.name === 'Loket Cahya')!;
    expect(cahya).toMatchObject({ sales: 2, total: 64_500, admin: 3_000, byMethod: [{ method: 'cash', sales: 2, total: 64_500 }] });
    // Sales from a counter that did not say their environment count as production's.
    expect(s.body.env).toBe('production');
    expect(cahya.counters).toEqual([expect.objectContaining({ name: 'Kasir 1', sales: 1, total: 52_500 }), expect.objectContaining({ name: 'Kasir 2', sales: 1, total: 12_000 })]);
    const names = (s.body.outlets as Array<{ name: string }>).map((o) => o.name);
    expect(names).toEqual([...names].sort());
    expect((await call('GET', '/api/v1/summary?date=03-12-2026', undefined, hub.ownerToken)).status).toBe(400);
    // A sale still open at its counter is on the owner's list, with where and what; once final it leaves it.
    await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(2, { id: 'B2', receiptNo: '000002', state: 'pending', total: 101_600 })] }, b);
    const open = await call('GET', '/api/v1/unresolved', undefined, hub.ownerToken);
    expect((open.body.sales as unknown[]).filter((s) => (s as { outlet: string }).outlet === 'Loket Cahya')).toEqual([
      expect.objectContaining({ outlet: 'Loket Cahya', counter: 'Kasir 2', receiptNo: '000002', state: 'pending', total: 101_600 }),
    ]);
    await call('POST', '/api/v1/replicate', { stream: 'sales', rows: [saleRow(3, { id: 'B2', receiptNo: '000002', state: 'succeeded', total: 101_600 })] }, b);
    const after = await call('GET', '/api/v1/unresolved', undefined, hub.ownerToken);
    expect((after.body.sales as Array<{ outlet: string }>).filter((s) => s.outlet === 'Loket Cahya')).toEqual([]);
    expect((await call('GET', '/api/v1/unresolved')).status).toBe(401);
  });

  it('the audit chain is checked as it arrives: a link that does not follow and a plain entry whose hash is wrong are named; a keyed chain that links is taken', async () => {
    const cred = await enrolled('Loket Dewi', 'Kasir 1');
    const counterId = (await hub.counterOf(cred))!;
    // A plain (unkeyed) chain the hub recomputes, entry by entry.
    const chain: HubAuditBody[] = [];
    let prev: Buffer = GENESIS;
    for (let seq = 1; seq <= 4; seq++) {
      const rowsHash = createHash('sha256').update(`rows ${seq}`).digest();
      const e = { seq, at: at + seq, actor: 'Sari', kind: 'change', subject: `sales#${seq}`, rowsHash };
      const hash = entryHash(null, prev, e);
      chain.push({ ...e, keyed: false, rowsHash: rowsHash.toString('hex'), hash: hash.toString('hex'), prev: prev.toString('hex'), rows: 1 });
      prev = hash;
    }
    const row = (seq: number, body: HubAuditBody): ReplicatedRow => ({ seq, at: body.at, key: String(body.seq), body, digest: createHash('sha256').update(JSON.stringify(body)).digest('hex') });
    expect((await call('POST', '/api/v1/replicate', { stream: 'audit', rows: [row(1, chain[0]!), row(2, chain[1]!)] }, cred)).status).toBe(200);
    expect(await hub.flags(counterId)).toEqual([]);
    // #3 with its subject changed after sealing (its hash no longer its own), then #4 that skips #3's real hash.
    const forged = { ...chain[2]!, subject: 'sales#99' };
    const cut = { ...chain[3]!, prev: '0'.repeat(64) };
    expect((await call('POST', '/api/v1/replicate', { stream: 'audit', rows: [row(3, forged), row(4, cut)] }, cred)).status).toBe(200);
    expect(await hub.flags(counterId)).toEqual([
      { stream: 'audit', seq: 3, key: '3', problem: 'audit_hash_wrong' },
      { stream: 'audit', seq: 4, key: '4', problem: 'audit_chain_broken' },
    ]);
    // A body that is not an audit entry refuses its batch (nothing kept, the counter sends again).
    expect((await call('POST', '/api/v1/replicate', { stream: 'audit', rows: [{ ...row(5, chain[0]!), body: { seq: 'x' }, digest: createHash('sha256').update(JSON.stringify({ seq: 'x' })).digest('hex') }] }, cred)).status).toBe(400);
    // A keyed chain: links checked (the HMAC key never leaves its counter).
    const keyed = await enrolled('Loket Dewi', 'Kasir 2');
    const k = { ...chain[0]!, keyed: true, hash: 'ab'.repeat(32) };
    const k2 = { ...chain[1]!, keyed: true, prev: k.hash, hash: 'cd'.repeat(32) };
    expect((await call('POST', '/api/v1/replicate', { stream: 'audit', rows: [row(1, k), row(2, k2)] }, keyed)).status).toBe(200);
    expect(await hub.flags((await hub.counterOf(keyed))!)).toEqual([]);
    // Its attestation names the same head: nothing differs; another head is flagged.
    expect(await call('POST', '/api/v1/attest', { auditHead: { seq: 2, hash: k2.hash }, rows: [], deposits: [] }, keyed)).toMatchObject({ status: 200, body: { differing: 0 } });
    expect(await call('POST', '/api/v1/attest', { auditHead: { seq: 2, hash: 'ef'.repeat(32) }, rows: [], deposits: [] }, keyed)).toMatchObject({ status: 200, body: { differing: 1 } });
    expect((await hub.flags((await hub.counterOf(keyed))!)).map((f) => f.problem)).toEqual(['audit_head_differs']);
  });

  it('journal entries become each outlet’s books: balances, the day’s movement, the day’s end; an attested entry that differs is named', async () => {
    const cred = await enrolled('Loket Eka', 'Kasir 1');
    const entry = (id: number, day: string, cash: number, memo: string): HubJournalBody => ({
      id,
      key: `sale:${id}:received`,
      env: 'production',
      businessDate: day,
      saleId: null,
      at: Date.parse(`${day}T03:00:00Z`),
      memo,
      lines: [
        { account: '1101', name: 'Kas laci', kind: 'asset', deposit: false, amount: cash },
        { account: '4101', name: 'Penjualan (harga penyedia)', kind: 'income', deposit: false, amount: -(cash - 2_500) },
        { account: '4102', name: 'Pendapatan admin loket', kind: 'income', deposit: false, amount: -2_500 },
      ],
    });
    const row = (seq: number, body: HubJournalBody): ReplicatedRow => ({ seq, at: body.at, key: String(body.id), body, digest: createHash('sha256').update(JSON.stringify(body)).digest('hex') });
    const entries = [entry(1, '2026-12-02', 52_500, 'Token 50rb'), entry(2, DAY, 22_500, 'Pulsa 20rb'), entry(3, DAY, 102_500, 'Token 100rb')];
    // The counter says what still waits there beyond this batch: the owner sees its lag.
    const waitingSince = Date.parse(`${DAY}T04:00:00Z`);
    expect((await call('POST', '/api/v1/replicate', { stream: 'journal', rows: entries.map((e, i) => row(i + 1, e)), backlog: { rows: 120, oldestAt: waitingSince } }, cred)).status).toBe(200);
    // A refund given back that day (the journal's refund account): the day's summary shows it.
    const refund: HubJournalBody = {
      ...entry(4, DAY, -22_500, 'Refund Pulsa 20rb'),
      key: 'sale:2:refund',
      lines: [
        { account: '4201', name: 'Refund penjualan', kind: 'income', deposit: false, amount: 22_500 },
        { account: '1101', name: 'Kas laci', kind: 'asset', deposit: false, amount: -22_500 },
      ],
    };
    expect((await call('POST', '/api/v1/replicate', { stream: 'journal', rows: [row(4, refund)], backlog: { rows: 0, oldestAt: null } }, cred)).status).toBe(200);
    const eka0 = (await hub.summary(DAY)).outlets.find((o) => o.name === 'Loket Eka')!;
    expect(eka0).toMatchObject({ refunds: 22_500, counters: [expect.objectContaining({ refunds: 22_500, backlog: { rows: 0, oldestAt: null } })] });
    await call('POST', '/api/v1/attest', { auditHead: null, rows: [], deposits: [], backlog: { rows: 120, oldestAt: waitingSince } }, cred);
    expect((await hub.summary(DAY)).outlets.find((o) => o.name === 'Loket Eka')!.counters[0]!.backlog).toEqual({ rows: 120, oldestAt: waitingSince });
    const books = await call('GET', `/api/v1/books?date=${DAY}`, undefined, hub.ownerToken);
    expect(books.status).toBe(200);
    const eka = (books.body as HubBooks).outlets.find((o) => o.name === 'Loket Eka')!;
    expect(eka.balanced).toBe(true);
    expect(eka.accounts.find((x) => x.account === '1101')).toEqual({ account: '1101', name: 'Kas laci', kind: 'asset', debit: 125_000, credit: 22_500, balance: 155_000 });
    // The day before: its own movement, and the balance at its end.
    const before = (await hub.books('2026-12-02', 'production')).outlets.find((o) => o.name === 'Loket Eka')!;
    expect(before.accounts.find((x) => x.account === '1101')).toMatchObject({ debit: 52_500, balance: 52_500 });
    // The counter attests entry 2 as its ledger now gives it (edited behind Loket's back): named.
    const edited = { ...entries[1]!, lines: entries[1]!.lines.map((l) => (l.account === '1101' ? { ...l, amount: 2_500 } : l)) };
    const digest = (e: HubJournalBody) => createHash('sha256').update(attestJournalText(e)).digest('hex');
    const a = await call('POST', '/api/v1/attest', { auditHead: null, rows: [{ stream: 'journal', key: '1', digest: digest(entries[0]!) }, { stream: 'journal', key: '2', digest: digest(edited) }], deposits: [] }, cred);
    expect(a.body).toEqual({ checked: 2, differing: 1 });
    const flags = await call('GET', '/api/v1/flags', undefined, hub.ownerToken);
    expect((flags.body as HubFlags).flags.filter((f) => f.outlet === 'Loket Eka')).toEqual([
      expect.objectContaining({ counter: 'Kasir 1', stream: 'journal', key: '2', label: 'Pulsa 20rb', problem: 'changed_after_replication' }),
    ]);
    expect((await call('GET', '/api/v1/flags')).status).toBe(401);
    expect((await call('POST', '/api/v1/attest', { auditHead: null, rows: [], deposits: [] }, 'nobody')).status).toBe(401);
  });

  it('counters’ first rows of a new month arriving at once are all kept: one makes the month’s partition, the others wait and find it', async () => {
    const creds = await Promise.all(Array.from({ length: 6 }, (_, i) => enrolled('Loket Fajar', `Kasir ${i + 1}`)));
    const march = Date.parse('2027-03-01T02:00:00Z');
    const row = (id: string): ReplicatedRow => {
      const body: HubSaleBody = { id, receiptNo: '000001', businessDate: '2027-03-01', state: 'succeeded', productName: 'Pulsa 10.000', method: 'cash', total: 11_500, margin: 1_500, createdAt: march, updatedAt: march };
      return { seq: 1, at: march, key: id, body, digest: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
    };
    const answers = await Promise.all(creds.map((c, i) => call('POST', '/api/v1/replicate', { stream: 'sales', rows: [row(`M${i}`)] }, c)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const fajar = (await hub.summary('2027-03-01')).outlets.find((o) => o.name === 'Loket Fajar')!;
    expect(fajar).toMatchObject({ sales: 6, total: 69_000 });
  });
});
