// The SAT client: catalogue, deposit, inquiries, signed checkout and verified order status.
// This is the folder's only public export.
import type { FieldValue } from '../../../shared/provider-fields';
import { ok, err } from '../../../shared/domain/errors';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type {
  AdviceRequest,
  BillInquiry,
  CatalogProduct,
  Delivered,
  DisplayLine,
  DistributorServices,
  PlnInquiryResult,
  PlnLookup,
  ProviderResult,
  PurchaseOutcome,
  PurchaseProvider,
  PurchaseRequest,
} from '../contract';
import type { Logger } from '../../log/logger';
import { AccountBody, ErrorBody, InquiryBody, OrderBody, ProductItem, ProductListBody, type InquiryBody as InquiryAnswer } from './schema';
import { describeErrors, failedOrderError, requestRejected, satError, UNCERTAIN } from './errors';
import { createSatTransport, signatureOf, type SatExchange, type SatTransport } from './transport';
import { createTokenCache } from './token-cache';
import { checkKeys, fingerprint, signPss, verifyPss } from './signing';
import { classifyProduct } from './products';

export { satCallbackReader, type CallbackReading } from './callback';

export type SatEndpoint = {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  privateKeyPem: string;
  satPublicKeyPem: string;
  /** The partner's id for this outlet as its downstream reseller (sat.md §4.4 `downline_id`); sent when set. */
  downlineId?: string | null;
};

export type SatTimeouts = { connectMs: number; checkoutMs: number; otherMs: number };

/** sat.md §6: about 30 s for checkout, about 10 s for everything else. */
export const DEFAULT_SAT_TIMEOUTS: SatTimeouts = { connectMs: 10_000, checkoutMs: 30_000, otherMs: 10_000 };

export type SatClient = PurchaseProvider & PlnLookup & DistributorServices;

export type SatClientOptions = {
  endpoint: SatEndpoint;
  timeouts: SatTimeouts;
  now: () => number;
  log: Logger;
  transport?: SatTransport;
};

/** Validates pasted PEMs for the settings screen; returns fingerprints, never keys. */
export function validateSatKeys(privateKeyPem: string | null, satPublicKeyPem: string | null):
  | { ok: true; privateKey: string | null; satPublicKey: string | null }
  | { ok: false; message: string; detail: string } {
  const r = checkKeys(privateKeyPem, satPublicKeyPem);
  if (!r.ok) return r;
  return { ok: true, privateKey: r.privateKey ? fingerprint(r.privateKey) : null, satPublicKey: r.satPublicKey ? fingerprint(r.satPublicKey) : null };
}

type Json = { ok: true; value: unknown } | { ok: false };

function json(ex: Extract<SatExchange, { kind: 'answer' }>): Json {
  if (!ex.contentType.includes('json')) return { ok: false };
  try {
    return ok(JSON.parse(ex.body.toString('utf8')));
  } catch {
    return { ok: false };
  }
}

function snippet(ex: Extract<SatExchange, { kind: 'answer' }>): string {
  return `HTTP ${ex.status} ${ex.contentType}: ${ex.body.toString('utf8').replace(/\s+/g, ' ').slice(0, 160)}`;
}

/** The error of a non-200 SAT answer: SAT's own `errors[]`, or a non-SAT (proxy, firewall) page. */
function errorOf(ex: Extract<SatExchange, { kind: 'answer' }>): { code: string | null; detail: string } | null {
  const j = json(ex);
  if (!j.ok) return null;
  const e = ErrorBody.safeParse(j.value);
  return e.success ? describeErrors(e.data) : null;
}

const lineValue = (lines: readonly DisplayLine[], pattern: RegExp): string | null => lines.find((l) => pattern.test(l.name))?.value ?? null;

const uncertain = (detail: string, acknowledged: boolean, notFound = false, code: string | null = null): PurchaseOutcome => ({
  kind: 'uncertain',
  notFound,
  acknowledged,
  error: satError('provider_timeout', UNCERTAIN, detail, code),
});

function delivered(order: OrderBody): Delivered {
  const a = order.data.attributes;
  const lines = a.fulfillment_result ?? [];
  return {
    token: null,
    kwh: lineValue(lines, /kwh/i),
    serialNumber: a.serial_number || null,
    voucherCode: a.voucher_code || null,
    payRef: null,
    adviceRef: null,
    vendorTime: a.fulfilled_at ?? null,
    chargedAmount: a.sales_price,
    customerName: a.client_name || null,
    tariffPower: lineValue(lines, /tarif|daya/i),
    lines,
    taxes: null,
    providerCode: a.status,
  };
}

