// Kill the core with SIGKILL at each step of a sale, restart it on the same ledger, and check
// that every sale ends resolved, the customer's cash is never lost, and no sale sent two PAYs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVsiSimulator, type VsiSimulator } from '../../electron/simulators/vsi/server';
import { startSatSimulator, type SatSimulator } from '../../electron/simulators/sat/server';
import { startMidtransSimulator, type MidtransSimulator } from '../../electron/simulators/midtrans/server';
import { startChainsideSimulator, type ChainsideSimulator } from '../../electron/simulators/chainside/server';
import type { SaleView } from '../../shared/contract';
import { TEST_KEY, tempDir, waitFor } from './harness';

const CHILD = fileURLToPath(new URL('./fixtures/core-child.ts', import.meta.url));
const TIME_SCALE = '0.005';
let sim: VsiSimulator;
let satSim: SatSimulator;
let midtransSim: MidtransSimulator;
let chainsideSim: ChainsideSimulator;
let killOnPay: ChildProcess | null = null;

type Line = { event: string; [k: string]: unknown };

function runChild(env: Record<string, string>): { proc: ChildProcess; next: (event: string, timeoutMs?: number) => Promise<Line> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      LOKET_MASTER_KEY: TEST_KEY,
      TIME_SCALE,
      SIM_URL: sim.baseUrl,
      SIM_CID: sim.credentials.clientId,
      SIM_SECRET: sim.credentials.secret,
      SAT_URL: satSim.baseUrl,
      SAT_TOKEN_URL: satSim.tokenUrl,
      SAT_CID: satSim.credentials.clientId,
      SAT_SECRET: satSim.credentials.clientSecret,
      SAT_PRIVATE_KEY: satSim.credentials.privateKeyPem,
      SAT_PUBLIC_KEY: satSim.credentials.satPublicKeyPem,
      MIDTRANS_URL: midtransSim.baseUrl,
      MIDTRANS_KEY: midtransSim.credentials.serverKey,
      CHAINSIDE_URL: chainsideSim.baseUrl,
      CHAINSIDE_CID: chainsideSim.credentials.clientId,
      CHAINSIDE_SECRET: chainsideSim.credentials.secret,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Line[] = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: proc.stdout! }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as Line);
    } catch {
      return;
    }
    for (const w of waiters.splice(0)) w();
  });
  const next = (event: string, timeoutMs = 30_000): Promise<Line> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${event}" from child; lines ${JSON.stringify(lines)} stderr ${stderr.slice(-2000)}`)), timeoutMs);
      const check = (): void => {
        const err = lines.find((l) => l.event === 'error');
        if (err) {
          clearTimeout(timer);
          reject(new Error(String(err.message)));
          return;
        }
        const hit = lines.find((l) => l.event === event);
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        } else waiters.push(check);
      };
      check();
    });
  return { proc, next };
}

