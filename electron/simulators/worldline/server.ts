// The Worldline Acquiring simulator (worldline.md §8): OAuth2 client credentials (raw spaces in
// `scope` accepted), bearer auth with 401/403 problem+json, card payments with test card numbers
// (approve, decline, partial approval, a hang past the client's timeout, a 500 after processing),
// payment status with operations, referenced refunds, authorization reversals and technical
// reversals, all keyed on operationId (a repeat replays the stored answer, never processes twice).
// Shares no code with the client.
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { serveSimulator, type SimReply } from '../http-host';
import { passesLuhn } from '../../../shared/domain/luhn';
import { openWorldlineStore, type SimCardPayment } from './state';

export type WorldlineFaults = {
  /** The next N API calls: a proxy's HTML 502, nothing processed. */
  html502: number;
  slowMs: number;
};

export type WorldlineSimConfig = {
  tokenLifetimeS: number;
  /**
   * The partial test card under `allowPartialApproval: false`: 'decline' (51, the documented reading)
   * or 'approve_part' (an acquirer that approves part anyway — the client must give it back).
   */
  partialWhenNotAllowed: 'decline' | 'approve_part';
  /**
   * IDR's decimals (issue 15 §1): 'either' accepts 0 or 2; 2 is ISO 4217 and 0 a whole-rupiah
   * contract — a payment in the other is refused. Answers echo what was asked unless `answerDecimals`
   * restates the same value in another exponent (a platform that answers in its own).
   */
  idrDecimals: 'either' | 0 | 2;
  answerDecimals: 'as_asked' | 0 | 2;
  /** Answers amounts in this currency instead of the payment's (a misconfigured acquirer); null: the payment's. */
  answerCurrency: string | null;
  /** 'immediate' honours captureImmediately; 'authorize_only' leaves every payment AUTHORIZED until captured. */
  captureMode: 'immediate' | 'authorize_only';
  /** How long the "hang" test card holds its (approved) answer: past the client's timeout. */
  hangMs: number;
  faults: WorldlineFaults;
};

export type WorldlineSimOptions = {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  acquirerId?: string;
  merchantId?: string;
  statePath?: string | null;
  now?: () => number;
  config?: Partial<Omit<WorldlineSimConfig, 'faults'>> & { faults?: Partial<WorldlineFaults> };
};

export type WorldlineSimulator = {
  apiUrl: string;
  tokenUrl: string;
  port: number;
  credentials: { clientId: string; clientSecret: string; acquirerId: string; merchantId: string };
  payment(paymentId: string): SimCardPayment | null;
  paymentByOperation(operationId: string): SimCardPayment | null;
  requestCount(operationId: string): number;
  revokeTokens(): void;
  configure(patch: Partial<Omit<WorldlineSimConfig, 'faults'>> & { faults?: Partial<WorldlineFaults> }): void;
  close(): Promise<void>;
};

/** Test cards (worldline.md leaves the list to us): anything else Luhn-valid is approved. */
export const TEST_CARDS = {
  approve: '4176669999000104',
  decline: '4000000000000002',
  partial: '4000000000000010',
  hang: '4000000000000036',
  error500: '4000000000000044',
} as const;

const ALL_SCOPES = ['processing_payment', 'processing_refund', 'processing_credittransfer', 'processing_accountverification', 'processing_operation_reverse', 'processing_dcc_rate', 'services_ping', 'processing_balanceinquiry', 'disputes_retrieve', 'disputes_manage'];

const problem = (status: number, title: string, detail: string): SimReply => ({
  status,
  body: JSON.stringify({ type: `https://docs.acquiring.worldline-solutions.com/errors/${title.toLowerCase().replace(/\s+/g, '-')}`, title, status, detail, instance: `/errors/${randomUUID()}`, requestId: randomUUID() }),
  contentType: 'application/problem+json',
});
const json = (status: number, value: unknown): SimReply => ({ status, body: JSON.stringify(value), contentType: 'application/json' });

