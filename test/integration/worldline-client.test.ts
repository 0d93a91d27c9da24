// Loket's Worldline client against the simulator over real HTTP: approvals, declines, a partial
// approval given back, lost answers settled by technical reversal, refunds keyed on operationId.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorldlineClient, DEFAULT_WORLDLINE_TIMEOUTS } from '../../electron/providers/worldline/client';
import { startWorldlineSimulator, TEST_CARDS, type WorldlineSimulator } from '../../electron/simulators/worldline/server';
import { silentLogger } from '../../electron/log/logger';
import type { CardInput, PaymentGateway } from '../../electron/providers/payment-contract';
import { waitFor } from './harness';
import { worldlineApi } from '../support/worldline-api';

let sim: WorldlineSimulator;
let client: PaymentGateway;
let n = 0;
const ref = (): string => `LKT-P-${process.pid}-${++n}`;
const keyed = (number: string): CardInput => ({ entry: 'keyed', number, expiry: '1231', securityCode: '012' });
const charge = (r: string, card: CardInput, amount = 51_600) => client.charge({ ref: r, method: 'card', amount, expirySeconds: 0, description: 'Token PLN 50.000', card });

beforeAll(async () => {
  sim = await startWorldlineSimulator({ config: { hangMs: 1_200 } });
  client = createWorldlineClient({
    endpoint: { apiUrl: sim.apiUrl, tokenUrl: sim.tokenUrl, ...sim.credentials, terminalId: 'LKT00001' },
    timeouts: { ...DEFAULT_WORLDLINE_TIMEOUTS, authorizationMs: 600 },
    log: silentLogger,
    now: Date.now,
  });
});
afterAll(async () => {
  await sim.close();
});