function kill(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

async function crashAndRecover(opts: {
  number: string;
  pauseAt?: string;
  killWhenPayArrives?: boolean;
  digital?: string;
  qris?: boolean;
  bitcoin?: boolean;
  /** What the customer does while the counter is down (before the restart). */
  whileDown?: () => void;
  /** What the customer does once the sale is waiting for payment (before the crash). */
  onStarted?: () => Promise<void>;
}): Promise<{ sale: SaleView; trxPays: number }> {
  const dataDir = tempDir('loket-crash-');
  const seller = runChild({
    LOKET_DATA_DIR: dataDir,
    ROLE: 'sell',
    NUMBER: opts.number,
    PAUSE_AT: opts.pauseAt ?? '',
    ...(opts.digital ? { KIND: 'digital', PRODUCT: opts.digital } : {}),
    ...(opts.qris ? { KIND: 'qris' } : {}),
    ...(opts.bitcoin ? { KIND: 'bitcoin' } : {}),
  });
  const exited = new Promise<void>((r) => seller.proc.once('exit', () => r()));
  if (opts.killWhenPayArrives) killOnPay = seller.proc;
  if (opts.onStarted) {
    await seller.next('started');
    await opts.onStarted();
  }
  if (opts.pauseAt) {
    await seller.next('paused');
    await kill(seller.proc);
  } else {
    await exited;
  }
  killOnPay = null;
  expect(seller.proc.signalCode).toBe('SIGKILL');
  opts.whileDown?.();

  const recoverer = runChild({ LOKET_DATA_DIR: dataDir, ROLE: 'recover' });
  const report = await recoverer.next('recovered', 40_000);
  await kill(recoverer.proc);
  const sales = report.sales as SaleView[];
  expect(sales).toHaveLength(1);
  const sale = sales[0]!;
  if (opts.digital) {
    // Every SAT order for this customer, under any request id: a second purchase would show here.
    return { sale, trxPays: satSim.orders().filter((o) => o.clientNumber === opts.number).length };
  }
  // Every PAY the provider received for this customer, under any trxid: a re-purchase with a new
  // id would show up here as a second payment.
  const payments = Object.values(sim.state().payments).filter((p) => p.number === opts.number);
  const trxPays = payments.reduce((n, p) => n + sim.payCount(p.trxid), 0);
  return { sale, trxPays };
}

beforeAll(async () => {
  sim = await startVsiSimulator({
    clientId: 'CRASH01',
    secret: 'crash-secret',
    // PAY timeout at this scale is 300 ms: hanging answers come after it.
    config: { timing: { hangMs: 700, pendingMs: 300 } },
    onRequest: (r) => {
      if (r.command === 'PAY' && killOnPay) {
        killOnPay.kill('SIGKILL');
        killOnPay = null;
      }
    },
  });
  midtransSim = await startMidtransSimulator({ serverKey: 'SB-Mid-server-CRASHTEST' });
  chainsideSim = await startChainsideSimulator({ clientId: 'crash-webpos', secret: 'crash-chainside-secret' });
  satSim = await startSatSimulator({
    config: { fulfilMs: 200, hangMs: 1_000 },
    onRequest: (r) => {
      if (r.method === 'POST' && r.path === '/api/v2/order' && killOnPay) {
        killOnPay.kill('SIGKILL');
        killOnPay = null;
      }
    },
  });
});
afterAll(async () => {
  await sim.close();
  await satSim.close();
  await midtransSim.close();
  await chainsideSim.close();
});

describe('SIGKILL at every step of a sale, then restart', () => {
  it('after the cash was recorded, before the PAY was written: fails cleanly, cash due back, no PAY sent', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '14233784991', pauseAt: 'sale.created' });
    expect(sale).toMatchObject({ state: 'failed', payment: { state: 'refund_due' } });
    expect(sale.failure?.code).toBe('sale_interrupted');
    expect(trxPays).toBe(0);
  });

  it('after the PAY intent was written, before it left: advice finds nothing, the supervisor fails it, cash due back, no PAY sent', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '14233784992', pauseAt: 'pay.intent' });
    expect(sale).toMatchObject({ state: 'failed', payment: { state: 'refund_due' } });
    expect(trxPays).toBe(0);
  });

  it('while the PAY is at the provider (it succeeds there): recovered by advice, the provider’s token, one PAY', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '99000000030', killWhenPayArrives: true });
    expect(sale.state).toBe('succeeded');
    const issued = Object.values(sim.state().payments).find((p) => p.token === sale.delivery.token);
    expect(issued?.number).toBe('99000000030');
    expect(trxPays).toBe(1);
  });

  it('while the PAY is at the provider (it is lost there): never re-sent, resolved as failed with cash due back', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '99000000032', killWhenPayArrives: true });
    expect(sale).toMatchObject({ state: 'failed', payment: { state: 'refund_due' } });
    expect(trxPays).toBe(1);
  });

  it('after the PAY answer arrived, before it was recorded: recovered by advice, one PAY', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '14233784993', pauseAt: 'pay.answered' });
    expect(sale.state).toBe('succeeded');
    expect(trxPays).toBe(1);
  });

  it('after the outcome was recorded: nothing to do', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '14233784994', pauseAt: 'pay.recorded' });
    expect(sale.state).toBe('succeeded');
    expect(trxPays).toBe(1);
  });

  it('during the advice of a pending sale (before it left / after its answer): resolved by the next advice, one PAY', async () => {
    for (const [number, pauseAt] of [
      ['99000000068', 'advice.intent'],
      ['990000000068', 'advice.answered'],
    ] as const) {
      const { sale, trxPays } = await crashAndRecover({ number, pauseAt });
      expect(sale.state, pauseAt).toBe('succeeded');
      expect(trxPays, pauseAt).toBe(1);
    }
  });
});

