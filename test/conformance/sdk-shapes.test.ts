// The simulators' answers against the official SDKs' own models (issue 15: "every simulator
// checked by an outsider"), where no SDK can be installed here: SAT's Go structs and Python
// dataclasses (sat.md §4), Worldline's NODE/.NET domain types and value sets (worldline.md §2).
// These schemas are transcribed from the SDKs, not from Loket's client — strict where an SDK's model
// lists every field, so a field a simulator invents, renames or formats its own way is caught here
// and not by the first real sale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startSatSimulator, type SatSimulator } from '../../electron/simulators/sat/server';
import { startWorldlineSimulator, TEST_CARDS, type WorldlineSimulator } from '../../electron/simulators/worldline/server';
import { signPss } from '../../electron/providers/sat/signing';
import { createPrivateKey } from 'node:crypto';
import { worldlineApi, type WorldlineApi } from '../support/worldline-api';

const int = z.number().int();
const line = z.object({ name: z.string(), value: z.string() }).strict();
/** google/jsonapi's iso8601TimeFormat: the Go SDK fails on anything else (sat.md §4.6). */
const goTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

// ── SAT (golang-sat structs, python-sat dataclasses) ───────────────────────────────────────────
const SatPing = z.object({ buildhash: z.string(), sandbox: z.boolean(), status: z.string() }).strict();
const SatToken = z.object({ access_token: z.string().min(1), token_type: z.string().regex(/^[Bb]earer$/), expires_in: int.positive() }).passthrough();
const SatAccount = z.object({ data: z.object({ type: z.literal('account'), id: z.string().regex(/^\d+$/), attributes: z.object({ saldo: int }).strict() }).strict() }).strict();
const SatProduct = z
  .object({
    type: z.literal('product'),
    id: z.string(),
    attributes: z
      .object({
        product_name: z.string(),
        price: int,
        is_inquiry: z.boolean(),
        status: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        operator_name: z.string().optional(),
        category_name: z.string().optional(),
        client_number: z.string().optional(),
        // The one reading Loket adds (issue 15 §2): how a product declares its extra inputs.
        fields: z.array(z.object({ name: z.string(), label: z.string() }).strict()).optional(),
      })
      .strict(),
  })
  .strict();
const SatInquiry = z
  .object({
    data: z
      .object({
        type: z.literal('inquiry'),
        id: z.string(),
        attributes: z
          .object({
            admin_fee: int,
            base_price: int,
            client_name: z.string(),
            client_number: z.string(),
            fields: z.array(line).nullable(),
            inquiry_result: z.array(line),
            meter_id: z.string(),
            product_code: z.string(),
            sales_price: int,
            ref_id: z.string().optional(),
            max_payment: int.optional(),
            min_payment: int.optional(),
            min_amount: int.optional(),
          })
          .strict()
          .refine((a) => a.sales_price === a.base_price + a.admin_fee, 'sales_price = base_price + admin_fee'),
      })
      .strict(),
  })
  .strict();
const orderCommon = {
  client_number: z.string(),
  error_code: z.string(),
  error_detail: z.string(),
  fields: z.array(line).nullable(),
  fulfilled_at: goTime.nullable(),
  partner_fee: int,
  product_code: z.string(),
  sales_price: int,
  serial_number: z.string(),
  status: z.enum(['Pending', 'Success', 'Failed']),
};
/** The checkout answer carries no admin_fee, client_name, fulfillment_result or voucher_code (sat.md §4.5). */
const SatCheckout = z.object({ data: z.object({ type: z.literal('order'), id: z.string(), attributes: z.object(orderCommon).strict() }).strict() }).strict();
const SatStatus = z
  .object({
    data: z
      .object({
        type: z.literal('order'),
        id: z.string(),
        attributes: z
          .object({ ...orderCommon, admin_fee: int, client_name: z.string(), fulfillment_result: z.array(line), voucher_code: z.string() })
          .strict()
          .refine((a) => (a.status === 'Failed') === (a.error_code !== ''), 'Failed always, and only Failed, carries an error_code')
          // A success is dated; a failed order may not be (sat.md's S02 sample has fulfilled_at null).
          .refine((a) => (a.status !== 'Success' || a.fulfilled_at !== null) && (a.status !== 'Pending' || a.fulfilled_at === null), 'fulfilled_at: set on Success, null while Pending'),
      })
      .strict(),
  })
  .strict();
const SatError = z.object({ errors: z.array(z.object({ code: z.string().regex(/^[A-Z]\d{2}$/), detail: z.string(), status: z.string().regex(/^\d{3}$/) }).strict()).min(1) }).strict();

