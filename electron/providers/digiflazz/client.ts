// The Digiflazz buyer client (digiflazz.md): PLN tokens, pulsa/data/e-money and bills through
// `/v1/transaction`, the meter check, the price lists, the deposit, and the webhook check.
// Idempotency is the ref_id: the same request re-sent is the status check (§3.5), so an uncertain
// purchase is resolved by sending exactly it again — never under a new ref_id, never past 90 days.
// This and descriptor.ts are the folder's public exports.
import { ok, err } from '../../../shared/domain/errors';
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
import { createExchange, jsonOf, snippetOf, type Exchange, type ExchangeFn } from '../http/exchange';
import { BalanceData, BillDesc, Envelope, PascaItem, PlnInquiryData, PrepaidItem, RcOnly, TransactionData } from './schema';
import { digiflazzError, failureOf, rcClass, UNCERTAIN } from './errors';
import { signFor, webhookSignatureValid } from './signing';
import { pascaProduct, prepaidProduct } from './products';

export type DigiflazzEndpoint = {
  /** `https://api.digiflazz.com/v1` (§1.1). */
  baseUrl: string;
  username: string;
  apiKey: string;
  /** Development keys need `testing: true` on transactions (§1.4). */
  testing: boolean;
};

export type DigiflazzTimeouts = { connectMs: number; transactionMs: number; otherMs: number };

/** Libraries use 10–30 s (§6.2); a purchase may take the longer end. */
export const DEFAULT_DIGIFLAZZ_TIMEOUTS: DigiflazzTimeouts = { connectMs: 10_000, transactionMs: 30_000, otherMs: 10_000 };

/** Past 90 days a re-sent ref_id makes a NEW purchase (§3.5): stop re-querying well before. */
export const REQUERY_HORIZON_MS = 85 * 86_400_000;

export type DigiflazzClient = PurchaseProvider & PlnLookup & DistributorServices;

export type DigiflazzClientOptions = {
  endpoint: DigiflazzEndpoint;
  timeouts: DigiflazzTimeouts;
  now: () => number;
  log: Logger;
  /** Where this purchase's webhook should go (`cb_url`), or null for the panel's URL. */
  callbackUrl?: () => string | null;
  exchange?: ExchangeFn;
};

type Answer = Extract<Exchange, { kind: 'answer' }>;

/** `data` of any answer whatever its HTTP status (§4.2), or null. */
function dataOf(ex: Answer): unknown {
  const env = Envelope.safeParse(jsonOf(ex));
  return env.success ? env.data.data : null;
}

const uncertain = (detail: string, acknowledged: boolean, code: string | null, notFound = false): PurchaseOutcome => ({
  kind: 'uncertain',
  notFound,
  acknowledged,
  error: digiflazzError('provider_timeout', UNCERTAIN, detail, code),
});

const UNREACHABLE = 'Tidak bisa menghubungi Digiflazz. Periksa koneksi, lalu coba lagi.';

/** A PLN token in `sn`: the first 20 digits of its first segment ("1234-5678-…/NAMA/R1/1300/32.1"). */
export function tokenOf(sn: string): { token: string | null; kwh: string | null; name: string | null; tariff: string | null } {
  const parts = sn.split('/');
  const digits = (parts[0] ?? '').replace(/[\s-]/g, '');
  const token = /^\d{20}$/.test(digits) ? digits : null;
  const kwh = parts.length >= 5 && /^\d+([.,]\d+)?$/.test(parts[4]!.trim()) ? parts[4]!.trim() : null;
  return { token, kwh, name: parts[1]?.trim() || null, tariff: parts.length >= 4 ? `${parts[2]!.trim()}/${parts[3]!.trim()} VA` : null };
}