describe('Worldline client ↔ simulator', () => {
  it('approves a keyed card: authorized and captured at once, approval code and last four', async () => {
    const r = ref();
    const s = await charge(r, keyed(TEST_CARDS.approve));
    expect(s).toMatchObject({ kind: 'settled', settled: { approvalCode: expect.stringMatching(/^\d{6}$/), cardBrand: 'VISA', cardLast4: '0104' } });
    // Held in the payment's own minor units: IDR with ISO 4217's 2 decimals.
    expect(sim.paymentByOperation(r)).toMatchObject({ status: 'CONFIRMED', authorized: 51_600 * 100, decimals: 2 });
    // The same operationId again is answered, not processed again.
    expect(await charge(r, keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'settled' });
    expect(sim.requestCount(r)).toBe(2);
    expect(Object.values([sim.paymentByOperation(r)])).toHaveLength(1);
  });

  it('a swiped card (track 2) is read the same way', async () => {
    expect(await charge(ref(), { entry: 'swiped', track2: `;${TEST_CARDS.approve}=31121011234567890?` })).toMatchObject({ kind: 'settled', settled: { cardLast4: '0104' } });
  });

  it('declines carry the issuer’s reason', async () => {
    expect(await charge(ref(), keyed(TEST_CARDS.decline))).toMatchObject({ kind: 'closed', reason: 'denied', error: { providerCode: '5', message: expect.stringContaining('ditolak') } });
    expect(await charge(ref(), { entry: 'keyed', number: TEST_CARDS.approve, expiry: '0120', securityCode: null })).toMatchObject({ kind: 'closed', error: { providerCode: '54' } });
  });

  it('a part approved although Loket asked for all or nothing (an acquirer that ignores allowPartialApproval) is given back at once (issue 15 §7)', async () => {
    sim.configure({ partialWhenNotAllowed: 'approve_part' });
    try {
      const r = ref();
      expect(await charge(r, keyed(TEST_CARDS.partial))).toMatchObject({ kind: 'closed', reason: 'denied', error: { code: 'provider_refused' } });
      const p = sim.paymentByOperation(r)!;
      // Half was authorised, then reversed by Loket: nothing stays taken from the card.
      expect(p.operations[0]).toMatchObject({ type: 'AUTHORIZATION', amount: 25_800 * 100 });
      expect(p.status).toBe('REVERSED');
    } finally {
      sim.configure({ partialWhenNotAllowed: 'decline' });
    }
  });

  it('amounts are compared as values (issue 15 §1): sent in the contract’s decimals, an answer in another exponent is still the full amount, another currency is refused and given back', async () => {
    // ISO 4217's 2 decimals by default: Rp 51.600 travels as 5160000.
    const r1 = ref();
    expect(await charge(r1, keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'settled' });
    expect(sim.paymentByOperation(r1)).toMatchObject({ amount: 5_160_000, decimals: 2, status: 'CONFIRMED' });
    // A platform answering in whole rupiah: the same value, so the card is paid, not "partly approved".
    sim.configure({ answerDecimals: 0 });
    try {
      expect(await charge(ref(), keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'settled' });
    } finally {
      sim.configure({ answerDecimals: 'as_asked' });
    }
    // A contract in whole rupiah: Loket configured for 0 decimals is accepted; for 2 it is refused plainly.
    sim.configure({ idrDecimals: 0 });
    try {
      const whole = createWorldlineClient({ endpoint: { apiUrl: sim.apiUrl, tokenUrl: sim.tokenUrl, ...sim.credentials, terminalId: 'LKT00001', amountDecimals: 0 }, timeouts: DEFAULT_WORLDLINE_TIMEOUTS, log: silentLogger, now: Date.now });
      const r2 = ref();
      expect(await whole.charge({ ref: r2, method: 'card', amount: 51_600, expirySeconds: 0, description: 'x', card: keyed(TEST_CARDS.approve) })).toMatchObject({ kind: 'settled' });
      expect(sim.paymentByOperation(r2)).toMatchObject({ amount: 51_600, decimals: 0 });
      expect(await charge(ref(), keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'closed', error: { code: 'provider_refused' } });
    } finally {
      sim.configure({ idrDecimals: 'either' });
    }
    // An answer in another currency is never taken as paid: the authorisation is given back.
    sim.configure({ answerCurrency: 'USD' });
    try {
      const r3 = ref();
      expect(await charge(r3, keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'closed', error: { message: expect.stringContaining('mata uang') } });
      expect(sim.paymentByOperation(r3)?.status).toBe('REVERSED');
    } finally {
      sim.configure({ answerCurrency: null });
    }
  });

  it('an acquirer that leaves the payment AUTHORIZED despite captureImmediately: Loket captures it, then it is paid (issue 15 §1)', async () => {
    sim.configure({ captureMode: 'authorize_only' });
    try {
      const r = ref();
      expect(await charge(r, keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'settled' });
      const p = sim.paymentByOperation(r)!;
      expect(p.status).toBe('CONFIRMED');
      expect(p.operations.map((o) => o.type)).toEqual(['AUTHORIZATION', 'CAPTURE']);
    } finally {
      sim.configure({ captureMode: 'immediate' });
    }
  });

  it('the simulator refuses an API call without the SDKs’ metadata headers; Loket sends them (issue 15 §7)', async () => {
    const bare = await fetch(`${sim.apiUrl}/processing/v1/${sim.credentials.acquirerId}/${sim.credentials.merchantId}/payments/x`, { headers: { authorization: 'Bearer x' } });
    expect(bare.status).toBe(400);
    expect(await charge(ref(), keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'settled' });
  });

  it('an answer lost in a timeout or a 500 is settled by a technical reversal of the same operation', async () => {
    const hung = ref();
    expect(await charge(hung, keyed(TEST_CARDS.hang))).toMatchObject({ kind: 'unknown' });
    expect(await client.status(hung, null)).toMatchObject({ kind: 'closed', reason: 'failed' });
    // The hung authorisation ends at the acquirer later; the reversal then applies to it.
    await waitFor(async () => sim.paymentByOperation(hung)?.status, (st) => st === 'REVERSED', 10_000, 20);

    const broken = ref();
    expect(await charge(broken, keyed(TEST_CARDS.error500))).toMatchObject({ kind: 'unknown' });
    expect(await client.cancel(broken, null)).toMatchObject({ kind: 'closed' });
    expect(sim.paymentByOperation(broken)!.status).toBe('REVERSED');

    // A reversal of an operation the bank never saw: 7204, also nothing charged.
    expect(await client.status(ref(), null)).toMatchObject({ kind: 'closed', error: { providerCode: '7204' } });
  });

  it('refunds in part and in full, each keyed on its own operationId; a repeat never pays twice', async () => {
    const r = ref();
    const s = await charge(r, keyed(TEST_CARDS.approve), 100_000);
    const txnId = s.kind === 'settled' ? s.settled.txnId : null;
    expect(await client.refund({ ref: r, txnId, key: `${r}-R1`, amount: 30_000, reason: 'x', direct: false })).toMatchObject({ kind: 'done' });
    expect(await client.refund({ ref: r, txnId, key: `${r}-R1`, amount: 30_000, reason: 'x', direct: false })).toMatchObject({ kind: 'done' });
    expect(sim.paymentByOperation(r)!.refunded).toBe(30_000 * 100);
    expect(await client.refund({ ref: r, txnId, key: `${r}-R2`, amount: 80_000, reason: 'x', direct: false })).toMatchObject({ kind: 'refused' });
    expect(await client.refund({ ref: r, txnId, key: `${r}-R3`, amount: 70_000, reason: 'x', direct: false })).toMatchObject({ kind: 'done' });
    expect(await client.status(r, txnId)).toMatchObject({ kind: 'settled' });
  });

  it('the simulator plays the other operations the SDK calls (issue 15 §1): increment of a pre-authorisation, getRefund with its operation', async () => {
    const api = await worldlineApi(sim);
    const at = new Date().toISOString();
    const idr = (amount: number) => ({ amount, currencyCode: 'IDR', numberOfDecimals: 2 });
    const auth = await api('POST', '/payments', {
      operationId: `op-${++n}`,
      transactionTimestamp: at,
      amount: idr(5_000_000),
      authorizationType: 'PRE_AUTHORIZATION',
      cardPaymentData: { cardEntryMode: 'MANUAL', captureImmediately: false, cardholderVerificationMethod: 'CARD_SECURITY_CODE', cardData: { cardNumber: TEST_CARDS.approve, expiryDate: '122031' } },
    });
    expect(auth).toMatchObject({ status: 201, body: { status: 'AUTHORIZED', totalAuthorizedAmount: idr(5_000_000) } });
    const paymentId = String(auth.body.paymentId);
    const inc = await api('POST', `/payments/${paymentId}/increments`, { operationId: `op-${++n}`, transactionTimestamp: at, incrementAmount: idr(1_000_000) });
    expect(inc).toMatchObject({ status: 201, body: { responseCode: '0', payment: { paymentId, status: 'AUTHORIZED' }, totalAuthorizedAmount: idr(6_000_000) } });
    expect((await api('POST', `/payments/${paymentId}/increments`, { operationId: `op-${++n}`, transactionTimestamp: at, incrementAmount: { amount: 10, currencyCode: 'EUR', numberOfDecimals: 2 } })).status).toBe(400);
    expect((await api('POST', `/payments/${paymentId}/captures`, { operationId: `op-${++n}`, transactionTimestamp: at })).body).toMatchObject({ payment: { status: 'CONFIRMED' } });
    // Confirmed: no more increments.
    expect((await api('POST', `/payments/${paymentId}/increments`, { operationId: `op-${++n}`, transactionTimestamp: at, incrementAmount: idr(100) })).status).toBe(409);
    const refunded = await api('POST', `/payments/${paymentId}/refunds`, { operationId: `op-${++n}`, transactionTimestamp: at, amount: idr(2_500_000) });
    const refundId = String((refunded.body.refund as { refundId: string }).refundId);
    expect(await api('GET', `/refunds/${refundId}?returnOperations=true`)).toMatchObject({
      status: 200,
      body: { refundId, referencedPaymentId: paymentId, status: 'CONFIRMED', totalAuthorizedAmount: idr(2_500_000), operations: [{ operationType: 'REFUND', amount: idr(2_500_000) }] },
    });
    expect((await api('GET', '/refunds/pay:ch:etu:nope')).status).toBe(404);
  });

  it('a revoked token is renewed once after the 401, and the call goes through', async () => {
    sim.revokeTokens();
    expect(await charge(ref(), keyed(TEST_CARDS.approve))).toMatchObject({ kind: 'settled' });
  });

  it('wrong credentials are a definite failure: nothing reached the API', async () => {
    const wrong = createWorldlineClient({ endpoint: { apiUrl: sim.apiUrl, tokenUrl: sim.tokenUrl, ...sim.credentials, clientSecret: 'nope', terminalId: '' }, timeouts: DEFAULT_WORLDLINE_TIMEOUTS, log: silentLogger, now: Date.now });
    const r = ref();
    expect(await wrong.charge({ ref: r, method: 'card', amount: 10_000, expirySeconds: 0, description: 'x', card: keyed(TEST_CARDS.approve) })).toMatchObject({ kind: 'closed', error: { code: 'provider_auth' } });
    expect(sim.requestCount(r)).toBe(0);
  });
});
