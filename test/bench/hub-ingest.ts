// Loket Pusat's ingest (issue 18): many counters' day of sales taken through the hub's own path —
// batches of 500, each in one transaction: cursor, digest, partitions, the rows, each sale's latest
// state — against a raw COPY of the same rows into a plain table of the same database, same run.
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../../electron/hub/db/connection';
import { migrateHub } from '../../electron/hub/db/migrations';
import { createHub } from '../../electron/hub/hub';
import type { HubSaleBody, ReplicatedRow } from '../../shared/hub-contract';

export type HubIngestResult = { counters: number; rows: number; hubSeconds: number; copySeconds: number; hubRate: number; copyRate: number; todayMs: number };

export async function benchHubIngest(counters: number, salesPerCounter: number): Promise<HubIngestResult> {
  const pg = await PGlite.create();
  const db = wrapPglite(pg);
  await migrateHub(db);
  const hub = await createHub(db);
  const day = '2026-12-03';
  const start = Date.parse(`${day}T01:00:00Z`);
  const creds: string[] = [];
  for (let c = 0; c < counters; c++) {
    const code = await hub.newCounter(`Outlet ${String(Math.floor(c / 4)).padStart(3, '0')}`, `Kasir ${(c % 4) + 1}`);
    if (!code.ok) throw new Error(code.error.message);
    const e = await hub.enroll(code.value.code);
    if (!e.ok) throw new Error(e.error.message);
    creds.push((await hub.counterOf(e.value.credential))!);
  }
  const rowsOf = (c: number): ReplicatedRow[] =>
    Array.from({ length: salesPerCounter }, (_, i) => {
      const body: HubSaleBody = {
        id: `S${c}-${i}`,
        receiptNo: String(i + 1).padStart(6, '0'),
        businessDate: day,
        state: i % 29 === 0 ? 'failed' : 'succeeded',
        productName: 'Token PLN 50.000',
        method: i % 3 === 0 ? 'qris' : 'cash',
        total: 52_500,
        margin: 2_500,
        createdAt: start + i * 15_000,
        updatedAt: start + i * 15_000,
      };
      return { seq: i + 1, at: start + i * 15_000, key: body.id, body, digest: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
    });

  const t0 = performance.now();
  for (let c = 0; c < counters; c++) {
    const rows = rowsOf(c);
    for (let i = 0; i < rows.length; i += 500) {
      const r = await hub.replicate(creds[c]!, { stream: 'sales', rows: rows.slice(i, i + 500) });
      if (!r.ok) throw new Error(r.error.message);
    }
  }
  const hubSeconds = (performance.now() - t0) / 1000;

  await pg.exec('CREATE TABLE raw_copy (counter_id text, stream text, seq bigint, at timestamptz, key text, body jsonb, digest text)');
  const csvField = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const t1 = performance.now();
  for (let c = 0; c < counters; c++) {
    const lines = rowsOf(c).map((r) => [creds[c]!, 'sales', String(r.seq), new Date(r.at).toISOString(), r.key, csvField(JSON.stringify(r.body)), r.digest].join(','));
    await pg.query("COPY raw_copy FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([`${lines.join('\n')}\n`]) });
  }
  const copySeconds = (performance.now() - t1) / 1000;

  const t2 = performance.now();
  await hub.summary(day);
  const todayMs = performance.now() - t2;
  await pg.close();
  const rows = counters * salesPerCounter;
  return { counters, rows, hubSeconds, copySeconds, hubRate: rows / hubSeconds, copyRate: rows / copySeconds, todayMs };
}