const PAYMENT_KEYS = new Set(['amount', 'amountBreakdownData', 'authorizationType', 'cardPaymentData', 'dynamicCurrencyConversion', 'merchant', 'operationId', 'references', 'terminalData', 'transactionTimestamp']);

const brandOf = (pan: string): string => (pan.startsWith('4') ? 'VISA' : /^(5[1-5]|2[2-7])/.test(pan) ? 'MASTERCARD' : pan.startsWith('3') ? 'AMEX' : 'CARD');
const paymentIdOf = (): string => `pay:ch:etu:${randomBytes(16).toString('base64url').slice(0, 22)}`;

type Amount = { amount: number; currencyCode: string; numberOfDecimals: number };

function readAmount(v: unknown): Amount | null {
  if (typeof v !== 'object' || v === null) return null;
  const a = v as Partial<Amount>;
  return Number.isInteger(a.amount) && (a.amount ?? 0) > 0 && typeof a.currencyCode === 'string' && Number.isInteger(a.numberOfDecimals) ? (a as Amount) : null;
}

export async function startWorldlineSimulator(options: WorldlineSimOptions = {}): Promise<WorldlineSimulator> {
  const clientId = options.clientId ?? 'loket-worldline';
  const clientSecret = options.clientSecret ?? randomBytes(12).toString('hex');
  const acquirerId = options.acquirerId ?? '100812';
  const merchantId = options.merchantId ?? '520002526';
  const now = options.now ?? Date.now;
  const store = openWorldlineStore(options.statePath ?? null);
  const config: WorldlineSimConfig = {
    tokenLifetimeS: 300,
    partialWhenNotAllowed: 'decline',
    idrDecimals: 'either',
    answerDecimals: 'as_asked',
    answerCurrency: null,
    captureMode: 'immediate',
    hangMs: 40_000,
    ...options.config,
    faults: { html502: 0, slowMs: 0, ...options.config?.faults },
  };
  const tokens = new Map<string, { expires: number; scopes: Set<string> }>();
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  function issueToken(raw: Buffer): SimReply {
    // The SDKs format this body without URL-encoding (raw spaces in scope); decode leniently.
    const fields = new Map<string, string>();
    for (const part of raw.toString('utf8').split('&')) {
      const i = part.indexOf('=');
      if (i < 0) continue;
      const k = part.slice(0, i);
      const v = part.slice(i + 1).replace(/\+/g, ' ');
      try {
        fields.set(k, decodeURIComponent(v));
      } catch {
        fields.set(k, v);
      }
    }
    if (fields.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
    if (fields.get('client_id') !== clientId || fields.get('client_secret') !== clientSecret) {
      return json(401, { error: 'unauthorized_client', error_description: 'INVALID_CREDENTIALS: Invalid client credentials' });
    }
    const scopes = (fields.get('scope') ?? '').split(' ').filter(Boolean);
    const unknown = scopes.find((s) => !ALL_SCOPES.includes(s));
    if (unknown) return json(400, { error: 'invalid_scope', error_description: `unknown scope ${unknown}` });
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { expires: now() + config.tokenLifetimeS * 1000, scopes: new Set(scopes.length > 0 ? scopes : ALL_SCOPES) });
    return json(200, { access_token: token, expires_in: config.tokenLifetimeS, token_type: 'Bearer' });
  }

  /**
   * The metadata headers the SDKs send on every API call (worldline.md §6): an RFC 1123 `Date`, a
   * `Trace-Id`, and `X-WL-ServerMetaInfo` (base64 JSON naming the SDK). A call without them is refused.
   */
  function metadataProblem(req: http.IncomingMessage): SimReply | null {
    const date = req.headers.date;
    if (typeof date !== 'string' || Number.isNaN(Date.parse(date))) return problem(400, 'Bad Request', 'The Date header is missing or not an RFC 1123 date.');
    if (typeof req.headers['trace-id'] !== 'string' || req.headers['trace-id'] === '') return problem(400, 'Bad Request', 'The Trace-Id header is missing.');
    const meta = req.headers['x-wl-servermetainfo'];
    try {
      const parsed = JSON.parse(Buffer.from(typeof meta === 'string' ? meta : '', 'base64').toString('utf8')) as { sdkIdentifier?: unknown };
      if (typeof parsed.sdkIdentifier !== 'string') throw new Error('no sdkIdentifier');
    } catch {
      return problem(400, 'Bad Request', 'The X-WL-ServerMetaInfo header is missing or not base64 JSON with an sdkIdentifier.');
    }
    return null;
  }

  function authorize(req: http.IncomingMessage, scope: string): SimReply | null {
    const meta = metadataProblem(req);
    if (meta) return meta;
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const t = m ? tokens.get(m[1]!) : undefined;
    if (!t || t.expires <= now()) return problem(401, 'Unauthorized', 'The access token is missing, invalid or expired. Request a new token and try again.');
    if (!t.scopes.has(scope)) return problem(403, 'Forbidden', `The access token lacks the scope ${scope}.`);
    return null;
  }

  function result(code: string, description: string, category: 'APPROVED' | 'DECLINED' | 'PARTIALLY_APPROVED', operationId: string): Record<string, unknown> {
    return { operationId, responseCode: code, responseCodeDescription: description, responseCodeCategory: category, responder: code === '0' || code === '7204' ? 'WORLDLINE' : 'ISSUER' };
  }

  /** One answer per operationId: a repeat replays it and processes nothing (worldline.md §3). */
  function once(operationId: string, work: () => SimReply): SimReply {
    store.state.requests[operationId] = (store.state.requests[operationId] ?? 0) + 1;
    const done = store.state.answers[operationId];
    if (done) return { status: done.status, body: done.body, contentType: 'application/json' };
    const reply = work();
    if (reply.status < 500) store.state.answers[operationId] = { status: reply.status, body: reply.body };
    store.save();
    return reply;
  }

  /** An amount of a payment as answered: in its own currency and decimals, or restated in `answerDecimals`. */
  function money(p: SimCardPayment, minor: number): Amount {
    const asked = p.decimals ?? 0;
    const to = config.answerDecimals === 'as_asked' ? asked : config.answerDecimals;
    const value = to >= asked ? minor * 10 ** (to - asked) : Math.round(minor / 10 ** (asked - to));
    return { amount: value, currencyCode: config.answerCurrency ?? p.currency ?? 'IDR', numberOfDecimals: to };
  }

  /** An incoming amount in the payment's own minor units, or null when it is another currency or not a whole unit there. */
  function inPaymentUnits(p: SimCardPayment, a: Amount): number | null {
    if (a.currencyCode !== (p.currency ?? 'IDR')) return null;
    const d = p.decimals ?? 0;
    const v = a.numberOfDecimals <= d ? a.amount * 10 ** (d - a.numberOfDecimals) : a.amount / 10 ** (a.numberOfDecimals - d);
    return Number.isInteger(v) ? v : null;
  }

  function paymentJson(p: SimCardPayment): Record<string, unknown> {
    return {
      paymentId: p.paymentId,
      status: p.status,
      statusTimestamp: iso(p.at),
      totalAuthorizedAmount: money(p, p.authorized),
      initialAuthorizationCode: p.authCode,
      references: { merchantReference: p.merchantReference },
    };
  }

  function processPayment(body: Record<string, unknown>): SimReply {
    const unknownKey = Object.keys(body).find((k) => !PAYMENT_KEYS.has(k));
    if (unknownKey) return problem(400, 'Bad Request', `unknown property ${unknownKey}`);
    const operationId = typeof body.operationId === 'string' ? body.operationId : '';
    const amount = readAmount(body.amount);
    if (!operationId || typeof body.transactionTimestamp !== 'string' || !amount) {
      return problem(400, 'Bad Request', 'operationId, transactionTimestamp and amount are required');
    }
    if (amount.currencyCode !== 'IDR') return problem(400, 'Bad Request', `currency ${amount.currencyCode} is not accepted for this merchant`);
    const decimalsOk = config.idrDecimals === 'either' ? amount.numberOfDecimals === 0 || amount.numberOfDecimals === 2 : amount.numberOfDecimals === config.idrDecimals;
    if (!decimalsOk) return problem(400, 'Bad Request', `numberOfDecimals ${amount.numberOfDecimals} does not match the contract's IDR decimals`);
    const card = (body.cardPaymentData ?? {}) as { cardData?: { cardNumber?: string; expiryDate?: string }; pointOfSaleData?: { track2Data?: string }; allowPartialApproval?: boolean; captureImmediately?: boolean };
    let pan = card.cardData?.cardNumber ?? '';
    let mmyyyy = card.cardData?.expiryDate ?? '';
    const track = /^;?(\d{12,19})=(\d{2})(\d{2})/.exec(card.pointOfSaleData?.track2Data ?? '');
    if (track) {
      pan = track[1]!;
      mmyyyy = `${track[3]}20${track[2]}`;
    }
    if (!/^\d{12,19}$/.test(pan) || !/^\d{6}$/.test(mmyyyy)) return problem(400, 'Bad Request', 'cardPaymentData needs cardData (cardNumber, expiryDate MMYYYY) or pointOfSaleData.track2Data');
    const reference = String(((body.references ?? {}) as { merchantReference?: unknown }).merchantReference ?? '');
    return once(operationId, () => {
      const at = now();
      const base: SimCardPayment = {
        paymentId: paymentIdOf(),
        operationId,
        amount: amount.amount,
        currency: amount.currencyCode,
        decimals: amount.numberOfDecimals,
        authorized: 0,
        status: 'NOT_AUTHORIZED',
        brand: brandOf(pan),
        last4: pan.slice(-4),
        authCode: null,
        merchantReference: reference,
        refunded: 0,
        operations: [],
        at,
      };
      const d = new Date(at);
      const expired = Number(mmyyyy.slice(2)) * 12 + Number(mmyyyy.slice(0, 2)) - 1 < d.getUTCFullYear() * 12 + d.getUTCMonth();
      let r: Record<string, unknown>;
      if (!passesLuhn(pan)) r = result('14', 'Invalid card number', 'DECLINED', operationId);
      else if (expired) r = result('54', 'Expired card', 'DECLINED', operationId);
      else if (pan === TEST_CARDS.decline) r = result('5', 'Do not honour', 'DECLINED', operationId);
      else if (pan === TEST_CARDS.partial && !card.allowPartialApproval && config.partialWhenNotAllowed === 'decline') r = result('51', 'Insufficient funds', 'DECLINED', operationId);
      else {
        const partial = pan === TEST_CARDS.partial;
        base.authorized = partial ? Math.floor(amount.amount / 2) : amount.amount;
        base.status = card.captureImmediately && config.captureMode === 'immediate' ? 'CONFIRMED' : 'AUTHORIZED';
        base.authCode = String(100000 + (parseInt(randomBytes(3).toString('hex'), 16) % 900000));
        r = partial ? result('10', 'Partial approval', 'PARTIALLY_APPROVED', operationId) : result('0', 'Accepted or completed successfully', 'APPROVED', operationId);
      }
      base.operations.push({ operationId, type: 'AUTHORIZATION', amount: base.authorized, at, responseCode: String(r.responseCode) });
      store.state.payments[base.paymentId] = base;
      const answer = json(201, {
        ...r,
        ...paymentJson(base),
        cardPaymentData: { brand: base.brand, pointOfSaleData: { panLast4Digits: base.last4 } },
      });
      if (pan === TEST_CARDS.error500) {
        // Processed, but the answer is lost in a 500; a repeat of this operationId gets the real one.
        store.state.answers[operationId] = { status: answer.status, body: answer.body };
        return problem(500, 'Internal Server Error', 'processed, but the answer failed');
      }
      return pan === TEST_CARDS.hang ? { ...answer, delayMs: config.hangMs } : answer;
    });
  }

  function findPayment(id: string): SimCardPayment | null {
    return store.state.payments[id] ?? null;
  }

  function refund(p: SimCardPayment, body: Record<string, unknown>): SimReply {
    const operationId = typeof body.operationId === 'string' ? body.operationId : '';
    if (!operationId || typeof body.transactionTimestamp !== 'string') return problem(400, 'Bad Request', 'operationId and transactionTimestamp are required');
    const requested = body.amount === undefined ? null : readAmount(body.amount);
    if (body.amount !== undefined && !requested) return problem(400, 'Bad Request', 'amount is not valid');
    return once(operationId, () => {
      if (p.status !== 'CONFIRMED' && p.status !== 'AUTHORIZED') return problem(409, 'Conflict', `payment is ${p.status}`);
      const amount = requested ? inPaymentUnits(p, requested) : p.authorized - p.refunded;
      if (amount === null) return problem(400, 'Bad Request', 'refund amount is in another currency or not a whole unit of the payment');
      if (amount <= 0 || amount > p.authorized - p.refunded) return problem(409, 'Conflict', 'refund amount exceeds what is left to refund');
      p.refunded += amount;
      p.operations.push({ operationId, type: 'REFUND', amount, at: now(), responseCode: '0' });
      const refundId = paymentIdOf();
      (store.state.refunds ??= {})[refundId] = { refundId, paymentId: p.paymentId, operationId, amount, status: 'CONFIRMED', at: now() };
      return json(201, { ...result('0', 'Accepted or completed successfully', 'APPROVED', operationId), refund: { refundId, status: 'CONFIRMED', statusTimestamp: iso(now()), references: {} } });
    });
  }

  function reverseAuthorization(p: SimCardPayment, body: Record<string, unknown>): SimReply {
    const operationId = typeof body.operationId === 'string' ? body.operationId : '';
    if (!operationId) return problem(400, 'Bad Request', 'operationId is required');
    return once(operationId, () => {
      if (p.status !== 'AUTHORIZED' && p.status !== 'CONFIRMED') return problem(409, 'Conflict', `payment is ${p.status}`);
      const asked = readAmount(body.reversalAmount);
      const amount = (asked ? inPaymentUnits(p, asked) : null) ?? p.authorized;
      p.authorized -= Math.min(amount, p.authorized);
      if (p.authorized === 0) p.status = 'REVERSED';
      p.operations.push({ operationId, type: 'AUTHORIZATION_REVERSAL', amount, at: now(), responseCode: '0' });
      return json(201, { ...result('0', 'Accepted or completed successfully', 'APPROVED', operationId), payment: { paymentId: p.paymentId, status: p.status }, totalAuthorizedAmount: money(p, p.authorized) });
    });
  }

  /** incrementPayment (worldline.md §5): a pre-authorisation grows; only while it is still only authorised. */
  function increment(p: SimCardPayment, body: Record<string, unknown>): SimReply {
    const operationId = typeof body.operationId === 'string' ? body.operationId : '';
    const asked = readAmount(body.incrementAmount);
    if (!operationId || typeof body.transactionTimestamp !== 'string' || !asked) return problem(400, 'Bad Request', 'operationId, transactionTimestamp and incrementAmount are required');
    return once(operationId, () => {
      if (p.status !== 'AUTHORIZED') return problem(409, 'Conflict', `payment is ${p.status}`);
      const amount = inPaymentUnits(p, asked);
      if (amount === null || amount <= 0) return problem(400, 'Bad Request', 'incrementAmount is in another currency or not a whole unit of the payment');
      p.authorized += amount;
      p.amount += amount;
      p.operations.push({ operationId, type: 'INCREMENT', amount, at: now(), responseCode: '0' });
      return json(201, {
        ...result('0', 'Accepted or completed successfully', 'APPROVED', operationId),
        payment: { paymentId: p.paymentId, status: p.status, statusTimestamp: iso(now()), references: { merchantReference: p.merchantReference } },
        authorizationCode: p.authCode,
        totalAuthorizedAmount: money(p, p.authorized),
      });
    });
  }

  /** getRefund: the ApiRefundResource of a referenced refund, with its operation when asked. */
  function refundResource(refundId: string, withOps: boolean): SimReply {
    const r = store.state.refunds?.[refundId];
    const p = r ? findPayment(r.paymentId) : null;
    if (!r || !p) return problem(404, 'Not Found', `unknown refund ${refundId}`);
    return json(200, {
      refundId: r.refundId,
      referencedPaymentId: r.paymentId,
      status: r.status,
      statusTimestamp: iso(r.at),
      totalAuthorizedAmount: money(p, r.amount),
      initialAuthorizationCode: p.authCode,
      cardPaymentData: { brand: p.brand },
      references: { merchantReference: p.merchantReference },
      ...(withOps ? { operations: [{ operationId: r.operationId, operationType: 'REFUND', amount: money(p, r.amount), operationTimestamp: iso(r.at), responseCode: '0', responseCodeCategory: 'APPROVED', responseCodeDescription: 'Accepted or completed successfully' }] } : {}),
    });
  }

  function captureOf(p: SimCardPayment, body: Record<string, unknown>): SimReply {
    const operationId = typeof body.operationId === 'string' ? body.operationId : '';
    if (!operationId || typeof body.transactionTimestamp !== 'string') return problem(400, 'Bad Request', 'operationId and transactionTimestamp are required');
    const asked = body.amount === undefined ? null : readAmount(body.amount);
    return once(operationId, () => {
      if (p.status !== 'AUTHORIZED') return problem(409, 'Conflict', `payment is ${p.status}`);
      const amount = asked ? inPaymentUnits(p, asked) : p.authorized;
      if (amount === null || amount <= 0 || amount > p.authorized) return problem(400, 'Bad Request', 'capture amount is not within what was authorised');
      p.status = 'CONFIRMED';
      p.operations.push({ operationId, type: 'CAPTURE', amount, at: now(), responseCode: '0' });
      return json(201, { ...result('0', 'Accepted or completed successfully', 'APPROVED', operationId), payment: { paymentId: p.paymentId, status: p.status } });
    });
  }

  function technicalReversal(originalOperationId: string, body: Record<string, unknown>): SimReply {
    const operationId = typeof body.operationId === 'string' ? body.operationId : '';
    if (!operationId) return problem(400, 'Bad Request', 'operationId is required');
    return once(operationId, () => {
      const p = Object.values(store.state.payments).find((x) => x.operationId === originalOperationId);
      if (!p) return json(201, result('7204', 'Message stored, not forwarded: referencing unknown trx', 'APPROVED', operationId));
      if (p.status === 'AUTHORIZED' || p.status === 'CONFIRMED') {
        p.operations.push({ operationId, type: 'AUTHORIZATION_REVERSAL', amount: p.authorized, at: now(), responseCode: '0' });
        p.authorized = 0;
        p.status = 'REVERSED';
      }
      return json(201, result('0', 'Accepted or completed successfully', 'APPROVED', operationId));
    });
  }

  function route(req: http.IncomingMessage, url: URL, raw: Buffer): SimReply {
    const path = url.pathname;
    if (path === '/token' && req.method === 'POST') return issueToken(raw);
    if (config.faults.html502 > 0) {
      config.faults.html502 -= 1;
      return { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' };
    }
    if (path === '/services/v1/ping' && req.method === 'GET') return authorize(req, 'services_ping') ?? { status: 200, body: '', contentType: 'application/json' };
    const base = `/processing/v1/${acquirerId}/${merchantId}`;
    if (!path.startsWith(`${base}/`)) return { status: 404, body: 'Not Found', contentType: 'text/html' };
    const rest = path.slice(base.length);
    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8') || '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return problem(400, 'Bad Request', 'The body is not a JSON object');
      }
    }
    if (rest === '/payments' && req.method === 'POST') return authorize(req, 'processing_payment') ?? processPayment(body);
    const op = /^\/operations\/([^/]+)\/reverse$/.exec(rest);
    if (op && req.method === 'POST') return authorize(req, 'processing_operation_reverse') ?? technicalReversal(op[1]!, body);
    const rf = /^\/refunds\/([^/]+)$/.exec(rest);
    if (rf && req.method === 'GET') return authorize(req, 'processing_refund') ?? refundResource(decodeURIComponent(rf[1]!), /^true$/i.test(url.searchParams.get('returnOperations') ?? ''));
    const m = /^\/payments\/([^/]+)(\/refunds|\/authorization-reversals|\/captures|\/increments)?$/.exec(rest);
    if (!m) return problem(404, 'Not Found', `no resource at ${rest}`);
    const p = findPayment(m[1]!);
    const scope = m[2] === '/refunds' ? 'processing_refund' : 'processing_payment';
    const denied = authorize(req, scope);
    if (denied) return denied;
    if (!p) return problem(404, 'Not Found', `unknown payment ${m[1]}`);
    if (!m[2] && req.method === 'GET') {
      const withOps = /^true$/i.test(url.searchParams.get('returnOperations') ?? '');
      return json(200, {
        ...paymentJson(p),
        cardPaymentData: { brand: p.brand },
        ...(withOps ? { operations: p.operations.map((o) => ({ operationId: o.operationId, operationType: o.type, amount: money(p, o.amount), operationTimestamp: iso(o.at), responseCode: o.responseCode })) } : {}),
      });
    }
    if (m[2] === '/refunds' && req.method === 'POST') return refund(p, body);
    if (m[2] === '/authorization-reversals' && req.method === 'POST') return reverseAuthorization(p, body);
    if (m[2] === '/captures' && req.method === 'POST') return captureOf(p, body);
    if (m[2] === '/increments' && req.method === 'POST') return increment(p, body);
    return problem(405, 'Method Not Allowed', `${req.method} ${rest}`);
  }

  function configure(patch: Parameters<WorldlineSimulator['configure']>[0]): void {
    const { faults, ...rest } = patch;
    Object.assign(config, rest);
    if (faults) Object.assign(config.faults, faults);
  }

  const host = await serveSimulator({
    port: options.port,
    handle({ req, url, raw, control }) {
      if (!control) return route(req, url, raw);
      if (url.pathname === '/__sim/state') return json(200, store.state);
      if (url.pathname === '/__sim/config' && req.method === 'POST') {
        configure(JSON.parse(raw.toString('utf8') || '{}') as Parameters<WorldlineSimulator['configure']>[0]);
        return json(200, config);
      }
      if (url.pathname === '/__sim/tokens/revoke' && req.method === 'POST') {
        tokens.clear();
        return json(200, { ok: true });
      }
      return json(404, { error: 'unknown control path' });
    },
    onError: (e) => problem(500, 'Internal Server Error', `simulator error: ${e.message}`),
    latencyMs: () => config.faults.slowMs,
    defaultContentType: 'application/json',
  });
  const origin = `http://127.0.0.1:${host.port}`;

  return {
    apiUrl: origin,
    tokenUrl: `${origin}/token`,
    port: host.port,
    credentials: { clientId, clientSecret, acquirerId, merchantId },
    payment: findPayment,
    paymentByOperation: (operationId) => Object.values(store.state.payments).find((p) => p.operationId === operationId) ?? null,
    requestCount: (operationId) => store.state.requests[operationId] ?? 0,
    revokeTokens: () => tokens.clear(),
    configure,
    close: () => host.close(),
  };
}