describe('SIGKILL during a SAT order, then restart', () => {
  it('before the checkout left: the status call finds nothing (P02), the same order is sent once; one order', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '081277771231', pauseAt: 'pay.intent', digital: '25k-telkomsel' });
    expect(sale.state).toBe('succeeded');
    expect(trxPays).toBe(1);
  });

  it('while the checkout is at SAT: recovered through the status call; one order', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '081277771232', killWhenPayArrives: true, digital: '25k-telkomsel' });
    expect(sale.failure).toBeNull();
    expect(sale.state).toBe('succeeded');
    expect(trxPays).toBe(1);
  });

  it('after SAT acknowledged the order, before it was recorded: one order, delivered', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '081277771233', pauseAt: 'pay.answered', digital: 'kode-voucher-google-50k' });
    expect(sale.state).toBe('succeeded');
    expect(sale.delivery.voucherCode).not.toBeNull();
    expect(trxPays).toBe(1);
  });

  it('during a status call: the next one resolves it; one order', async () => {
    const { sale, trxPays } = await crashAndRecover({ number: '081277771234', pauseAt: 'advice.answered', digital: '25k-telkomsel' });
    expect(sale.state).toBe('succeeded');
    expect(trxPays).toBe(1);
  });
});

describe('SIGKILL during a QRIS payment, then restart', () => {
  const newest = () => midtransSim.txns().sort((a, b) => b.createdAt - a.createdAt)[0]!;

  it('before the charge left: nothing exists at Midtrans, the attempt ends cancelled, nothing bought', async () => {
    const before = midtransSim.txns().length;
    const { sale, trxPays } = await crashAndRecover({ number: '14233784995', pauseAt: 'payment.intent', qris: true });
    expect(sale).toMatchObject({ state: 'cancelled', payment: { state: 'failed' } });
    expect(midtransSim.txns().length).toBe(before);
    expect(trxPays).toBe(0);
  });

  it('after Midtrans made the QR, before Loket recorded it — and the customer paid while Loket was down: found, settled, the token bought once', async () => {
    const { sale, trxPays } = await crashAndRecover({
      number: '14233784996',
      pauseAt: 'payment.answered',
      qris: true,
      whileDown: () => expect(midtransSim.pay(newest().orderId)).toBe(true),
    });
    expect(sale).toMatchObject({ state: 'succeeded', payment: { state: 'settled' } });
    expect(midtransSim.chargeCount(newest().orderId)).toBe(1);
    expect(trxPays).toBe(1);
  });

  it('after the payment was recorded as settled, before the purchase was written: never bought, refunded through Midtrans', async () => {
    let orderId = '';
    const { sale, trxPays } = await crashAndRecover({
      number: '14233784997',
      pauseAt: 'payment.settled',
      qris: true,
      onStarted: async () => {
        const since = Date.now() - 5_000;
        const waiting = await waitFor(
          async () => midtransSim.txns().find((t) => t.status === 'pending' && t.createdAt > since),
          (t) => t !== undefined,
        );
        orderId = waiting!.orderId;
        expect(midtransSim.pay(orderId)).toBe(true);
      },
    });
    expect(sale).toMatchObject({ state: 'failed', failure: { code: 'sale_interrupted' }, payment: { state: 'refunded' } });
    expect(midtransSim.txn(orderId)!.status).toBe('refund');
    expect(trxPays).toBe(0);
  });
});

describe('SIGKILL during a bitcoin payment, then restart', () => {
  it('after Chainside made the order, before Loket recorded it — paid while Loket was down: found by its reference, one order, the token bought once', async () => {
    const newest = () => chainsideSim.orders().sort((a, b) => b.createdAt - a.createdAt)[0]!;
    const { sale, trxPays } = await crashAndRecover({
      number: '14233784998',
      pauseAt: 'payment.answered',
      bitcoin: true,
      whileDown: () => expect(chainsideSim.pay(newest().uuid, { confirmations: 1 })).toBe(true),
    });
    expect(sale).toMatchObject({ state: 'succeeded', payment: { state: 'settled', method: 'bitcoin' } });
    expect(chainsideSim.createCount(newest().reference!)).toBe(1);
    expect(trxPays).toBe(1);
  });
});
