// The payment contract suite against every gateway: Midtrans (QRIS), Worldline (cards) and
// Chainside (bitcoin), each through its real client and simulator.
import { describe, expect, it } from 'vitest';
import { createMidtransClient, DEFAULT_MIDTRANS_TIMEOUTS } from '../../electron/providers/midtrans/client';
import { createWorldlineClient, DEFAULT_WORLDLINE_TIMEOUTS } from '../../electron/providers/worldline/client';
import { createChainsideGateway } from '../../electron/providers/chainside/client';
import { PAYMENT_PROVIDER_NAMES } from '../../electron/providers/registry';
import { startMidtransSimulator } from '../../electron/simulators/midtrans/server';
import { startWorldlineSimulator, TEST_CARDS } from '../../electron/simulators/worldline/server';
import { startChainsideSimulator } from '../../electron/simulators/chainside/server';
import { silentLogger } from '../../electron/log/logger';
import type { CardInput } from '../../shared/payment';
import { paymentSuite, type PaymentHarness } from './payment.suite';

const midtrans: PaymentHarness = {
  name: 'midtrans',
  async start() {
    const sim = await startMidtransSimulator();
    const gateway = createMidtransClient({ endpoint: { baseUrl: sim.baseUrl, serverKey: sim.credentials.serverKey }, timeouts: { ...DEFAULT_MIDTRANS_TIMEOUTS, chargeMs: 1_000 }, log: silentLogger, now: Date.now });
    return {
      gateway,
      method: 'qris',
      amount: 51_600,
      refunds: true,
      charge(ref, lost = false) {
        if (lost) sim.configure({ faults: { chargeLost: 1 } });
        return gateway.charge({ ref, method: 'qris', amount: 51_600, expirySeconds: 900, description: 'Kontrak', card: null });
      },
      creates: (ref) => sim.chargeCount(ref),
      refunded: (ref) => (sim.txn(ref)?.refunds ?? []).reduce((s, x) => s + x.amount, 0),
      pay: async (ref) => void sim.pay(ref),
      expire: async (ref) => void sim.expire(ref),
      close: () => sim.close(),
    };
  },
};

const worldline: PaymentHarness = {
  name: 'worldline',
  async start() {
    const sim = await startWorldlineSimulator({ config: { hangMs: 2_000 } });
    const gateway = createWorldlineClient({
      endpoint: { apiUrl: sim.apiUrl, tokenUrl: sim.tokenUrl, ...sim.credentials, terminalId: 'LKT00001' },
      timeouts: { ...DEFAULT_WORLDLINE_TIMEOUTS, authorizationMs: 500 },
      log: silentLogger,
      now: Date.now,
    });
    const card = (number: string): CardInput => ({ entry: 'keyed', number, expiry: '1231', securityCode: '012' });
    return {
      gateway,
      method: 'card',
      amount: 51_600,
      refunds: true,
      // A hung authorisation is the card's lost answer: the client reverses it under the same operation.
      charge: (ref, lost = false) => gateway.charge({ ref, method: 'card', amount: 51_600, expirySeconds: 0, description: 'Kontrak', card: card(lost ? TEST_CARDS.hang : TEST_CARDS.approve) }),
      creates: (ref) => (sim.paymentByOperation(ref) ? 1 : 0),
      // Kept in the payment's own minor units (IDR with 2 decimals by default): back to rupiah.
      refunded: (ref) => {
        const p = sim.paymentByOperation(ref);
        return p ? p.refunded / 10 ** (p.decimals ?? 0) : 0;
      },
      // A card pays at the charge itself.
      pay: async () => undefined,
      expire: null,
      close: () => sim.close(),
    };
  },
};

const chainside: PaymentHarness = {
  name: 'chainside',
  async start() {
    const sim = await startChainsideSimulator();
    const gateway = createChainsideGateway({
      endpoint: { baseUrl: sim.baseUrl, ...sim.credentials },
      timeouts: { connectMs: 1_000, createMs: 1_000, readMs: 1_000 },
      log: silentLogger,
      now: Date.now,
      requiredConfirmations: () => 1,
    });
    const uuid = (ref: string): string => sim.orderByReference(ref)!.uuid;
    return {
      gateway,
      method: 'bitcoin',
      amount: 51_600,
      refunds: false,
      charge(ref, lost = false) {
        if (lost) sim.configure({ faults: { createLost: 1 } });
        return gateway.charge({ ref, method: 'bitcoin', amount: 51_600, expirySeconds: 900, description: 'Kontrak', card: null });
      },
      creates: (ref) => sim.createCount(ref),
      refunded: () => 0,
      pay: async (ref) => void sim.pay(uuid(ref), { confirmations: 1 }),
      expire: async (ref) => void sim.expire(uuid(ref)),
      close: () => sim.close(),
    };
  },
};

const HARNESSES = [midtrans, worldline, chainside];

describe('every payment gateway runs the contract suite', () => {
  it('a harness for each gateway the registry names', () => {
    expect(HARNESSES.map((h) => h.name).sort()).toEqual(Object.keys(PAYMENT_PROVIDER_NAMES).sort());
  });
});

for (const h of HARNESSES) paymentSuite(h);
