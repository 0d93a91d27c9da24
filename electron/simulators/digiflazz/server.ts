// The Digiflazz buyer API simulator (digiflazz.md §7): one POST transport with `{"data": …}`
// answers, MD5 signs per call, a deposit ledger, price lists with product states, prepaid
// purchases whose `ref_id` re-sent *is* the status check, postpaid inquiry/pay/status under one
// `ref_id`, pending that settles later with signed webhooks, and the lost-answer faults.
// Training mode and the tests use it; it shares no code with the Digiflazz client.
import http from 'node:http';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { serveSimulator, type SimReply } from '../http-host';
import { openJsonStore } from '../json-store';
import { simPasca, simPrepaid, type SimPasca, type SimPrepaid } from './catalog';
import { billOf, fateOf, plnCustomer, tokenFor, type Fate } from './customers';

export type DigiflazzSimConfig = {
  /** Pending → final after this long. */
  settleMs: number;
  /** How long a hanging answer (…0408) waits: past the client's timeout. */
  hangMs: number;
  /** HTTP status of request-level refusals (rc 40–49, 6x, 8x): 400 as observed, or 200 (§4.2). */
  errorStatus: 400 | 200;
  /** The dev-key trap (§1.4): a development-key call to /transaction without `testing: true` → rc 41. */
  devKeyNeedsTesting: boolean;
  /**
   * The full price list at most once per 5 minutes (rc 83), under either reading of §8 q10: each
   * list (`cmd` prepaid, pasca) on its own clock, or one clock shared by both; or no limit.
   */
  priceListLimit: 'per_cmd' | 'shared' | 'off';
  /** A re-query of the same ref_id within 60 s is refused with rc 85 (§6.4), off by default. */
  minRecheckMs: number;
  /** Past this age a re-sent ref_id makes a NEW transaction (the documented 90-day trap). */
  horizonMs: number;
  /** Same ref_id with another SKU or number: rc 49 (default) or the stored transaction. */
  refConflict: 'rc49' | 'stored';
  /** Where webhooks go (loopback only); null: none. Signed when `webhookSecret` is set. */
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** Webhook faults: each delivery twice; a wrong signature; `\/` in the body. */
  webhookFault: { duplicate: boolean; badSignature: boolean; escapedSlashes: boolean };
  /** A Sukses turned into Gagal rc 74 (refund) with an update webhook, this long after success; 0: never. */
  reversalMs: number;
};

export type DigiflazzSimOptions = {
  port?: number;
  username?: string;
  devKey?: string;
  prodKey?: string;
  statePath?: string | null;
  deposit?: number;
  now?: () => number;
  config?: Partial<DigiflazzSimConfig>;
};

export type SimTrx = {
  ref_id: string;
  kind: 'prepaid' | 'pasca';
  buyer_sku_code: string;
  customer_no: string;
  status: 'Sukses' | 'Pending' | 'Gagal';
  rc: string;
  message: string;
  sn: string;
  price: number;
  debited: boolean;
  createdAt: number;
  settleAt: number | null;
  settleTo: 'Sukses' | 'Gagal' | null;
  cbUrl: string | null;
  lastCheckAt: number;
  pasca: null | { customer_name: string; admin: number; selling_price: number; desc: Record<string, unknown> };
};

type SimInquiry = { ref_id: string; sku: string; customer_no: string; day: string; customer_name: string; admin: number; price: number; selling_price: number; desc: Record<string, unknown> };

type State = { deposit: number; deposited: boolean; trx: Record<string, SimTrx>; inquiries: Record<string, SimInquiry>; lastFullList: Record<string, number> };

