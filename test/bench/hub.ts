// Loket Pusat's figures (issue 18), on the engine the owner runs it on:
//  - ingest: many counters' day — sales and their journal entries — taken through the hub's own
//    path (batches of 500, one transaction each: cursor, digests, partitions, the rows, what each
//    stream becomes) against a raw COPY of the same rows into a plain table of the same database;
//  - lag: counters selling steadily, each sending like the real sender (a round every 2 s, gzip'd
//    over HTTP): from a sale's commit at its counter to the hub's acknowledgement;
//  - the owner's "today" screen (its five calls together) over a year of counters' history.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { openPostgres, wrapPglite, type HubDb } from '../../electron/hub/db/connection';
import { migrateHub } from '../../electron/hub/db/migrations';
import { createHub, type Hub } from '../../electron/hub/hub';
import { startHubServer } from '../../electron/hub/server';
import type { HubJournalBody, HubSaleBody, HubStream, ReplicatedRow } from '../../shared/hub-contract';
import { startPgServer } from '../hub/pg-server';

export type BenchEngine = { name: string; db: HubDb; copy(table: string, csv: string): Promise<void>; close(): Promise<void> };

/** A fresh hub database: PGlite in memory, or a PostgreSQL server started for the run. */
export async function openBenchEngine(kind: 'pglite' | 'postgres'): Promise<BenchEngine> {
  if (kind === 'pglite') {
    const pgl = await PGlite.create();
    const db = wrapPglite(pgl);
    await migrateHub(db);
    return {
      name: 'PGlite',
      db,
      copy: async (table, csv) => void (await pgl.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) })),
      close: () => db.close(),
    };
  }
  const server = await startPgServer();
  const db = await openPostgres(server.url);
  await migrateHub(db);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  return {
    name: 'PostgreSQL 15 server',
    db,
    copy: (table, csv) => pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv)`))),
    async close() {
      await client.end();
      await db.close();
      server.stop();
    },
  };
}

const DAY = '2026-12-03';
/** The counter's sender sends 500 rows a batch (services/hub/replicator.ts). */
const BATCH = 500;
const digest = (body: object): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

async function enrollCounters(hub: Hub, n: number): Promise<{ id: string; credential: string }[]> {
  const out: { id: string; credential: string }[] = [];
  for (let c = 0; c < n; c++) {
    const code = await hub.newCounter(`Outlet ${String(Math.floor(c / 4)).padStart(3, '0')}`, `Kasir ${(c % 4) + 1}`);
    if (!code.ok) throw new Error(code.error.message);
    const e = await hub.enroll(code.value.code);
    if (!e.ok) throw new Error(e.error.message);
    out.push({ id: (await hub.counterOf(e.value.credential))!, credential: e.value.credential });
  }
  return out;
}

/** A counter's i-th sale and its journal entry (cash in; the provider's price, the admin, the cost out of the deposit). */
function saleAndEntry(c: number, i: number, at: number): { sale: HubSaleBody; entry: HubJournalBody } {
  const sale: HubSaleBody = {
    id: `S${c}-${i}`,
    receiptNo: String(i).padStart(6, '0'),
    businessDate: DAY,
    state: i % 29 === 0 ? 'failed' : 'succeeded',
    productName: 'Token PLN 50.000',
    method: i % 3 === 0 ? 'qris' : 'cash',
    total: 52_500,
    margin: 2_500,
    createdAt: at,
    updatedAt: at,
  };
  const entry: HubJournalBody = {
    id: i,
    key: `sale:${sale.id}:delivered`,
    env: 'production',
    businessDate: DAY,
    saleId: sale.id,
    at,
    memo: `Token PLN 50.000 ${sale.receiptNo}`,
    lines: [
      { account: '1101', name: 'Kas laci', kind: 'asset', deposit: false, amount: 52_500 },
      { account: '4101', name: 'Penjualan (harga penyedia)', kind: 'income', deposit: false, amount: -50_000 },
      { account: '4102', name: 'Pendapatan admin loket', kind: 'income', deposit: false, amount: -2_500 },
      { account: '5101', name: 'Harga pokok penyedia', kind: 'expense', deposit: false, amount: 50_000 },
      { account: '1301', name: 'Deposit VSI', kind: 'asset', deposit: true, amount: -50_000 },
    ],
  };
  return { sale, entry };
}

function rowsOf(c: number, sales: number, start: number): Record<'sales' | 'journal', ReplicatedRow[]> {
  const out: Record<'sales' | 'journal', ReplicatedRow[]> = { sales: [], journal: [] };
  for (let i = 1; i <= sales; i++) {
    const at = start + i * 15_000;
    const { sale, entry } = saleAndEntry(c, i, at);
    out.sales.push({ seq: i, at, key: sale.id, body: sale, digest: digest(sale) });
    out.journal.push({ seq: i, at, key: String(entry.id), body: entry, digest: digest(entry) });
  }
  return out;
}

export type HubIngestResult = { engine: string; counters: number; sales: number; journalLines: number; hubSeconds: number; copySeconds: number; hubRate: number; copyRate: number };

/**
 * The hub's path against COPY, same rows, same database, same run. Counters are taken `workers` at a
 * time (a server takes many counters' batches at once; PGlite is one connection and takes them in turn).
 */
export async function benchHubIngest(engine: BenchEngine, counters: number, salesPerCounter: number, workers: number): Promise<HubIngestResult> {
  const hub = await createHub(engine.db);
  const enrolled = await enrollCounters(hub, counters);
  const start = Date.parse(`${DAY}T01:00:00Z`);

  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let c = next++; c < counters; c = next++) {
        const rows = rowsOf(c, salesPerCounter, start);
        for (const stream of ['sales', 'journal'] as const) {
          for (let i = 0; i < rows[stream].length; i += BATCH) {
            const r = await hub.replicate(enrolled[c]!.id, { stream, rows: rows[stream].slice(i, i + BATCH) });
            if (!r.ok) throw new Error(r.error.message);
          }
        }
      }
    }),
  );
  const hubSeconds = (performance.now() - t0) / 1000;

  await engine.db.exec('CREATE TABLE raw_copy (counter_id text, stream text, seq bigint, at timestamptz, key text, body jsonb, digest text)');
  const csvField = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const t1 = performance.now();
  for (let c = 0; c < counters; c++) {
    const rows = rowsOf(c, salesPerCounter, start);
    const lines = (['sales', 'journal'] as const).flatMap((stream) =>
      rows[stream].map((r) => [enrolled[c]!.id, stream, String(r.seq), new Date(r.at).toISOString(), r.key, csvField(JSON.stringify(r.body)), r.digest].join(',')),
    );
    await engine.copy('raw_copy', `${lines.join('\n')}\n`);
  }
  const copySeconds = (performance.now() - t1) / 1000;
  await engine.db.exec('DROP TABLE raw_copy');
  const sales = counters * salesPerCounter;
  return { engine: engine.name, counters, sales, journalLines: sales * 5, hubSeconds, copySeconds, hubRate: sales / hubSeconds, copyRate: sales / copySeconds };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

export type HubLagResult = { counters: number; seconds: number; sales: number; lagP50: number; lagP99: number; answerP50: number; answerP99: number };

/**
 * Replication lag at a steady load: each counter sells one sale every `everyMs` (random phase) and
 * sends like the real sender — a round every 2 s, each stream's pending rows in one gzip'd POST —
 * to the hub over HTTP. Lag: the sale's commit at its counter → the hub's acknowledgement.
 */
export async function benchHubLag(engine: BenchEngine, counters: number, seconds: number, everyMs: number): Promise<HubLagResult> {
  const hub = await createHub(engine.db);
  const server = await startHubServer(hub);
  const enrolled = await enrollCounters(hub, counters);
  const lags: number[] = [];
  const answers: number[] = [];
  const until = performance.now() + seconds * 1000;
  const ROUND_MS = 2_000;
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

  async function counter(c: number): Promise<void> {
    const pending: { sale: ReplicatedRow; entry: ReplicatedRow; madeAt: number }[] = [];
    let seq = 0;
    const seqs: Record<HubStream, number> = { sales: 0, shifts: 0, journal: 0, audit: 0, records: 0 };
    const seller = (async () => {
      await sleep(Math.random() * everyMs);
      while (performance.now() < until) {
        seq++;
        const at = Date.now();
        const { sale, entry } = saleAndEntry(c, seq, at);
        pending.push({ sale: { seq: ++seqs.sales, at, key: sale.id, body: sale, digest: digest(sale) }, entry: { seq: ++seqs.journal, at, key: String(entry.id), body: entry, digest: digest(entry) }, madeAt: performance.now() });
        await sleep(everyMs);
      }
    })();
    await sleep(Math.random() * ROUND_MS);
    while (performance.now() < until + ROUND_MS) {
      const batch = pending.splice(0, pending.length);
      if (batch.length > 0) {
        for (const stream of ['sales', 'journal'] as const) {
          const rows = batch.map((b) => (stream === 'sales' ? b.sale : b.entry));
          const t = performance.now();
          const res = await fetch(`${server.url}/api/v1/replicate`, {
            method: 'POST',
            headers: { authorization: `Bearer ${enrolled[c]!.credential}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
            body: gzipSync(Buffer.from(JSON.stringify({ stream, rows }))),
          });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`hub answered ${res.status}`);
          const done = performance.now();
          answers.push(done - t);
          if (stream === 'journal') for (const b of batch) lags.push(done - b.madeAt);
        }
      }
      await sleep(ROUND_MS);
    }
    await seller;
  }
  await Promise.all(Array.from({ length: counters }, (_, c) => counter(c)));
  await server.close();
  return { counters, seconds, sales: lags.length, lagP50: quantile(lags, 0.5), lagP99: quantile(lags, 0.99), answerP50: quantile(answers, 0.5), answerP99: quantile(answers, 0.99) };
}

