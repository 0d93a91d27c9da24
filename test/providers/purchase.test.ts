// The purchase contract suite against every purchase provider in the registry: VSI, SAT and
// Digiflazz, each through its real client and simulator. A provider the registry lists without a
// harness here fails the first test, so a new provider cannot skip the suite.
import { createHmac } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { PURCHASE_PROVIDER_NAMES } from '../../electron/providers/registry';
import { createVsiClient, DEFAULT_VSI_TIMEOUTS } from '../../electron/providers/vsi/client';
import { createSatClient } from '../../electron/providers/sat/client';
import { createDigiflazzClient, digiflazzWebhookReader } from '../../electron/providers/digiflazz/client';
import { startVsiSimulator } from '../../electron/simulators/vsi/server';
import { startSatSimulator } from '../../electron/simulators/sat/server';
import { startDigiflazzSimulator } from '../../electron/simulators/digiflazz/server';
import { silentLogger } from '../../electron/log/logger';
import { purchaseSuite, type PurchaseHarness, type Scenario } from './purchase.suite';

let n = 0;
const ref = (): string => `LKT-C${Date.now().toString(36)}${(n++).toString(36)}`;

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** VSI's readings (issue 15 §3): advice under the PAY's trxid or only a fresh one; kWh as the seed's integers or decimals; a repeated PAY answered idempotently or as an error. */
const VSI_READINGS = {
  'as the seed shows it': {},
  'advice refuses a reused trxid': { advTrxid: 'refuse_reused' },
  'kWh with decimals': { kwhStyle: 'decimal' },
  'a repeated PAY is an error': { dupPayMode: 'error' },
} as const;

const vsi: PurchaseHarness = {
  name: 'vsi',
  signs: null,
  bearer: false,
  readings: Object.keys(VSI_READINGS),
  async start(reading) {
    const sim = await startVsiSimulator({ config: { timing: { hangMs: 3_000, pendingMs: 0 }, ...VSI_READINGS[reading as keyof typeof VSI_READINGS] } });
    const make = (baseUrl: string) =>
      createVsiClient({
        endpoint: { baseUrl, ...sim.credentials, dtFormat: 'YYYYMMDD' },
        timeouts: { ...DEFAULT_VSI_TIMEOUTS, connectMs: 1_000, payMs: 500, adviceMs: 2_000, inquiryMs: 2_000 },
        now: Date.now,
        log: silentLogger,
      });
    const client = make(sim.baseUrl);
    const refusedUrl = `http://127.0.0.1:${await closedPort()}/`;
    const METER: Record<Scenario, string> = { success: '14233784991', fail: '99000000046', lost: '99000000030' };
    return {
      client,
      refused: () => make(refusedUrl),
      async request(scenario) {
        const inq = await client.inquirePln({ ref: `INQ-${ref()}`, customerNumber: METER[scenario], providerProduct: 'pln-token' });
        if (!inq.ok) throw new Error(inq.error.detail);
        return { ref: ref(), kind: 'pln_prepaid', providerProduct: 'pln-token-20000', customerNumber: METER[scenario], faceValue: 20_000, amount: 0, maxCost: 0, inquiryRef: inq.value.inquiryRef };
      },
      purchasesSent: (r) => sim.payCount(r),
      ordersHeld: (r) => (sim.state().payments[r]?.token ? 1 : 0),
      deposit: () => sim.state().deposit,
      settle: async () => undefined,
      close: () => sim.close(),
    };
  },
};