export type DigiflazzSimulator = {
  baseUrl: string;
  port: number;
  credentials: { username: string; apiKey: string; webhookSecret: string };
  transactions(): SimTrx[];
  /** How many /transaction requests (purchase or re-query) carried this ref_id. */
  requestCount(refId: string): number;
  /** How many webhook deliveries were attempted. */
  webhookCount(): number;
  deposit(): number;
  setDeposit(amount: number): void;
  configure(patch: Partial<DigiflazzSimConfig>): void;
  /** Settles pending transactions now (tests step time with this instead of waiting). */
  settleAll(): void;
  close(): Promise<void>;
};

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
const json = (status: number, value: unknown): SimReply => ({ status, body: JSON.stringify(value), contentType: 'application/json' });
const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

const REFUSALS: Record<string, string> = {
  '40': 'Payload Error',
  '41': 'Signature Anda salah',
  '42': 'Gagal memproses API Buyer',
  '43': 'SKU tidak di temukan atau Non-Aktif',
  '44': 'Saldo tidak cukup',
  '49': 'Ref ID tidak unik',
  '61': 'Belum pernah melakukan deposit',
  '68': 'Stok habis',
  '69': 'Harga seller lebih besar dari ketentuan harga Buyer',
  '83': 'Anda telah mencapai limitasi pengecekan pricelist',
  '85': 'Limitasi transaksi',
};

/** "HH:MM" in WIB (UTC+7), the cut-off windows' zone (Inference in §3.2). */
function wibMinutes(ms: number): number {
  const d = new Date(ms + 7 * 3_600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}
const wibDay = (ms: number): string => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

function inCutOff(p: SimPrepaid, now: number): boolean {
  if (p.start_cut_off === p.end_cut_off) return false;
  const [a, b] = [p.start_cut_off, p.end_cut_off].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) as [number, number];
  const m = wibMinutes(now);
  return a < b ? m >= a && m < b : m >= a || m < b;
}