export type HubTodayResult = { counters: number; days: number; perDay: number; quarter: { lines: number; ms: number }; year: { lines: number; ms: number }; generateSeconds: number };

/**
 * A year of history written straight into the hub's tables (what ingest would have made: each sale,
 * its journal entry with five lines in `replicated` — the lines the issue counts — and in
 * `hub_journal`, the accounts' balances and day movements, two shift closes a day), then the
 * owner's today screen — its five calls together, as the page makes them — timed on the newest
 * day: first over a quarter of the year, then over the whole year, to show how it grows.
 */
export async function benchHubToday(engine: BenchEngine, counters: number, days: number, perDay: number): Promise<HubTodayResult> {
  const hub = await createHub(engine.db);
  await enrollCounters(hub, counters);
  const first = Date.parse(`${DAY}T00:00:00Z`) - (days - 1) * 86_400_000;
  const db = engine.db;
  // Partitions for every month the year touches.
  for (let m = new Date(first); m.getTime() <= Date.parse(`${DAY}T00:00:00Z`); m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
    const y = m.getUTCFullYear();
    const mo = m.getUTCMonth() + 1;
    const from = `${y}-${String(mo).padStart(2, '0')}-01`;
    const to = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
    await db.exec(`CREATE TABLE IF NOT EXISTS replicated_y${y}m${String(mo).padStart(2, '0')} PARTITION OF replicated FOR VALUES FROM ('${from}') TO ('${to}')`);
  }
  const LINES = `jsonb_build_array(
      jsonb_build_object('account', '1101', 'name', 'Kas laci', 'kind', 'asset', 'deposit', false, 'amount', 52500),
      jsonb_build_object('account', '4101', 'name', 'Penjualan (harga penyedia)', 'kind', 'income', 'deposit', false, 'amount', -50000),
      jsonb_build_object('account', '4102', 'name', 'Pendapatan admin loket', 'kind', 'income', 'deposit', false, 'amount', -2500),
      jsonb_build_object('account', '5101', 'name', 'Harga pokok penyedia', 'kind', 'expense', 'deposit', false, 'amount', 50000),
      jsonb_build_object('account', '1301', 'name', 'Deposit VSI', 'kind', 'asset', 'deposit', true, 'amount', -50000))`;
  const ACCOUNTS = `(VALUES ('1101', 'Kas laci', 'asset', false, 52500), ('4101', 'Penjualan (harga penyedia)', 'income', false, -50000),
      ('4102', 'Pendapatan admin loket', 'income', false, -2500), ('5101', 'Harga pokok penyedia', 'expense', false, 50000), ('1301', 'Deposit VSI', 'asset', true, -50000)) AS a(code, name, kind, deposit, amount)`;

  async function generate(fromDay: number, toDay: number): Promise<void> {
    const span = `generate_series(${fromDay}, ${toDay}) AS d CROSS JOIN generate_series(1, ${perDay}) AS i`;
    const dayOf = `(date '${new Date(first).toISOString().slice(0, 10)}' + d)`;
    const at = `(${dayOf}::timestamptz + interval '1 hour' + i * interval '12 seconds')`;
    await db.exec(`INSERT INTO hub_sales (counter_id, sale_id, receipt_no, business_date, state, product_name, method, total, margin, created_at, updated_at, seq, attest_digest)
      SELECT c.id, 'Y' || d || '-' || i, lpad((d * ${perDay} + i)::text, 6, '0'), ${dayOf}, CASE WHEN i % 29 = 0 THEN 'failed' ELSE 'succeeded' END,
             'Token PLN 50.000', CASE WHEN i % 3 = 0 THEN 'qris' ELSE 'cash' END, 52500, 2500, ${at}, ${at}, d * ${perDay} + i, md5(c.id || d || i)
      FROM counters c CROSS JOIN ${span}`);
    await db.exec(`INSERT INTO replicated (counter_id, stream, seq, at, key, body, digest)
      SELECT c.id, 'journal', d * ${perDay} + i, ${at}, (d * ${perDay} + i)::text,
             jsonb_build_object('id', d * ${perDay} + i, 'key', 'sale:Y' || d || '-' || i || ':delivered', 'env', 'production', 'businessDate', ${dayOf}::text,
                                'saleId', 'Y' || d || '-' || i, 'at', (extract(epoch FROM ${at}) * 1000)::bigint, 'memo', 'Token PLN 50.000', 'lines', ${LINES}),
             md5(c.id || d || i) || md5(i || c.id || d)
      FROM counters c CROSS JOIN ${span}`);
    await db.exec(`INSERT INTO hub_journal (counter_id, entry_id, env, business_date, at, memo, attest_digest, seq)
      SELECT c.id, d * ${perDay} + i, 'production', ${dayOf}, ${at}, 'Token PLN 50.000', md5(c.id || d || i), d * ${perDay} + i
      FROM counters c CROSS JOIN ${span}`);
    await db.exec(`INSERT INTO hub_account_days (counter_id, env, business_date, account, debit, credit)
      SELECT c.id, 'production', ${dayOf}, a.code, greatest(a.amount, 0) * ${perDay}, greatest(-a.amount, 0) * ${perDay}
      FROM counters c CROSS JOIN generate_series(${fromDay}, ${toDay}) AS d CROSS JOIN ${ACCOUNTS}`);
    await db.exec(`INSERT INTO hub_accounts (counter_id, env, account, name, kind, deposit, balance)
      SELECT c.id, 'production', a.code, a.name, a.kind, a.deposit, a.amount::bigint * ${perDay} * ${toDay - fromDay + 1}
      FROM counters c CROSS JOIN ${ACCOUNTS}
      ON CONFLICT (counter_id, env, account) DO UPDATE SET balance = hub_accounts.balance + excluded.balance`);
    await db.exec(`INSERT INTO hub_shifts (counter_id, shift_id, cashier, closed_by, opened_at, closed_at, opening_float, expected_cash, counted_cash, variance, reason)
      SELECT c.id, 'SH' || d || '-' || h, 'Kasir', NULL, ${dayOf}::timestamptz + h * interval '8 hours', ${dayOf}::timestamptz + (h + 1) * interval '8 hours' - interval '1 hour',
             200000, 1500000, 1500000 - (h * 5000), -(h * 5000), CASE WHEN h = 1 THEN 'Kembalian kurang' END
      FROM counters c CROSS JOIN generate_series(${fromDay}, ${toDay}) AS d CROSS JOIN generate_series(0, 1) AS h`);
    await db.exec('ANALYZE');
  }

  async function todayScreen(day: string): Promise<number> {
    const once = async (): Promise<number> => {
      const t = performance.now();
      await Promise.all([hub.summary(day), hub.unresolved(), hub.shifts(day), hub.allFlags(), hub.books(day)]);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) times.push(await once());
    return quantile(times, 0.5);
  }
  const dayAt = (d: number): string => new Date(first + d * 86_400_000).toISOString().slice(0, 10);
  const quarterDays = Math.max(1, Math.round(days / 4));
  const g0 = performance.now();
  await generate(0, quarterDays - 1);
  let generateSeconds = (performance.now() - g0) / 1000;
  const quarter = { lines: counters * quarterDays * perDay * 5, ms: await todayScreen(dayAt(quarterDays - 1)) };
  const g1 = performance.now();
  await generate(quarterDays, days - 1);
  generateSeconds += (performance.now() - g1) / 1000;
  const year = { lines: counters * days * perDay * 5, ms: await todayScreen(dayAt(days - 1)) };
  return { counters, days, perDay, quarter, year, generateSeconds };
}