const sat: PurchaseHarness = {
  name: 'sat',
  signs: 'answers',
  bearer: true,
  // SAT's ambiguity (issue 15 §2, inquiries on non-inquiry products) is in the core's token flow: sat-sales.test.ts.
  readings: ['as the SDKs show it'],
  async start() {
    let tokens = 0;
    const sim = await startSatSimulator({ config: { fulfilMs: 0, hangMs: 3_000 }, onRequest: (r) => void (r.path === '/token' && tokens++) });
    const make = (baseUrl: string, tokenUrl: string) =>
      createSatClient({
        endpoint: { baseUrl, tokenUrl, ...sim.credentials },
        timeouts: { connectMs: 1_000, checkoutMs: 500, otherMs: 2_000 },
        now: Date.now,
        log: silentLogger,
      });
    const client = make(sim.baseUrl, sim.tokenUrl);
    const port = await closedPort();
    const NUMBER: Record<Scenario, string> = { success: '081234567890', fail: '081200000002', lost: '081200000408' };
    return {
      client,
      refused: () => make(`http://127.0.0.1:${port}/api`, sim.tokenUrl),
      request: async (scenario) => ({ ref: ref(), kind: 'digital', providerProduct: '25k-xl', customerNumber: NUMBER[scenario], faceValue: 25_000, amount: 0, maxCost: 0, inquiryRef: null }),
      purchasesSent: (r) => sim.checkoutCount(r),
      ordersHeld: (r) => sim.orders().filter((o) => o.id === r && o.status !== 'Failed').length,
      deposit: () => sim.deposit(),
      settle: async () => sim.tick(),
      async forged(req) {
        await client.purchase(req);
        sim.tick();
        sim.configure({ fault: { badSignature: true } });
        const out = await client.advise({ ref: req.ref, payRef: null, customerNumber: req.customerNumber, faceValue: 0, confirming: false, purchase: req, firstSentAt: Date.now() });
        sim.configure({ fault: { badSignature: false } });
        return out.kind === 'uncertain';
      },
      tokens: { revoke: () => sim.revokeTokens(), issued: () => tokens },
      close: () => sim.close(),
    };
  },
};

/** Digiflazz's readings (digiflazz.md §4.2): request-level refusals under HTTP 400, as observed, or under 200. */
const DIGIFLAZZ_READINGS = {
  'refusals as HTTP 400 (as observed)': {},
  'refusals as HTTP 200': { errorStatus: 200 },
} as const;

const digiflazz: PurchaseHarness = {
  name: 'digiflazz',
  signs: 'callbacks',
  bearer: false,
  readings: Object.keys(DIGIFLAZZ_READINGS),
  async start(reading) {
    const sim = await startDigiflazzSimulator({ devKey: 'dev-contract', config: { settleMs: 60_000, hangMs: 3_000, ...DIGIFLAZZ_READINGS[reading as keyof typeof DIGIFLAZZ_READINGS] } });
    const make = (baseUrl: string) =>
      createDigiflazzClient({
        endpoint: { baseUrl, username: 'loketlatihan', apiKey: 'dev-contract', testing: true },
        timeouts: { connectMs: 1_000, transactionMs: 500, otherMs: 2_000 },
        now: Date.now,
        log: silentLogger,
      });
    const client = make(sim.baseUrl);
    const port = await closedPort();
    const NUMBER: Record<Scenario, string> = { success: '081234567890', fail: '081200001232', lost: '081200000408' };
    const held = (r: string) => sim.transactions().filter((t) => t.ref_id === r && t.status !== 'Gagal').length;
    return {
      client,
      refused: () => make(`http://127.0.0.1:${port}/v1`),
      request: async (scenario) => ({ ref: ref(), kind: 'digital', providerProduct: 'x25', customerNumber: NUMBER[scenario], faceValue: 25_000, amount: 0, maxCost: 0, inquiryRef: null }),
      // The same ref_id re-sent is Digiflazz's status check: what counts is the transactions it made.
      purchasesSent: (r) => sim.transactions().filter((t) => t.ref_id === r).length,
      ordersHeld: held,
      deposit: () => sim.deposit(),
      settle: async () => sim.settleAll(),
      async forged(req) {
        const body = Buffer.from(JSON.stringify({ data: { ref_id: req.ref, customer_no: req.customerNumber, buyer_sku_code: req.providerProduct, status: 'Sukses', rc: '00', sn: 'FORGED' } }));
        const read = digiflazzWebhookReader(sim.credentials.webhookSecret);
        return read(body, `sha1=${createHmac('sha1', 'not-the-secret').update(body).digest('hex')}`) === null;
      },
      close: () => sim.close(),
    };
  },
};

const HARNESSES = [vsi, sat, digiflazz];

describe('every registered purchase provider runs the contract suite', () => {
  it('a harness for each name in the registry', () => {
    expect(HARNESSES.map((h) => h.name).sort()).toEqual([...PURCHASE_PROVIDER_NAMES].sort());
  });
});

for (const h of HARNESSES) purchaseSuite(h);