export function createSatClient(options: SatClientOptions): SatClient {
  const { endpoint, timeouts } = options;
  const privateKey: KeyObject = createPrivateKey(endpoint.privateKeyPem);
  const satPublicKey: KeyObject = createPublicKey(endpoint.satPublicKeyPem);
  const tokens = createTokenCache({
    tokenUrl: endpoint.tokenUrl,
    clientId: endpoint.clientId,
    clientSecret: endpoint.clientSecret,
    now: options.now,
    connectTimeoutMs: timeouts.connectMs,
    timeoutMs: timeouts.otherMs,
  });
  const transport = options.transport ?? createSatTransport({ baseUrl: endpoint.baseUrl, tokens, connectTimeoutMs: timeouts.connectMs, log: options.log });

  /** A read (nothing is placed): every failure is simply "could not ask, try again". */
  async function read<T>(path: string, parse: (body: unknown) => T | null, body?: unknown): Promise<ProviderResult<T>> {
    const r = await transport(body === undefined ? { method: 'GET', path, timeoutMs: timeouts.otherMs } : { method: 'POST', path, body: Buffer.from(JSON.stringify(body)), timeoutMs: timeouts.otherMs });
    if (!r.ok) return r;
    const ex = r.value;
    if (ex.kind !== 'answer') return err(satError('provider_unavailable', 'Tidak bisa menghubungi SAT. Periksa koneksi, lalu coba lagi.', ex.detail, null));
    if (ex.status === 200) {
      const j = json(ex);
      const value = j.ok ? parse(j.value) : null;
      return value === null ? err(satError('provider_bad_response', 'Jawaban SAT tidak bisa dibaca.', snippet(ex), null)) : { ok: true, value };
    }
    if (ex.status === 401) return err(satError('provider_auth', 'Akses ke SAT ditolak. Periksa Client ID dan secret.', snippet(ex), null));
    const e = errorOf(ex);
    if (ex.status === 400 && e) return err(requestRejected(e.code, e.detail));
    return err(satError('provider_unavailable', 'SAT belum bisa melayani. Coba lagi sebentar lagi.', e?.detail ?? snippet(ex), e?.code ?? null));
  }

  /** What every inquiry and order carries besides the product: its extra inputs and the outlet's downline id, when there are any. */
  function extras(fields: readonly FieldValue[] | undefined): Record<string, unknown> {
    return {
      ...(fields && fields.length > 0 ? { fields: fields.map((f) => ({ name: f.name, value: f.value })) } : {}),
      ...(endpoint.downlineId ? { downline_id: endpoint.downlineId } : {}),
    };
  }

  async function inquire(productCode: string, customerNumber: string, fields?: readonly FieldValue[]): Promise<ProviderResult<InquiryAnswer>> {
    return read('v2/inquiry', (b) => {
      const p = InquiryBody.safeParse(b);
      return p.success ? p.data : null;
    }, { data: { type: 'inquiry', attributes: { product_code: productCode, client_number: customerNumber, ...extras(fields) } } });
  }

  async function purchase(req: PurchaseRequest): Promise<PurchaseOutcome> {
    const attributes: Record<string, unknown> = { product_code: req.providerProduct, client_number: req.customerNumber };
    if (req.amount > 0) attributes.amount = req.amount;
    Object.assign(attributes, extras(req.fields));
    // Serialised once; these exact bytes are signed and sent (sat.md §7.2).
    const body = Buffer.from(JSON.stringify({ data: { type: 'order', id: req.ref, attributes } }));
    const r = await transport({ method: 'POST', path: 'v2/order', body, signature: signPss(body, privateKey), timeoutMs: timeouts.checkoutMs });
    if (!r.ok) return { kind: 'failed', confirm: false, error: r.error };
    const ex = r.value;
    if (ex.kind === 'not_sent') return { kind: 'failed', confirm: false, error: satError('provider_unavailable', 'Tidak bisa menghubungi SAT. Periksa koneksi, lalu coba lagi.', ex.detail, null) };
    if (ex.kind === 'lost') return uncertain(ex.detail, false);
    if (ex.status === 200) {
      // Not signed: SAT holds the order, but only the signed status may deliver goods or fail it.
      const j = json(ex);
      const order = j.ok ? OrderBody.safeParse(j.value) : null;
      return uncertain(order?.success ? `SAT order ${order.data.data.attributes.status} (unsigned checkout answer)` : snippet(ex), true, false, 'Pending');
    }
    if (ex.status === 401) return { kind: 'failed', confirm: false, error: satError('provider_auth', 'Akses ke SAT ditolak. Periksa Client ID dan secret.', snippet(ex), null) };
    const e = errorOf(ex);
    if (ex.status === 400 && e) {
      if (e.code === 'P03') return uncertain(`SAT P03 duplicate request id: the first checkout landed (${e.detail})`, true, false, 'P03');
      return { kind: 'failed', confirm: false, error: requestRejected(e.code, e.detail) };
    }
    // S00 or a proxy's page: the order may or may not exist.
    return uncertain(e ? `SAT ${e.code ?? '?'}: ${e.detail}` : snippet(ex), false, false, e?.code ?? null);
  }

  async function advise(req: AdviceRequest): Promise<PurchaseOutcome> {
    const r = await transport({ method: 'GET', path: `v2/order/${encodeURIComponent(req.ref)}`, timeoutMs: timeouts.otherMs });
    if (!r.ok) return uncertain(r.error.detail, false);
    const ex = r.value;
    if (ex.kind !== 'answer') return uncertain(ex.detail, false);
    if (ex.status === 200) {
      const signature = signatureOf(ex);
      if (!signature || !verifyPss(ex.body, signature, satPublicKey)) {
        options.log.error('sat.bad_signature', { ref: req.ref, signature: signature ? 'invalid' : 'missing' });
        return uncertain(`SAT status answer rejected: ${signature ? 'invalid' : 'missing'} signature`, false);
      }
      const j = json(ex);
      const order = j.ok ? OrderBody.safeParse(j.value) : null;
      if (!order?.success || order.data.data.id !== req.ref) return uncertain(`SAT status answer unreadable: ${snippet(ex)}`, false);
      const a = order.data.data.attributes;
      if (a.status === 'Success') return { kind: 'success', delivered: delivered(order.data) };
      if (a.status === 'Failed') return { kind: 'failed', confirm: false, error: failedOrderError(a.error_code ?? '', a.error_detail ?? '') };
      return uncertain('SAT order Pending', true, false, 'Pending');
    }
    const e = errorOf(ex);
    if (ex.status === 400 && e?.code === 'P02') return uncertain(`SAT P02: ${e.detail}`, false, true, 'P02');
    return uncertain(e ? `SAT ${e.code ?? '?'}: ${e.detail}` : snippet(ex), false);
  }

  async function inquirePln(req: { ref: string; customerNumber: string; providerProduct: string }): Promise<ProviderResult<PlnInquiryResult>> {
    const r = await inquire(req.providerProduct, req.customerNumber);
    if (!r.ok) return r;
    const a = r.value.data.attributes;
    const lines = a.inquiry_result ?? [];
    return {
      ok: true,
      value: {
        meterNumber: a.meter_id || (req.customerNumber.length === 11 ? req.customerNumber : ''),
        idpel: lineValue(lines, /^id\s*pel|^idpel/i) ?? (req.customerNumber.length === 12 ? req.customerNumber : ''),
        name: a.client_name,
        tariffPower: lineValue(lines, /tarif|daya/i) ?? '',
        inquiryRef: null,
        providerAdmin: a.admin_fee,
        unsoldTokens: 0,
      },
    };
  }

  async function inquireBill(req: { ref: string; productCode: string; customerNumber: string; fields?: FieldValue[] }): Promise<ProviderResult<BillInquiry>> {
    const r = await inquire(req.productCode, req.customerNumber, req.fields);
    if (!r.ok) return r;
    const a = r.value.data.attributes;
    return {
      ok: true,
      value: {
        customerName: a.client_name,
        customerNumber: a.client_number,
        baseAmount: a.base_price,
        adminFee: a.admin_fee,
        salesPrice: a.sales_price,
        lines: a.inquiry_result ?? [],
        meterId: a.meter_id ?? '',
        inquiryRef: null,
      },
    };
  }

  async function listProducts(codes?: readonly string[]): Promise<ProviderResult<CatalogProduct[]>> {
    const query = codes && codes.length > 0 ? `?product_code=${codes.map(encodeURIComponent).join(',')}` : '';
    return read(`v2/product-list${query}`, (b) => {
      const p = ProductListBody.safeParse(b);
      if (!p.success) return null;
      const products: CatalogProduct[] = [];
      for (const raw of p.data.data) {
        const item = ProductItem.safeParse(raw);
        if (!item.success) {
          options.log.warn('sat.product_unreadable', { item: JSON.stringify(raw).slice(0, 160) });
          continue;
        }
        const s = item.data.attributes.status;
        // A status SAT never published: kept, but not sold until it is one Loket knows.
        if (s !== 1 && s !== 2 && s !== 3) options.log.warn('sat.product_status_unknown', { code: item.data.id, status: s });
        products.push(classifyProduct(item.data));
      }
      return products;
    });
  }

  async function balance(): Promise<ProviderResult<number>> {
    return read('v2/account', (b) => {
      const p = AccountBody.safeParse(b);
      return p.success ? p.data.data.attributes.saldo : null;
    });
  }

  // A re-sent checkout with the same request_id is refused with P03: it can never order twice.
  return { name: 'sat', resendSafe: true, purchase, advise, inquirePln, inquireBill, listProducts, balance };
}

