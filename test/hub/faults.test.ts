// Replication under faults (issue 18), with the hub as its own process on a real PostgreSQL server:
// the hub SIGKILLed while a batch is in flight; a counter that dies after the hub took a batch but
// before it heard so (the answer lost, the counter restarted); a counter process SIGKILLed with its
// batch on the way, which the hub takes only after the counter died. Every sale arrives exactly
// once, in order, with no gap, and the audit chain still links. A proxy between counter and hub makes each fault happen at
// the right moment; every wait is on a positive signal.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type HubDb } from '../../electron/hub/db/connection';
import { isFinal, sellToken, startCore, tempDir, waitFor, type Core } from '../integration/harness';
import { startPgServer, type PgServer } from './pg-server';

const MAIN = path.resolve(__dirname, '../../electron/hub/main.ts');
const CHILD = path.resolve(__dirname, 'fixtures/counter-child.ts');

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
type Mode = 'pass' | 'kill_hub' | 'lose_answer' | 'hold';
type Proxy = {
  port: number;
  mode: Mode;
  faults: number;
  /** In 'hold' mode: the whole held request has reached the proxy (the counter sent all of it). */
  heldWhole: boolean;
  /** Hands the held request on to the hub, whose answer then goes nowhere. */
  release(): void;
  close(): Promise<void>;
};
function startProxy(hubPort: () => number, onKill: () => Promise<void>): Promise<Proxy> {
  const state: Proxy = { port: 0, mode: 'pass', faults: 0, heldWhole: false, release: () => undefined, close: async () => undefined };
  const server = net.createServer((client) => {
    const upstream = net.connect(hubPort(), '127.0.0.1');
    let mode: Mode | null = null;
    const held: Buffer[] = [];
    client.on('data', (chunk) => {
      if (mode === null) mode = chunk.toString('latin1').startsWith('POST /api/v1/replicate') ? state.mode : 'pass';
      if (mode === 'hold') {
        // The batch stops here, whole, while its counter is killed; the hub gets it afterwards.
        if (held.length === 0) {
          state.mode = 'pass';
          state.faults++;
          state.release = () => held.forEach((c) => upstream.write(c));
        }
        held.push(chunk);
        const bytes = Buffer.concat(held);
        const end = bytes.indexOf('\r\n\r\n');
        const length = /content-length:\s*(\d+)/i.exec(bytes.subarray(0, Math.max(end, 0)).toString('latin1'));
        state.heldWhole = end >= 0 && length !== null && bytes.length >= end + 4 + Number(length[1]);
        return;
      }
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
      state.close = () => new Promise<void>((r) => server.close(() => r()));
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

/** Every stream of this outlet's counter at the hub: its rows' seqs (contiguous from 1?) and cursor, and the counter's flags. */
async function streamsOf(outlet: string): Promise<{ streams: Record<string, { rows: number; contiguous: boolean; lastSeq: number }>; flags: number }> {
  const rows = await db.query<{ stream: string; seqs: string[] }>(
    `SELECT r.stream, array_agg(r.seq ORDER BY r.seq) AS seqs FROM replicated r JOIN counters c ON c.id = r.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = $1 GROUP BY r.stream`,
    [outlet],
  );
  const cursors = await db.query<{ stream: string; last_seq: string }>(`SELECT s.stream, s.last_seq FROM stream_cursors s JOIN counters c ON c.id = s.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = $1`, [outlet]);
  const flags = await db.query<{ n: string }>(`SELECT count(*) AS n FROM hub_flags f JOIN counters c ON c.id = f.counter_id JOIN outlets o ON o.id = c.outlet_id WHERE o.name = $1`, [outlet]);
  const streams: Record<string, { rows: number; contiguous: boolean; lastSeq: number }> = {};
  for (const r of rows) {
    const seqs = r.seqs.map(Number);
    streams[r.stream] = { rows: seqs.length, contiguous: contiguous(seqs), lastSeq: Number(cursors.find((c) => c.stream === r.stream)?.last_seq ?? 0) };
  }
  return { streams, flags: Number(flags[0]!.n) };
}

type Child = { proc: ChildProcess; next(event: string): Promise<void> };

/** A counter in its own process (fixtures/counter-child.ts), which the test can SIGKILL. */
function counterProcess(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: string[] = [];
  const waiting: Array<() => void> = [];
  let err = '';
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      seen.push((JSON.parse(buf.slice(0, i)) as { event: string }).event);
      buf = buf.slice(i + 1);
      waiting.splice(0).forEach((w) => w());
    }
  });
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return {
    proc,
    next: (event) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (seen.includes(event)) resolve();
          else if (proc.exitCode !== null || proc.signalCode !== null) reject(new Error(`counter exited before "${event}": ${err}`));
          else waiting.push(check);
        };
        proc.once('exit', () => waiting.splice(0).forEach((w) => w()));
        check();
      }),
  };
}

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

  it('a counter SIGKILLed with its first batch on the way (the hub takes it after the counter died): restarted, it sends again — every stream contiguous, nothing twice, the audit chain links', async () => {
    const proxy = await startProxy(() => hubPort, async () => undefined);
    const dataDir = tempDir();
    try {
      proxy.mode = 'hold';
      const first = counterProcess({ LOKET_DATA_DIR: dataDir, SELL: '6', METER_FROM: '300', HUB_URL: `http://127.0.0.1:${proxy.port}`, HUB_CODE: await enrollCode('Loket Mati', 'Kasir 1') });
      await first.next('enrolled');
      await waitFor(async () => proxy.heldWhole, (w) => w, 20_000);
      await killed(first.proc);
      // The batch the dead counter sent reaches the hub now; its answer goes nowhere.
      proxy.release();
      await waitFor(() => heldFor('Loket Mati'), (h) => h.sales === 6, 20_000);
      const again = counterProcess({ LOKET_DATA_DIR: dataDir, SELL: '2', METER_FROM: '400' });
      await again.next('drained');
      await killed(again.proc);
      const held = await heldFor('Loket Mati');
      expect(held.sales).toBe(8);
      const { streams, flags } = await streamsOf('Loket Mati');
      for (const stream of ['sales', 'journal', 'audit']) {
        expect(streams[stream], stream).toMatchObject({ contiguous: true });
        expect(streams[stream]!.lastSeq, stream).toBe(streams[stream]!.rows);
      }
      // Nothing the hub holds differs from the ledger, and the chain linked all the way.
      expect(flags).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