export async function startDigiflazzSimulator(options: DigiflazzSimOptions = {}): Promise<DigiflazzSimulator> {
  const username = options.username ?? 'loketlatihan';
  const devKey = options.devKey ?? `dev-${randomBytes(16).toString('hex')}`;
  const prodKey = options.prodKey ?? randomBytes(16).toString('hex');
  const now = options.now ?? Date.now;
  const prepaid = simPrepaid();
  const pasca = simPasca();
  const store = openJsonStore<State>(options.statePath ?? null, () => ({ deposit: options.deposit ?? 50_000_000, deposited: true, trx: {}, inquiries: {}, lastFullList: {} }));
  const config: DigiflazzSimConfig = {
    settleMs: 3_000,
    hangMs: 40_000,
    errorStatus: 400,
    devKeyNeedsTesting: false,
    priceListLimit: 'per_cmd',
    minRecheckMs: 0,
    horizonMs: 90 * 86_400_000,
    refConflict: 'rc49',
    webhookUrl: null,
    webhookSecret: 'loket-webhook-secret',
    webhookFault: { duplicate: false, badSignature: false, escapedSlashes: false },
    reversalMs: 0,
    ...options.config,
  };
  const requests = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const deliveries = new Set<http.ClientRequest>();
  let webhooks = 0;

  const refusal = (rc: string, extra: Record<string, unknown> = {}): SimReply =>
    json(config.errorStatus, { data: { ...extra, rc, message: REFUSALS[rc] ?? 'Transaksi Gagal', status: 'Gagal' } });

  /** Which key signed it, if any (§2.1: md5 of username + key + suffix, lower-case hex). */
  function signedWith(sign: unknown, suffix: string): 'dev' | 'prod' | null {
    if (typeof sign !== 'string' || sign.length !== 32) return null;
    const eq = (key: string): boolean => timingSafeEqual(Buffer.from(sign), Buffer.from(md5(`${username}${key}${suffix}`)));
    return eq(prodKey) ? 'prod' : eq(devKey) ? 'dev' : null;
  }

  function trxBody(t: SimTrx): Record<string, unknown> {
    const base: Record<string, unknown> = { ref_id: t.ref_id, customer_no: t.customer_no, buyer_sku_code: t.buyer_sku_code };
    if (t.pasca && t.status !== 'Gagal') Object.assign(base, { customer_name: t.pasca.customer_name, admin: t.pasca.admin });
    Object.assign(base, { message: t.message, status: t.status, rc: t.rc, sn: t.sn, buyer_last_saldo: store.state.deposit, price: t.price });
    if (t.pasca && t.status !== 'Gagal') Object.assign(base, { selling_price: t.pasca.selling_price, desc: t.pasca.desc });
    if (!t.pasca) Object.assign(base, { tele: '@loketlatihan', wa: '081200000000' });
    return base;
  }

  function deliver(t: SimTrx, event: 'create' | 'update'): void {
    const target = t.cbUrl ?? config.webhookUrl;
    if (!target) return;
    let body = JSON.stringify({ data: trxBody(t) });
    if (config.webhookFault.escapedSlashes) body = body.replace(/\//g, '\\/');
    const bytes = Buffer.from(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': t.kind === 'pasca' ? 'DigiFlazz-Pasca-Hookshot/1.0' : 'DigiFlazz-Hookshot/1.0',
      'x-digiflazz-event': event,
      'x-digiflazz-delivery': randomBytes(16).toString('hex'),
      'content-length': String(bytes.length),
    };
    if (config.webhookSecret) {
      const key = config.webhookFault.badSignature ? `${config.webhookSecret}x` : config.webhookSecret;
      headers['x-hub-signature'] = `sha1=${createHmac('sha1', key).update(bytes).digest('hex')}`;
    }
    for (let i = 0; i < (config.webhookFault.duplicate ? 2 : 1); i++) {
      webhooks++;
      const req = http.request(new URL(target), { method: 'POST', headers });
      deliveries.add(req);
      req.on('response', (res) => res.resume());
      req.on('close', () => deliveries.delete(req));
      req.on('error', () => deliveries.delete(req));
      req.end(bytes);
    }
  }

  function schedule(t: SimTrx): void {
    if (t.settleAt === null) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      settle(t.ref_id);
    }, Math.max(0, t.settleAt - now()));
    timers.add(timer);
  }

  function settle(ref: string): void {
    const t = store.state.trx[ref];
    if (!t || t.status !== 'Pending' || t.settleTo === null) return;
    if (t.settleTo === 'Sukses') {
      Object.assign(t, { status: 'Sukses', rc: '00', message: 'Transaksi Sukses', sn: snFor(t) });
    } else {
      if (t.debited) store.state.deposit += t.price;
      Object.assign(t, { status: 'Gagal', rc: '02', message: 'Transaksi Gagal', debited: false, sn: '' });
    }
    t.settleAt = null;
    t.settleTo = null;
    store.save();
    deliver(t, 'update');
    if (t.rc === '00' && config.reversalMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (t.status !== 'Sukses') return;
        if (t.debited) store.state.deposit += t.price;
        Object.assign(t, { status: 'Gagal', rc: '74', message: 'Transaksi Refund', debited: false });
        store.save();
        deliver(t, 'update');
      }, config.reversalMs);
      timers.add(timer);
    }
  }

  function snFor(t: SimTrx): string {
    if (t.pasca) return `S${md5(t.ref_id).slice(0, 10).toUpperCase()}N`;
    const p = prepaid.find((x) => x.buyer_sku_code === t.buyer_sku_code);
    if (p?.category === 'PLN') {
      // Token / name / tariff / power / kWh, as PLN token serials come through Digiflazz sellers (Inference, §3.4).
      const c = plnCustomer(t.customer_no);
      const token = tokenFor(t.ref_id, t.customer_no).replace(/(\d{4})(?=\d)/g, '$1-');
      const kwh = ((p.price - 1_500) / 1_444.7).toFixed(1);
      return `${token}/${c.name}/${c.segment_power.split(' ')[0]}/${Number(c.segment_power.split('/')[1])}/${kwh}`;
    }
    return `${Date.now().toString().slice(-6)}${md5(t.ref_id).slice(0, 8).toUpperCase()}`;
  }

  /** The fate's effect on a new transaction, and the reply's fault (hang, drop, 502). */
  function begin(t: SimTrx, fate: Fate): { fault: 'hang' | 'drop' | 'html502' | 'unknown_rc' | null } {
    const debit = (): void => {
      store.state.deposit -= t.price;
      t.debited = true;
    };
    switch (fate) {
      case 'fail':
      case 'payment_fail':
        Object.assign(t, { status: 'Gagal', rc: '02', message: 'Transaksi Gagal' });
        return { fault: null };
      case 'pending_success':
      case 'pending_fail':
        debit();
        Object.assign(t, { status: 'Pending', rc: '03', message: 'Transaksi Pending', settleAt: now() + config.settleMs, settleTo: fate === 'pending_success' ? 'Sukses' : 'Gagal' });
        return { fault: null };
      case 'unknown_rc':
        debit();
        Object.assign(t, { status: 'Pending', rc: '03', message: 'Transaksi Pending', settleAt: now() + config.settleMs, settleTo: 'Sukses' });
        return { fault: 'unknown_rc' };
      default:
        debit();
        Object.assign(t, { status: 'Sukses', rc: '00', message: 'Transaksi Sukses' });
        t.sn = snFor(t);
        return { fault: fate === 'hang' || fate === 'drop' || fate === 'html502' ? fate : null };
    }
  }

  function answer(t: SimTrx, fault: 'hang' | 'drop' | 'html502' | 'unknown_rc' | null): SimReply {
    if (fault === 'drop') return { status: 200, body: '', drop: true };
    if (fault === 'html502') return { status: 502, body: HTML_502, contentType: 'text/html' };
    if (fault === 'unknown_rc') return json(200, { data: { ...trxBody(t), rc: '46', status: 'Gagal', message: 'Transaksi sudah pernah terjadi sebelumnya' } });
    const reply = json(200, { data: trxBody(t) });
    return fault === 'hang' ? { ...reply, delayMs: config.hangMs } : reply;
  }

  function recheck(t: SimTrx): SimReply {
    if (config.minRecheckMs > 0 && now() - t.lastCheckAt < config.minRecheckMs) {
      t.lastCheckAt = now();
      return json(200, { data: { ref_id: t.ref_id, customer_no: t.customer_no, buyer_sku_code: t.buyer_sku_code, rc: '85', status: 'Gagal', message: 'Limitasi transaksi' } });
    }
    t.lastCheckAt = now();
    if (t.settleAt !== null && t.settleAt <= now()) settle(t.ref_id);
    return json(200, { data: trxBody(t) });
  }

  function newTrx(body: Record<string, unknown>, kind: SimTrx['kind'], price: number): SimTrx {
    const ref = String(body.ref_id);
    return {
      ref_id: ref,
      kind,
      buyer_sku_code: String(body.buyer_sku_code),
      customer_no: String(body.customer_no),
      status: 'Pending',
      rc: '03',
      message: 'Transaksi Pending',
      sn: '',
      price,
      debited: false,
      createdAt: now(),
      settleAt: null,
      settleTo: null,
      cbUrl: typeof body.cb_url === 'string' && /^http:\/\/127\.0\.0\.1:\d+\//.test(body.cb_url) ? body.cb_url : null,
      lastCheckAt: now(),
      pasca: null,
    };
  }

  function topup(body: Record<string, unknown>): SimReply {
    const ref = String(body.ref_id);
    const existing = store.state.trx[ref];
    if (existing && existing.kind === 'prepaid' && now() - existing.createdAt <= config.horizonMs) {
      if (existing.buyer_sku_code !== body.buyer_sku_code || existing.customer_no !== body.customer_no) {
        if (config.refConflict === 'rc49') return refusal('49', { ref_id: ref });
      }
      return recheck(existing);
    }
    if (existing && existing.kind === 'pasca') return refusal('49', { ref_id: ref });
    const p = prepaid.find((x) => x.buyer_sku_code === body.buyer_sku_code);
    if (!p || !p.buyer_product_status) return refusal('43', { ref_id: ref });
    if (!p.unlimited_stock && p.stock <= 0) return refusal('68', { ref_id: ref });
    if (typeof body.max_price === 'number' && body.max_price < p.price) return refusal('69', { ref_id: ref });
    if (!store.state.deposited) return refusal('61', { ref_id: ref });
    const t = newTrx(body, 'prepaid', p.price);
    if (!p.seller_product_status || inCutOff(p, now())) {
      Object.assign(t, p.seller_product_status ? { status: 'Gagal', rc: '58', message: 'Sedang Cut Off' } : { status: 'Gagal', rc: '53', message: 'Produk Seller Sedang Tidak Tersedia' });
      store.state.trx[ref] = t;
      store.save();
      return json(200, { data: trxBody(t) });
    }
    if (store.state.deposit < p.price) return refusal('44', { ref_id: ref });
    if (!p.unlimited_stock) p.stock--;
    const { fault } = begin(t, fateOf(t.customer_no));
    store.state.trx[ref] = t;
    store.save();
    schedule(t);
    if (t.status === 'Pending') deliver(t, 'create');
    return answer(t, fault);
  }

  function pascaProduct(sku: unknown): SimPasca | undefined {
    return pasca.find((x) => x.buyer_sku_code === sku && x.buyer_product_status);
  }

  function inquirePasca(body: Record<string, unknown>): SimReply {
    const ref = String(body.ref_id);
    if (store.state.inquiries[ref] || store.state.trx[ref]) return refusal('49', { ref_id: ref });
    const p = pascaProduct(body.buyer_sku_code);
    if (!p) return refusal('43', { ref_id: ref });
    const customerNo = String(body.customer_no);
    const fate = fateOf(customerNo);
    const echo = { ref_id: ref, customer_no: customerNo, buyer_sku_code: p.buyer_sku_code };
    if (fate === 'inquiry_fail') return json(200, { data: { ...echo, message: 'Transaksi Gagal', status: 'Gagal', rc: '02' } });
    if (fate === 'no_customer') return json(200, { data: { ...echo, message: 'Tagihan belum tersedia', status: 'Gagal', rc: '60' } });
    const bill = billOf(p.buyer_sku_code, customerNo, now());
    const sheets = bill.periods.length;
    const total = bill.periods.reduce((s, x) => s + x.nilai_tagihan + x.denda, 0);
    const inq: SimInquiry = {
      ref_id: ref,
      sku: p.buyer_sku_code,
      customer_no: customerNo,
      day: wibDay(now()),
      customer_name: bill.customer_name,
      admin: p.admin * sheets,
      price: total + (p.admin - p.commission) * sheets,
      selling_price: total + p.admin * sheets,
      desc: {
        ...(p.buyer_sku_code === 'pln' ? { tarif: 'R1', daya: 1300 } : {}),
        lembar_tagihan: sheets,
        detail: bill.periods.map((x) => ({ periode: x.periode, nilai_tagihan: String(x.nilai_tagihan), admin: String(p.admin), denda: String(x.denda) })),
      },
    };
    store.state.inquiries[ref] = inq;
    store.save();
    return json(200, {
      data: { ...echo, customer_name: inq.customer_name, admin: inq.admin, message: 'Transaksi Sukses', status: 'Sukses', rc: '00', buyer_last_saldo: store.state.deposit, price: inq.price, selling_price: inq.selling_price, desc: inq.desc },
    });
  }

  function payPasca(body: Record<string, unknown>): SimReply {
    const ref = String(body.ref_id);
    const existing = store.state.trx[ref];
    if (existing) return recheck(existing);
    const inq = store.state.inquiries[ref];
    const echo = { ref_id: ref, customer_no: body.customer_no, buyer_sku_code: body.buyer_sku_code };
    if (!inq || inq.customer_no !== body.customer_no || inq.sku !== body.buyer_sku_code) return json(200, { data: { ...echo, message: 'Transaksi Tidak Ditemukan', status: 'Gagal', rc: '50' } });
    if (inq.day !== wibDay(now())) return json(200, { data: { ...echo, message: 'Transaksi Gagal', status: 'Gagal', rc: '02' } });
    if (store.state.deposit < inq.price) return refusal('44', echo);
    const t = newTrx(body, 'pasca', inq.price);
    t.pasca = { customer_name: inq.customer_name, admin: inq.admin, selling_price: inq.selling_price, desc: inq.desc };
    const { fault } = begin(t, fateOf(inq.customer_no));
    store.state.trx[ref] = t;
    store.save();
    schedule(t);
    if (t.status === 'Pending') deliver(t, 'create');
    return answer(t, fault);
  }

  function statusPasca(body: Record<string, unknown>): SimReply {
    const t = store.state.trx[String(body.ref_id)];
    if (!t || now() - t.createdAt > config.horizonMs) {
      return json(200, { data: { ref_id: body.ref_id, customer_no: body.customer_no, buyer_sku_code: body.buyer_sku_code, message: 'Data belum ada', status: 'Gagal', rc: '50' } });
    }
    return recheck(t);
  }

  function transaction(body: Record<string, unknown>): SimReply {
    if (typeof body.ref_id !== 'string' || body.ref_id === '' || typeof body.customer_no !== 'string' || typeof body.buyer_sku_code !== 'string') return refusal('40');
    requests.set(body.ref_id, (requests.get(body.ref_id) ?? 0) + 1);
    const key = signedWith(body.sign, body.ref_id);
    if (key === null) return refusal('41', { ref_id: body.ref_id });
    if (key === 'dev' && config.devKeyNeedsTesting && body.testing !== true) return refusal('41', { ref_id: body.ref_id });
    switch (body.commands) {
      case undefined:
        return topup(body);
      case 'inq-pasca':
        return inquirePasca(body);
      case 'pay-pasca':
        return payPasca(body);
      case 'status-pasca':
        return statusPasca(body);
      default:
        return refusal('40', { ref_id: body.ref_id });
    }
  }

  function priceList(body: Record<string, unknown>): SimReply {
    if (signedWith(body.sign, 'pricelist') === null) return refusal('41');
    const filters = (['code', 'category', 'brand', 'type'] as const).filter((k) => typeof body[k] === 'string' && body[k] !== '');
    if (filters.length === 0 && config.priceListLimit !== 'off') {
      const clock = config.priceListLimit === 'shared' ? 'all' : String(body.cmd);
      if (typeof store.state.lastFullList !== 'object') store.state.lastFullList = {};
      if (now() - (store.state.lastFullList[clock] ?? 0) < 5 * 60_000) return refusal('83');
      store.state.lastFullList[clock] = now();
      store.save();
    }
    const match = (item: Record<string, unknown>): boolean =>
      filters.every((k) => String(item[k === 'code' ? 'buyer_sku_code' : k] ?? '').toLowerCase() === String(body[k]).toLowerCase());
    if (body.cmd === 'pasca') return json(200, { data: pasca.filter((p) => match(p)) });
    if (body.cmd === 'prepaid') return json(200, { data: prepaid.filter((p) => match(p)) });
    return refusal('40');
  }

  function handle(path: string, raw: Buffer): SimReply {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return refusal('40');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return refusal('40');
    const b = body as Record<string, unknown>;
    if (b.username !== username) return refusal('42');
    switch (path) {
      case '/v1/transaction':
        return transaction(b);
      case '/v1/cek-saldo':
        if (b.cmd !== 'deposit' || signedWith(b.sign, 'depo') === null) return refusal(b.cmd !== 'deposit' ? '40' : '41');
        return json(200, { data: { deposit: store.state.deposit } });
      case '/v1/price-list':
        return priceList(b);
      case '/v1/inquiry-pln': {
        if (typeof b.customer_no !== 'string') return refusal('40');
        if (signedWith(b.sign, b.customer_no) === null) return refusal('41');
        if (fateOf(b.customer_no) === 'no_customer' || !/^\d{11,12}$/.test(b.customer_no)) {
          return json(200, { data: { message: 'Nomor Tujuan Salah', status: 'Gagal', rc: '54', customer_no: b.customer_no } });
        }
        return json(200, { data: { message: 'Transaksi Sukses', status: 'Sukses', rc: '00', customer_no: b.customer_no, ...plnCustomer(b.customer_no) } });
      }
      case '/v1/deposit': {
        if (signedWith(b.sign, 'deposit') === null) return refusal('41');
        const bank = b.Bank ?? b.bank;
        if (typeof b.amount !== 'number' || typeof bank !== 'string' || typeof b.owner_name !== 'string') return refusal('40');
        return json(200, { data: { rc: '00', bank, payment_method: 'Bank Transfer', account_no: '0123 4567 89', notes: randomBytes(4).toString('hex').toUpperCase(), amount: b.amount + 1 + (randomBytes(1)[0]! % 99) } });
      }
      default:
        return json(404, { data: { rc: '40', message: 'Not Found', status: 'Gagal' } });
    }
  }

  function control(path: string, raw: Buffer): SimReply {
    if (path === '/__sim/state') return json(200, { deposit: store.state.deposit, transactions: Object.values(store.state.trx), webhooks });
    if (path === '/__sim/config') {
      if (raw.length > 0) Object.assign(config, JSON.parse(raw.toString('utf8')) as Partial<DigiflazzSimConfig>);
      return json(200, config);
    }
    if (path === '/__sim/settle') {
      sim.settleAll();
      return json(200, { ok: true });
    }
    if (path === '/__sim/reset') {
      Object.assign(store.state, { trx: {}, inquiries: {}, lastFullList: {} });
      store.save();
      return json(200, { ok: true });
    }
    return json(404, { error: 'unknown control path' });
  }

  for (const t of Object.values(store.state.trx)) schedule(t);

  const host = await serveSimulator({
    port: options.port,
    defaultContentType: 'application/json',
    latencyMs: () => 0,
    onError: (e) => json(500, { data: { rc: '40', message: `simulator: ${e.message}`, status: 'Gagal' } }),
    handle({ req, url, raw, control: isControl }) {
      if (isControl) return control(url.pathname, raw);
      if (/^\/v1\/report\/hooks\/[^/]+\/pings$/.test(url.pathname) && req.method === 'POST') {
        // Never log this body: it carries the webhook secret in clear (§5.4).
        return json(200, { sed: randomBytes(5).toString('base64url'), hook_id: url.pathname.split('/')[4], hook: { url: config.webhookUrl ?? '', secret: config.webhookSecret ?? '', type: 'application/json', status: 1 } });
      }
      if (req.method !== 'POST') return json(405, { data: { rc: '40', message: 'Method Not Allowed', status: 'Gagal' } });
      return handle(url.pathname, raw);
    },
  });

  const sim: DigiflazzSimulator = {
    baseUrl: `http://127.0.0.1:${host.port}/v1`,
    port: host.port,
    credentials: { username, apiKey: devKey, webhookSecret: config.webhookSecret ?? '' },
    transactions: () => Object.values(store.state.trx),
    requestCount: (ref) => requests.get(ref) ?? 0,
    webhookCount: () => webhooks,
    deposit: () => store.state.deposit,
    setDeposit(amount) {
      store.state.deposit = amount;
      store.state.deposited = true;
      store.save();
    },
    configure(patch) {
      Object.assign(config, patch);
    },
    settleAll() {
      for (const t of Object.values(store.state.trx)) if (t.status === 'Pending') settle(t.ref_id);
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const d of deliveries) d.destroy();
      await host.close();
    },
  };
  return sim;
}
