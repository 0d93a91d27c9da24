// The core's sale pipeline (inquiry + PAY + ledger, through the same call wrapper the hosts use)
// against the same number of raw HTTP request pairs to the same simulator, interleaved in rounds.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { SimProcess } from './sim-process';
import { sideBySide, type SideBySide } from './stats';
import { startBenchLoket } from './bench-loket';

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

export async function benchPipeline(sim: SimProcess, sales: number, rounds = 5): Promise<SideBySide> {
  const loket = await startBenchLoket();
  const call = loket.call;
  await call('settings.saveVsi', { baseUrl: sim.baseUrl, clientId: sim.clientId, secret: sim.secret, dtFormat: 'YYYYMMDD' });
  await call('settings.setMode', { mode: 'production' });
  await call('shift.open', { openingFloat: 0 });

  let n = 0;
  const meter = (): string => String(10_000_000_000 + ((process.pid * 7919 + n++) % 80_000_000_000)).padStart(11, '1');
  const coreSale = async (): Promise<void> => {
    const inq = await call('pln.inquire', { customerNumber: meter() });
    const sale = await call('sale.startPlnToken', {
      clientRequestId: `bench-${n}-${Math.random()}`,
      inquiryId: inq.inquiryId,
      denomination: 100_000,
      payment: { method: 'cash', tendered: 200_000 },
    });
    if (sale.state !== 'succeeded') throw new Error(`sale ended ${String(sale.state)}`);
  };

  try {
    return await sideBySide((i) => rawPair(sim, meter(), i), coreSale, sales, rounds);
  } finally {
    await loket.stop();
  }
}