// ── Worldline (NODE src/v1/model/domain, .NET V1/Domain value sets) ────────────────────────────
const Amount = z.object({ amount: int, currencyCode: z.string().regex(/^[A-Z]{3}$/), numberOfDecimals: int.nonnegative() }).strict();
const Status = z.enum(['AUTHORIZED', 'NOT_AUTHORIZED', 'PENDING', 'PENDING_CAPTURE', 'CONFIRMED', 'REVERSED', 'CANCELLED']);
const wlTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
const Result = {
  operationId: z.string(),
  responseCode: z.string().regex(/^\d+$/),
  responseCodeCategory: z.enum(['APPROVED', 'PARTIALLY_APPROVED', 'DECLINED']),
  responseCodeDescription: z.string(),
  responder: z.enum(['WORLDLINE', 'ISSUER', 'SCHEME', 'PARTNER']),
};
const References = z.object({ dynamicDescriptor: z.string().optional(), merchantReference: z.string().optional() }).strict();
const PaymentSummary = z.object({ paymentId: z.string(), references: References.optional(), status: Status, statusTimestamp: wlTime.optional() }).strict();
const CardForResponse = z
  .object({
    brand: z.string().optional(),
    ecommerceData: z.object({ addressVerificationResult: z.string().optional(), cardSecurityCodeResult: z.string().optional() }).strict().optional(),
    pointOfSaleData: z.object({ emvData: z.array(z.unknown()).optional(), panLast4Digits: z.string().regex(/^\d{4}$/).optional(), pinRetryCounter: int.optional() }).strict().optional(),
  })
  .strict();
const ApiPaymentResponse = z
  .object({
    ...Result,
    cardPaymentData: CardForResponse.optional(),
    initialAuthorizationCode: z.string().nullable().optional(),
    paymentId: z.string(),
    references: References.optional(),
    status: Status,
    statusTimestamp: wlTime,
    totalAuthorizedAmount: Amount,
  })
  .strict();
const SubOperation = z
  .object({
    amount: Amount.optional(),
    authorizationCode: z.string().optional(),
    operationId: z.string(),
    operationTimestamp: wlTime,
    operationType: z.enum(['AUTHORIZATION', 'CAPTURE', 'REFUND', 'INCREMENT', 'AUTHORIZATION_REVERSAL']),
    responseCode: z.string().regex(/^\d+$/),
    responseCodeCategory: z.enum(['APPROVED', 'PARTIALLY_APPROVED', 'DECLINED']).optional(),
    responseCodeDescription: z.string().optional(),
  })
  .strict();
const ApiPaymentResource = z
  .object({
    cardPaymentData: z.object({ brand: z.string().optional() }).strict().optional(),
    initialAuthorizationCode: z.string().nullable().optional(),
    operations: z.array(SubOperation).optional(),
    paymentId: z.string(),
    references: References.optional(),
    status: Status,
    statusTimestamp: wlTime,
    totalAuthorizedAmount: Amount,
  })
  .strict();
const ApiActionResponse = z.object({ ...Result, payment: PaymentSummary }).strict();
const ApiReversalResponse = z.object({ ...Result, payment: PaymentSummary, totalAuthorizedAmount: Amount }).strict();
const ApiIncrementResponse = z.object({ ...Result, payment: PaymentSummary, authorizationCode: z.string().nullable().optional(), totalAuthorizedAmount: Amount }).strict();
const ApiActionResponseForRefund = z.object({ ...Result, refund: z.object({ refundId: z.string(), references: References.optional(), status: Status, statusTimestamp: wlTime.optional() }).strict() }).strict();
const ApiRefundResource = z
  .object({
    cardPaymentData: z.object({ brand: z.string().optional() }).strict().optional(),
    initialAuthorizationCode: z.string().nullable().optional(),
    operations: z.array(SubOperation.omit({ authorizationCode: true })).optional(),
    referencedPaymentId: z.string(),
    references: References.optional(),
    refundId: z.string(),
    status: Status,
    statusTimestamp: wlTime,
    totalAuthorizedAmount: Amount,
  })
  .strict();
const ApiTechnicalReversalResponse = z.object(Result).strict();
const Problem = z.object({ type: z.string().optional(), title: z.string(), status: int, detail: z.string().optional(), instance: z.string().optional(), requestId: z.string().optional() }).strict();

/** A parse that names every way the answer departs from the SDK's model. */
function conforms<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`${what} does not fit the SDK's model: ${JSON.stringify(r.error.issues)}\n${JSON.stringify(body)}`);
  return r.data;
}

