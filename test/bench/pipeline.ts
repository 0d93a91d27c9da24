// The core's sale pipeline (inquiry + PAY + ledger, through the same call wrapper the hosts use)
// against the same number of raw HTTP request pairs to the same simulator, interleaved in rounds.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLoket } from '../../electron/app/create-loket';
import { invokeCall } from '../../electron/app/invoke';
import { createLogger } from '../../electron/log/logger';
import type { SimProcess } from './sim-process';
import { median, timeIt } from './stats';

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })
      .on('error', reject);
  });
}

const wib = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' });
const wibDate = (): string => wib.format(new Date()).replace(/-/g, '');

/** What any client must do at minimum: hash, GET INQ, take the refnum, GET PAY. */
async function rawPair(sim: SimProcess, meter: string, i: number): Promise<void> {
  const q = (command: string, extra: Record<string, string>, trxid: string): string => {
    const dt = wibDate();
    const hc = createHash('sha256').update(sim.clientId + dt + sim.secret).digest('hex');
    return `${sim.baseUrl}?${new URLSearchParams({ modul: 'PRE', command, ...extra, cid: sim.clientId, dt, hc, trxid, resp: 'XML' })}`;
  };
  const inq = await get(q('INQ', { msn: meter }, `RAWI-${process.pid}-${i}`));
  const refnum = /<refnum>([0-9A-F]{32})<\/refnum>/.exec(inq)?.[1];
  if (!refnum) throw new Error(`raw INQ failed: ${inq}`);
  const pay = await get(q('PAY', { nominal: '100000', refnum }, `RAWP-${process.pid}-${i}`));
  if (!pay.includes('<rc>0000</rc>')) throw new Error(`raw PAY failed: ${pay}`);
}

export type PipelineResult = { rawMs: number; coreMs: number; ratio: number; sales: number; rssMb: number };

export async function benchPipeline(sim: SimProcess, sales: number, rounds = 5): Promise<PipelineResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loket-bench-'));
  const log = createLogger({ dir: path.join(dataDir, 'logs') });
  const loket = await createLoket({
    dataDir,
    host: 'web',
    version: 'bench',
    log,
    keySource: { description: 'bench', getKey: async () => ({ ok: true, key: Buffer.alloc(32, 3) }) },
    startWaitMs: 60_000,
  });
  loket.start();
  const call = async (name: Parameters<typeof invokeCall>[1], req: object): Promise<Record<string, unknown>> => {
    const r = await invokeCall(loket.handlers, name, req, log);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.detail ?? ''}`);
    return r.value as Record<string, unknown>;
  };
  await call('settings.saveVsi', { baseUrl: sim.baseUrl, clientId: sim.clientId, secret: sim.secret, dtFormat: 'YYYYMMDD' });
  await call('settings.setMode', { mode: 'production' });

  let n = 0;
  const meter = (): string => String(10_000_000_000 + ((process.pid * 7919 + n++) % 80_000_000_000)).padStart(11, '1');
  const coreSale = async (): Promise<void> => {
    const inq = await call('pln.inquire', { customerNumber: meter() });
    const sale = await call('sale.startPlnToken', {
      clientRequestId: `bench-${n}-${Math.random()}`,
      inquiryId: inq.inquiryId,
      denomination: 100_000,
      tendered: 200_000,
    });
    if (sale.state !== 'succeeded') throw new Error(`sale ended ${String(sale.state)}`);
  };

  for (let i = 0; i < 10; i++) {
    await rawPair(sim, meter(), -i - 1);
    await coreSale();
  }
  const per = Math.max(1, Math.floor(sales / rounds));
  const raw: number[] = [];
  const core: number[] = [];
  for (let r = 0; r < rounds; r++) {
    raw.push((await timeIt(async () => {
      for (let i = 0; i < per; i++) await rawPair(sim, meter(), r * per + i);
    })) / per);
    core.push((await timeIt(async () => {
      for (let i = 0; i < per; i++) await coreSale();
    })) / per);
  }
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  await loket.stop();
  log.close();
  const rawMs = median(raw);
  const coreMs = median(core);
  return { rawMs, coreMs, ratio: coreMs / rawMs, sales: per * rounds, rssMb };
}