function billLines(d: TransactionData): DisplayLine[] {
  const lines: DisplayLine[] = [];
  if (d.customer_name) lines.push({ name: 'Nama', value: d.customer_name });
  const desc = BillDesc.safeParse(d.desc);
  if (desc.success) {
    const x = desc.data;
    if (x.tarif) lines.push({ name: 'Tarif/Daya', value: x.daya !== undefined ? `${x.tarif}/${x.daya} VA` : x.tarif });
    if (x.alamat) lines.push({ name: 'Alamat', value: x.alamat });
    if (x.jumlah_peserta) lines.push({ name: 'Jumlah peserta', value: x.jumlah_peserta });
    if (x.lembar_tagihan !== undefined) lines.push({ name: 'Lembar tagihan', value: String(x.lembar_tagihan) });
    for (const p of x.detail ?? []) {
      const amount = (p.nilai_tagihan ?? 0) + (p.denda ?? 0) + (p.biaya_lain ?? 0);
      lines.push({ name: `Periode ${p.periode ?? ''}`.trim(), value: `Rp ${new Intl.NumberFormat('id-ID').format(amount)}` });
    }
    if (x.jatuh_tempo) lines.push({ name: 'Jatuh tempo', value: x.jatuh_tempo });
  }
  return lines;
}

function delivered(d: TransactionData, kind: PurchaseRequest['kind']): Delivered {
  const sn = d.sn ?? '';
  const t = kind === 'pln_prepaid' ? tokenOf(sn) : null;
  return {
    token: t?.token ?? null,
    kwh: t?.kwh ?? null,
    serialNumber: sn || null,
    voucherCode: null,
    payRef: null,
    adviceRef: null,
    vendorTime: null,
    chargedAmount: d.price ?? null,
    customerName: d.customer_name ?? t?.name ?? null,
    tariffPower: t?.tariff ?? null,
    lines: kind === 'bill' ? billLines(d) : sn ? [{ name: kind === 'pln_prepaid' ? 'Token' : 'SN', value: sn.split('/')[0]! }] : [],
    taxes: null,
    providerCode: d.rc,
  };
}