describe('SAT simulator answers fit the SDKs’ models', () => {
  let sim: SatSimulator;
  let token = '';
  const api = async (method: 'GET' | 'POST', path: string, body?: unknown, signature?: string) => {
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const res = await fetch(`${sim.baseUrl}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(raw ? { 'content-type': 'application/json' } : {}), ...(signature ? { signature } : {}) },
      ...(raw ? { body: raw } : {}),
    });
    return { status: res.status, body: (await res.json()) as unknown, raw };
  };
  beforeAll(async () => {
    sim = await startSatSimulator({ config: { fulfilMs: 0 } });
    const res = await fetch(sim.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    token = conforms(SatToken, await res.json(), 'token').access_token;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('ping, account, the product list, an inquiry, a checkout, the status and the errors', async () => {
    conforms(SatPing, await (await fetch(`${sim.baseUrl}/ping`)).json(), 'ping');
    conforms(SatAccount, (await api('GET', 'v2/account')).body, 'account');
    const list = (await api('GET', 'v2/product-list')).body as { data: unknown[] };
    expect(list.data.length).toBeGreaterThan(40);
    for (const p of list.data) conforms(SatProduct, p, 'product');
    conforms(SatInquiry, (await api('POST', 'v2/inquiry', { data: { type: 'inquiry', attributes: { product_code: 'pln-postpaid', client_number: '532110000060' } } })).body, 'inquiry');
    conforms(SatInquiry, (await api('POST', 'v2/inquiry', { data: { type: 'inquiry', attributes: { product_code: 'pbb-kota-bandung', client_number: '327301000100', fields: [{ name: 'tahun_pajak', value: '2026' }] } } })).body, 'inquiry with fields');

    const key = createPrivateKey(sim.credentials.privateKeyPem);
    const order = async (id: string, product: string, number: string) => {
      const body = { data: { type: 'order', id, attributes: { product_code: product, client_number: number } } };
      return api('POST', 'v2/order', body, signPss(Buffer.from(JSON.stringify(body)), key));
    };
    conforms(SatCheckout, (await order('conf-ok-1', '25k-xl', '081234567890')).body, 'checkout');
    conforms(SatCheckout, (await order('conf-fail-1', '25k-xl', '081200000002')).body, 'checkout');
    sim.tick();
    conforms(SatStatus, (await api('GET', 'v2/order/conf-ok-1')).body, 'status (success)');
    conforms(SatStatus, (await api('GET', 'v2/order/conf-fail-1')).body, 'status (failed)');
    const dup = await order('conf-ok-1', '25k-xl', '081234567890');
    expect(dup.status).toBe(400);
    conforms(SatError, dup.body, 'duplicate request id');
    conforms(SatError, (await api('GET', 'v2/order/never-made')).body, 'unknown order');
    conforms(SatError, (await api('POST', 'v2/inquiry', { data: { type: 'inquiry', attributes: { product_code: 'no-such', client_number: '1' } } })).body, 'unknown product');
  });
});

describe('Worldline simulator answers fit the SDK’s domain model', () => {
  let sim: WorldlineSimulator;
  let api: WorldlineApi;
  let n = 0;
  const idr = (amount: number) => ({ amount, currencyCode: 'IDR', numberOfDecimals: 2 });
  const op = () => ({ operationId: `op-conf-${++n}`, transactionTimestamp: new Date().toISOString() });
  const pay = (pan: string, capture: boolean) =>
    api('POST', '/payments', {
      ...op(),
      amount: idr(5_000_000),
      authorizationType: 'PRE_AUTHORIZATION',
      references: { merchantReference: `conf-${n}` },
      cardPaymentData: { cardEntryMode: 'MANUAL', captureImmediately: capture, cardholderVerificationMethod: 'CARD_SECURITY_CODE', cardData: { cardNumber: pan, expiryDate: '122031', cardSecurityCode: '123' } },
    });
  beforeAll(async () => {
    sim = await startWorldlineSimulator();
    api = await worldlineApi(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('payment, resource with operations, capture, increment, reversal, refund and its resource, technical reversal, problems', async () => {
    const approved = conforms(ApiPaymentResponse, (await pay(TEST_CARDS.approve, false)).body, 'processPayment (approved)');
    conforms(ApiPaymentResponse, (await pay(TEST_CARDS.decline, false)).body, 'processPayment (declined)');
    const id = approved.paymentId;
    conforms(ApiIncrementResponse, (await api('POST', `/payments/${id}/increments`, { ...op(), incrementAmount: idr(100_000) })).body, 'incrementPayment');
    conforms(ApiActionResponse, (await api('POST', `/payments/${id}/captures`, { ...op() })).body, 'simpleCaptureOfPayment');
    const refund = conforms(ApiActionResponseForRefund, (await api('POST', `/payments/${id}/refunds`, { ...op(), amount: idr(1_000_000) })).body, 'createRefund');
    conforms(ApiRefundResource, (await api('GET', `/refunds/${refund.refund.refundId}?returnOperations=true`)).body, 'getRefund');
    conforms(ApiPaymentResource, (await api('GET', `/payments/${id}?returnOperations=true`)).body, 'getPaymentStatus');

    const other = conforms(ApiPaymentResponse, (await pay(TEST_CARDS.approve, false)).body, 'processPayment').paymentId;
    conforms(ApiReversalResponse, (await api('POST', `/payments/${other}/authorization-reversals`, { ...op() })).body, 'reverseAuthorization');
    conforms(ApiTechnicalReversalResponse, (await api('POST', `/operations/never-sent-${n}/reverse`, { ...op(), reason: 'TIMEOUT_WAITING_RESPONSE' })).body, 'technicalReversal');
    const missing = await api('GET', '/payments/pay:ch:etu:unknown');
    expect(missing.status).toBe(404);
    conforms(Problem, missing.body, 'problem+json');
  });
});
