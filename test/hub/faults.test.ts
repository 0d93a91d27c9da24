// Replication under faults (issue 18), with the hub as its own process on a real PostgreSQL server:
// the hub SIGKILLed while a batch is in flight, and a counter that dies after the hub took a batch
// but before it heard so (the answer lost, the counter restarted). Either way every sale arrives
// exactly once, in order, with no gap. A proxy between counter and hub makes each fault happen at
// the right moment; every wait is on a positive signal.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type HubDb } from '../../electron/hub/db/connection';
import { isFinal, sellToken, startCore, tempDir, waitFor, type Core } from '../integration/harness';
import { startPgServer, type PgServer } from './pg-server';

const MAIN = path.resolve(__dirname, '../../electron/hub/main.ts');

type HubProc = { proc: ChildProcess; url: string; token: string };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function startHubProcess(database: string, port: number): Promise<HubProc> {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN, '--database', database, '--port', String(port), '--api-only'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Loket Pusat: (http:\/\/[^/]+)\/\?token=(\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1]!, token: m[2]! });
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => reject(new Error(`hub exited (${code}): ${out}`)));
  });
}

const killed = (p: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });

/** Between counter and hub. `mode` decides what happens to the next batch (replicate calls only). */
type Mode = 'pass' | 'kill_hub' | 'lose_answer';
function startProxy(hubPort: () => number, onKill: () => Promise<void>): Promise<{ port: number; mode: Mode; faults: number; close(): Promise<void> }> {
  const state = { port: 0, mode: 'pass' as Mode, faults: 0, close: async () => undefined };
  const server = net.createServer((client) => {
    const upstream = net.connect(hubPort(), '127.0.0.1');
    let mode: Mode | null = null;
    client.on('data', (chunk) => {
      if (mode === null) mode = chunk.toString('latin1').startsWith('POST /api/v1/replicate') ? state.mode : 'pass';
      upstream.write(chunk);
      if (mode === 'kill_hub') {
        state.mode = 'pass';
        state.faults++;
        // The hub dies with the batch in its hands: it may have committed, or not.
        void onKill().then(() => client.destroy());
      }
    });
    upstream.on('data', (chunk) => {
      if (mode === 'lose_answer') {
        // The hub took the batch and answered; the counter never hears it.
        state.mode = 'pass';
        state.faults++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      state.port = (server.address() as net.AddressInfo).port;
      state.close = () => new Promise<undefined>((r) => server.close(() => r(undefined)));
      resolve(state);
    });
  });
}

let pg: PgServer;
let db: HubDb;
let hub: HubProc;
let hubPort: number;

beforeAll(async () => {
  pg = await startPgServer();
  hubPort = await freePort();
  hub = await startHubProcess(pg.url, hubPort);
  db = await openPostgres(pg.url);
});
afterAll(async () => {
  await db?.close();
  if (hub) await killed(hub.proc);
  pg?.stop();
});

async function enrollCode(outlet: string, counter: string): Promise<string> {
  const r = await fetch(`${hub.url}/api/v1/counters`, { method: 'POST', headers: { authorization: `Bearer ${hub.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ outlet, counter }) });
  return ((await r.json()) as { code: string }).code;
}

async function sellMany(c: Core, n: number, from: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = await sellToken(c, `142337${String(84000 + from + i).padStart(5, '0')}`, 20_000);
    ids.push((await waitFor(() => c.call('sale.get', { saleId: s.id }), isFinal)).id);
  }
  return ids;
}

/** What the hub holds for this outlet's counter: the stream's rows (each seq once?) and the sales. */
async function heldFor(outlet: string): Promise<{ seqs: number[]; lastSeq: number; sales: number }> {
  const seqs = await db.query<{ seq: string }>(
    `SELECT r.seq FROM replicated r JOIN counters c ON c.id = r.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = $1 AND r.stream = 'sales' ORDER BY r.seq`,
    [outlet],
  );
  const cursor = await db.query<{ last_seq: string }>(`SELECT s.last_seq FROM stream_cursors s JOIN counters c ON c.id = s.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = $1 AND s.stream = 'sales'`, [outlet]);
  const sales = await db.query<{ n: string }>(`SELECT count(*) AS n FROM hub_sales s JOIN counters c ON c.id = s.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = $1`, [outlet]);
  return { seqs: seqs.map((r) => Number(r.seq)), lastSeq: Number(cursor[0]?.last_seq ?? 0), sales: Number(sales[0]!.n) };
}

const contiguous = (seqs: number[]): boolean => seqs.every((s, i) => s === i + 1);

describe('replication faults, hub on a PostgreSQL server', () => {
  it('the hub SIGKILLed with a batch in flight: restarted, every sale arrives once, no gap', async () => {
    const proxy = await startProxy(() => hubPort, async () => {
      await killed(hub.proc);
      hub = await startHubProcess(pg.url, hubPort);
    });
    const c = await startCore();
    try {
      await sellMany(c, 6, 0);
      proxy.mode = 'kill_hub';
      await c.call('hub.enroll', { url: `http://127.0.0.1:${proxy.port}`, code: await enrollCode('Loket Kill', 'Kasir 1') });
      await waitFor(async () => proxy.faults, (n) => n === 1, 20_000);
      await waitFor(() => c.call('hub.status', {}), (s) => s.pending === 0 && s.lastError === null, 30_000);
      const held = await heldFor('Loket Kill');
      expect(held.sales).toBe(6);
      expect(contiguous(held.seqs)).toBe(true);
      expect(held.lastSeq).toBe(held.seqs.length);
    } finally {
      await c.stop();
      await proxy.close();
    }
  });

  it('a counter that dies after the hub took its batch (the answer lost): restarted, it sends again and nothing is doubled; new sales follow without a gap', async () => {
    const proxy = await startProxy(() => hubPort, async () => undefined);
    const dataDir = tempDir();
    let c = await startCore({ dataDir });
    try {
      await sellMany(c, 5, 100);
      proxy.mode = 'lose_answer';
      await c.call('hub.enroll', { url: `http://127.0.0.1:${proxy.port}`, code: await enrollCode('Loket Crash', 'Kasir 1') });
      await waitFor(async () => proxy.faults, (n) => n === 1, 20_000);
      // The hub has the batch; the counter does not know it. It stops before hearing more.
      await waitFor(() => heldFor('Loket Crash'), (h) => h.sales === 5, 20_000);
      expect((await c.call('hub.status', {})).pending).toBeGreaterThan(0);
      await c.stop();
      c = await startCore({ dataDir });
      await sellMany(c, 2, 200);
      await waitFor(() => c.call('hub.status', {}), (s) => s.pending === 0 && s.lastError === null, 30_000);
      const held = await heldFor('Loket Crash');
      expect(held.sales).toBe(7);
      expect(contiguous(held.seqs)).toBe(true);
    } finally {
      await c.stop();
      await proxy.close();
    }
  });
});