export function createDigiflazzClient(options: DigiflazzClientOptions): DigiflazzClient {
  const { endpoint, timeouts } = options;
  const exchange = options.exchange ?? createExchange({ provider: 'digiflazz', log: options.log });
  const url = (path: string): URL => new URL(`${endpoint.baseUrl.replace(/\/+$/, '')}/${path}`);
  const sign = (suffix: string): string => signFor(endpoint.username, endpoint.apiKey, suffix);

  function post(path: string, body: Record<string, unknown>, timeoutMs: number): Promise<Exchange> {
    return exchange({
      url: url(path),
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: Buffer.from(JSON.stringify(body)),
      connectTimeoutMs: timeouts.connectMs,
      timeoutMs,
      label: path,
    });
  }

  /** A read (nothing bought): any failure is "could not ask, try again"; an rc other than 00 is the refusal. */
  async function read<T>(path: string, body: Record<string, unknown>, parse: (data: unknown) => T | null): Promise<ProviderResult<T>> {
    const ex = await post(path, body, timeouts.otherMs);
    if (ex.kind !== 'answer') return err(digiflazzError('provider_unavailable', UNREACHABLE, ex.detail, null));
    const data = dataOf(ex);
    const refused = RcOnly.safeParse(data);
    if (refused.success && refused.data.rc !== '00') return err(failureOf(refused.data.rc, refused.data.message));
    const value = data === null ? null : parse(data);
    if (value === null) return err(digiflazzError('provider_bad_response', 'Jawaban Digiflazz tidak bisa dibaca.', snippetOf(ex), null));
    return { ok: true, value };
  }

  function transactionBody(req: PurchaseRequest, commands: 'pay-pasca' | 'status-pasca' | null): Record<string, unknown> {
    // Bills are paid (and asked after) under the inquiry's ref_id (§3.7).
    const ref = commands ? (req.inquiryRef ?? req.ref) : req.ref;
    const body: Record<string, unknown> = {
      ...(commands ? { commands } : {}),
      username: endpoint.username,
      buyer_sku_code: req.providerProduct,
      customer_no: req.customerNumber,
      ref_id: ref,
      sign: sign(ref),
    };
    if (endpoint.testing && commands !== 'status-pasca') body.testing = true;
    if (!commands && req.maxCost > 0) body.max_price = req.maxCost;
    const cb = commands === 'status-pasca' ? null : (options.callbackUrl?.() ?? null);
    if (cb) body.cb_url = cb;
    return body;
  }

  /** One /transaction exchange → the money path's outcome. `requery`: this is a status check. */
  async function transact(req: PurchaseRequest, commands: 'pay-pasca' | 'status-pasca' | null, requery: boolean): Promise<PurchaseOutcome> {
    const ex = await post('transaction', transactionBody(req, commands), requery ? timeouts.otherMs : timeouts.transactionMs);
    if (ex.kind === 'not_sent') {
      if (requery) return uncertain(ex.detail, false, null);
      return { kind: 'failed', confirm: false, error: digiflazzError('provider_unavailable', UNREACHABLE, ex.detail, null) };
    }
    if (ex.kind === 'lost') return uncertain(ex.detail, false, null);
    const parsed = TransactionData.safeParse(dataOf(ex));
    // No rc to read (a proxy's page, garbage, a 5xx): the outcome is unknown (§4.2).
    if (!parsed.success) return uncertain(`Digiflazz answer without rc: ${snippetOf(ex)}`, false, null);
    const d = parsed.data;
    const expectedRef = commands ? (req.inquiryRef ?? req.ref) : req.ref;
    if (d.ref_id !== undefined && d.ref_id !== expectedRef) return uncertain(`Digiflazz answered for ref_id ${d.ref_id}, not ${expectedRef}`, false, d.rc);
    const cls = rcClass(d.rc);
    const detail = `Digiflazz rc ${d.rc} ${d.status}: ${d.message}`;
    switch (cls) {
      case 'S':
        return { kind: 'success', delivered: delivered(d, req.kind) };
      case 'P':
        // 03/99 pending (the deposit already holds it); any unlisted code: unknown, never failed.
        return uncertain(detail, d.rc === '03' || d.rc === '99', d.rc);
      case 'X':
        // 49: this ref_id is taken (by this very sale, or another connection): find out by status.
        return uncertain(detail, false, d.rc);
      case 'FY':
        if (requery && (d.rc === '85' || d.rc === '86')) return uncertain(`${detail} (rate limit on a status check)`, false, d.rc);
        if (commands === 'status-pasca' && d.rc === '50') return uncertain(detail, false, d.rc, true);
        return { kind: 'failed', confirm: false, error: failureOf(d.rc, d.message) };
      case 'FN':
        // Nothing was made — but a refused status check proves nothing about the purchase.
        if (requery) return uncertain(detail, false, d.rc);
        return { kind: 'failed', confirm: false, error: failureOf(d.rc, d.message) };
    }
  }

  async function purchase(req: PurchaseRequest): Promise<PurchaseOutcome> {
    return transact(req, req.kind === 'bill' ? 'pay-pasca' : null, false);
  }

  async function advise(req: AdviceRequest): Promise<PurchaseOutcome> {
    const p = req.purchase;
    if (p.kind !== 'bill' && req.firstSentAt !== null && options.now() - req.firstSentAt > REQUERY_HORIZON_MS) {
      // Re-sending now would be a new purchase (§3.5): a person decides.
      return uncertain('Digiflazz: older than the re-query horizon; a re-sent ref_id would buy again', false, 'horizon');
    }
    return transact(p, p.kind === 'bill' ? 'status-pasca' : null, true);
  }

  async function inquirePln(req: { ref: string; customerNumber: string; providerProduct: string }): Promise<ProviderResult<PlnInquiryResult>> {
    return read('inquiry-pln', { username: endpoint.username, customer_no: req.customerNumber, sign: sign(req.customerNumber) }, (data) => {
      const p = PlnInquiryData.safeParse(data);
      if (!p.success) return null;
      const d = p.data;
      const seg = /^([A-Z0-9-]+)\s*\/\s*0*(\d+)$/.exec(d.segment_power ?? '');
      return {
        meterNumber: d.meter_no ?? (req.customerNumber.length === 11 ? req.customerNumber : ''),
        idpel: d.subscriber_id ?? (req.customerNumber.length === 12 ? req.customerNumber : ''),
        name: d.name ?? '',
        tariffPower: seg ? `${seg[1]}/${seg[2]} VA` : (d.segment_power ?? ''),
        inquiryRef: null,
        providerAdmin: 0,
        unsoldTokens: 0,
      };
    });
  }

  async function inquireBill(req: { ref: string; productCode: string; customerNumber: string }): Promise<ProviderResult<BillInquiry>> {
    const body: Record<string, unknown> = { commands: 'inq-pasca', username: endpoint.username, buyer_sku_code: req.productCode, customer_no: req.customerNumber, ref_id: req.ref, sign: sign(req.ref) };
    if (endpoint.testing) body.testing = true;
    return read('transaction', body, (data) => {
      const p = TransactionData.safeParse(data);
      if (!p.success || p.data.price === undefined || p.data.selling_price === undefined) return null;
      const d = p.data;
      // The bills themselves (with fines) are selling_price less Digiflazz's admin; what the deposit
      // pays (price) is the bills plus the admin net of the buyer's commission (§3.7). Loket books
      // that net as the provider's admin, so bills + admin = cost, and adds its own margin on top.
      const bills = d.selling_price! - (d.admin ?? 0);
      return {
        customerName: d.customer_name ?? '',
        customerNumber: d.customer_no ?? req.customerNumber,
        baseAmount: bills,
        adminFee: Math.max(0, d.price! - bills),
        salesPrice: d.price!,
        lines: billLines(d),
        meterId: '',
        inquiryRef: req.ref,
      };
    });
  }

  const lastFull: { prepaid?: number; pasca?: number } = {};

  async function listProducts(codes?: readonly string[]): Promise<ProviderResult<CatalogProduct[]>> {
    const list = async (cmd: 'prepaid' | 'pasca', code?: string): Promise<ProviderResult<CatalogProduct[]>> =>
      read('price-list', { cmd, username: endpoint.username, ...(code ? { code } : {}), sign: sign('pricelist') }, (data) => {
        if (!Array.isArray(data)) return null;
        const out: CatalogProduct[] = [];
        for (const item of data) {
          const parsed = cmd === 'prepaid' ? PrepaidItem.safeParse(item) : PascaItem.safeParse(item);
          // An item Loket cannot read is left out, not the whole list.
          if (!parsed.success) continue;
          out.push(cmd === 'prepaid' ? prepaidProduct(parsed.data as PrepaidItem, options.now()) : pascaProduct(parsed.data as PascaItem));
        }
        return out;
      });
    if (!codes || codes.length === 0) {
      // Both lists, one after the other, the one fetched longest ago first: if Digiflazz's 5-minute
      // limit covers both lists (§8 q10), the second is refused now and fetched first next time.
      // What arrived is returned; Loket retires only products of the kinds a list covered.
      const order: ('prepaid' | 'pasca')[] = (lastFull.prepaid ?? 0) <= (lastFull.pasca ?? 0) ? ['prepaid', 'pasca'] : ['pasca', 'prepaid'];
      const got: CatalogProduct[] = [];
      for (const [i, cmd] of order.entries()) {
        const r = await list(cmd);
        if (!r.ok) {
          if (i === 0 || r.error.providerCode !== '83') return r;
          options.log.info('digiflazz.price_list_deferred', { cmd });
          break;
        }
        lastFull[cmd] = options.now();
        got.push(...r.value);
      }
      return ok(got);
    }
    const out: CatalogProduct[] = [];
    for (const code of codes) {
      const pre = await list('prepaid', code);
      if (!pre.ok) return pre;
      if (pre.value.length > 0) {
        out.push(...pre.value);
        continue;
      }
      const post = await list('pasca', code);
      if (!post.ok) return post;
      out.push(...post.value);
    }
    return ok(out);
  }

  async function balance(): Promise<ProviderResult<number>> {
    return read('cek-saldo', { cmd: 'deposit', username: endpoint.username, sign: sign('depo') }, (data) => {
      const p = BalanceData.safeParse(data);
      return p.success ? p.data.deposit : null;
    });
  }

  // Not resend-safe in Loket's sense: the status check itself re-sends the same ref_id (§3.5).
  return { name: 'digiflazz', resendSafe: false, purchase, advise, inquirePln, inquireBill, listProducts, balance };
}

/**
 * A webhook (§5): only a hint. Its signature is checked over the raw bytes; a valid one names the
 * ref_id whose sale Loket then asks about with the same request — the body never settles a sale.
 */
export function digiflazzWebhookReader(secret: string): (raw: Buffer, signature: string | undefined) => { refId: string } | null {
  return (raw, signature) => {
    if (!webhookSignatureValid(raw, signature, secret)) return null;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return null;
    }
    const env = Envelope.safeParse(parsed);
    const d = env.success ? TransactionData.safeParse(env.data.data) : null;
    return d?.success && d.data.ref_id ? { refId: d.data.ref_id } : null;
  };
}
