// The VSI PLN-prepaid simulator: GET ?modul=PRE&command=INQ|PAY|ADV&…, authenticated by
// hc = sha256(cid + dt + secret), answering in the seed's XML dialect (vsi.md §1.8).
import http from 'node:http';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { customerFor, vend, type Customer } from './customers';
import { errorXml, HTML_502, inquiryXml, plaintext, purchaseXml } from './answers';
import { businessDate } from '../../../shared/domain/time';
import { openStateStore, type SimPayment, type SimRequest, type SimState } from './state';
import { serveSimulator, type SimReply } from '../http-host';

export type VsiSimTiming = {
  /** How long a hanging PAY (scenarios 30/32) or slow INQ (33) waits: past the client's timeout. */
  hangMs: number;
  /** How long an in-process payment (18/52/68/70) stays 0018 before advice finds it. */
  pendingMs: number;
};

export type VsiSimConfig = {
  timing: VsiSimTiming;
  /** 'idempotent' (default): a repeated PAY trxid returns the first result; 'error': rc 0030. */
  dupPayMode: 'idempotent' | 'error';
  /**
   * The seed calls trxid "unique per transaction" and is silent on advice (issue 15 §3a): 'accept'
   * (default) lets an ADV reuse its PAY's trxid; 'refuse_reused' answers an ADV whose trxid was
   * already used (by a PAY or an earlier ADV) with rc 0030, so a client must advise under a fresh one.
   */
  advTrxid: 'accept' | 'refuse_reused';
  /** The next N PAYs with an INQREF find it expired (0048), as a reference gone stale during a QRIS or VA wait. */
  staleInquiries: number;
  /** Which dt formats are accepted (vsi.md §1.2.1). */
  dtMode: 'any' | 'date' | 'datetime';
  dtSkewMs: number;
  kwhStyle: 'decimal' | 'integer';
  inquiryTtlMs: number;
  /** Added to every answer: the network and vendor time a real endpoint costs (0 on loopback). */
  latencyMs: number;
};

export type VsiSimOptions = {
  port?: number;
  clientId?: string;
  secret?: string;
  statePath?: string | null;
  now?: () => number;
  deposit?: number;
  config?: Partial<Omit<VsiSimConfig, 'timing'>> & { timing?: Partial<VsiSimTiming> };
  /** Called when a request arrives, before it is answered (tests kill the core here). */
  onRequest?: (request: SimRequest) => void;
};

export type VsiSimulator = {
  baseUrl: string;
  port: number;
  credentials: { clientId: string; secret: string };
  state(): SimState;
  configure(patch: Partial<Omit<VsiSimConfig, 'timing'>> & { timing?: Partial<VsiSimTiming> }): void;
  /** PAY requests received per trxid (crash tests: never more than one per sale). */
  payCount(trxid: string): number;
  close(): Promise<void>;
};

export const DEFAULT_SIM_TIMING: VsiSimTiming = { hangMs: 90_000, pendingMs: 40_000 };
const DENOMINATIONS = new Set([20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000]);

const hex32 = (): string => randomBytes(16).toString('hex').toUpperCase();

function wibDate(ms: number): string {
  return businessDate(ms, 'Asia/Jakarta').replace(/-/g, '');
}

function wibDateTimeMs(dt: string): number {
  // dt is WIB (UTC+7): YYYYMMDDHHmmss
  const iso = `${dt.slice(0, 4)}-${dt.slice(4, 6)}-${dt.slice(6, 8)}T${dt.slice(8, 10)}:${dt.slice(10, 12)}:${dt.slice(12, 14)}+07:00`;
  return Date.parse(iso);
}

type Reply = SimReply;

const xml = (body: string, delayMs = 0): Reply => ({ status: 200, body, delayMs });

export async function startVsiSimulator(options: VsiSimOptions = {}): Promise<VsiSimulator> {
  const clientId = options.clientId ?? 'LOKET01';
  const secret = options.secret ?? randomBytes(16).toString('hex');
  const now = options.now ?? Date.now;
  const store = openStateStore(options.statePath ?? null, options.deposit ?? 1_000_000_000);
  const config: VsiSimConfig = {
    dupPayMode: 'idempotent',
    advTrxid: 'accept',
    staleInquiries: 0,
    dtMode: 'any',
    dtSkewMs: 5 * 60_000,
    // The seed's samples carry <jmlkwh>352</jmlkwh>: an integer (vsi.md §2); 'decimal' is the other reading.
    kwhStyle: 'integer',
    inquiryTtlMs: 30 * 60_000,
    latencyMs: 0,
    ...options.config,
    timing: { ...DEFAULT_SIM_TIMING, ...options.config?.timing },
  };

  function authError(q: URLSearchParams): Reply | null {
    const cid = q.get('cid') ?? '';
    const dt = q.get('dt') ?? '';
    const hc = (q.get('hc') ?? '').toLowerCase();
    if (cid !== clientId) return xml(errorXml(35, 'ERROR Akun Tidak Terdaftar', cid));
    const expected = createHash('sha256').update(cid + dt + secret).digest('hex');
    if (hc.length !== expected.length || !timingSafeEqual(Buffer.from(hc), Buffer.from(expected))) {
      return xml(errorXml(29, 'ERROR Kode Hash tidak valid', cid));
    }
    const t = now();
    const dateOk = /^\d{8}$/.test(dt) && config.dtMode !== 'datetime';
    const dateTimeOk = /^\d{14}$/.test(dt) && config.dtMode !== 'date';
    if (dateOk) {
      const around = [wibDate(t), wibDate(t - 10 * 60_000), wibDate(t + 10 * 60_000)];
      if (around.includes(dt)) return null;
    } else if (dateTimeOk) {
      if (Math.abs(wibDateTimeMs(dt) - t) <= config.dtSkewMs) return null;
    }
    return xml(errorXml(8, 'ERROR Waktu akses tidak valid', cid));
  }

  function newToken(): string {
    const used = new Set(Object.values(store.state.payments).map((p) => p.token));
    for (;;) {
      let t = '';
      for (let i = 0; i < 20; i++) t += String(randomInt(10));
      if (!used.has(t)) return t;
    }
  }

  function successXml(p: SimPayment, c: Customer, advice: { byPayref: boolean } | null, extra: Partial<{ omitToken: boolean; quirks: boolean }> = {}): string {
    return purchaseXml({
      customer: c,
      denomination: p.denomination,
      vend: vend(c, p.denomination),
      token: p.token,
      payref: p.payref,
      rcmRef: advice ? hex32() : p.payref,
      at: new Date(p.createdAt),
      kwhStyle: config.kwhStyle,
      adviceNewline: advice !== null && !advice.byPayref,
      omitToken: extra.omitToken ?? false,
      quirks: extra.quirks ?? false,
    });
  }

  function inquire(q: URLSearchParams): Reply {
    const msn = q.get('msn') ?? '';
    const c = customerFor(msn);
    if (!c || c.scenario === 'inq_unknown') {
      return xml(errorXml(14, 'IDPEL YANG ANDA MASUKKAN SALAH, MOHON TELITI KEMBALI.', msn));
    }
    const refnum = hex32();
    store.state.inquiries[refnum] = { refnum, number: msn, createdAt: now() };
    store.save();
    return xml(inquiryXml(c, refnum, msn), c.scenario === 'slow_inquiry' ? config.timing.hangMs : 0);
  }

  function pay(q: URLSearchParams, trxid: string): Reply {
    const existing = store.state.payments[trxid];
    if (existing) {
      if (config.dupPayMode === 'error') return xml(errorXml(30, 'ERROR Pesan tidak valid', trxid));
      return replayPayment(existing);
    }
    const nominal = Number(q.get('nominal') ?? '');
    const refnum = (q.get('refnum') ?? '').toUpperCase();
    let number = q.get('msn') ?? '';
    if (refnum) {
      const inq = store.state.inquiries[refnum];
      if (!inq) return xml(errorXml(92, 'ERROR Nomor Referensi Switching tidak ditemukan', refnum));
      if (config.staleInquiries > 0) {
        config.staleInquiries -= 1;
        return xml(errorXml(48, 'ERROR Permintaan sudah kadaluarsa', inq.number));
      }
      if (now() - inq.createdAt > config.inquiryTtlMs) return xml(errorXml(48, 'ERROR Permintaan sudah kadaluarsa', inq.number));
      number = inq.number;
    }
    const c = customerFor(number);
    if (!c || c.scenario === 'inq_unknown') return xml(errorXml(14, 'ERROR ID Tidak Terdaftar', number));
    if (!DENOMINATIONS.has(nominal)) return xml(errorXml(13, 'ERROR Nilai Transaksi tidak valid', c.meter));
    if (c.scenario === 'kwh_limit') return xml(errorXml(47, 'ERROR Diluar Batas KWH', c.meter));
    if (c.scenario === 'deposit' || store.state.deposit < nominal + c.admin) {
      return xml(errorXml(46, 'ERROR Deposit Tidak Mencukupi', c.meter));
    }
    const p: SimPayment = {
      trxid,
      payref: hex32(),
      number,
      meter: c.meter,
      idpel: c.idpel,
      denomination: nominal,
      scenario: c.scenario,
      createdAt: now(),
      status: 'committed',
      resolveAt: null,
      token: newToken(),
      failRc: null,
    };
    store.state.payments[trxid] = p;
    switch (c.scenario) {
      case 'vending_failed':
        p.status = 'failed';
        p.failRc = '0051';
        store.save();
        return xml(errorXml(51, 'ERROR Transaksi Gagal dari Mesin Vending', c.meter));
      case 'hang_lost':
      case 'html502':
        p.status = 'lost';
        store.save();
        return c.scenario === 'html502'
          ? { status: 502, body: HTML_502, contentType: 'text/html' }
          : { status: 0, body: '', delayMs: config.timing.hangMs, drop: true };
      default:
        break;
    }
    store.state.deposit -= nominal + c.admin;
    const pendingRc: Partial<Record<string, [number, string]>> = {
      vending_pending: [52, 'ERROR Transaksi dipending dari Mesin Vending'],
      timeout_advice: [68, 'TRANSAKSI TIDAK BISA DILAKUKAN SAAT INI, SILAHKAN LAKUKAN MANUAL\nADVICE BEBERAPA SAAT LAGI.'],
      timeout_no_refund: [70, 'ERROR Timeout tidak refund'],
      in_process: [18, 'ERROR Permintaan Sedang diproses'],
    };
    const pendingAnswer = pendingRc[c.scenario];
    if (pendingAnswer) {
      p.status = 'pending';
      p.resolveAt = now() + config.timing.pendingMs;
      store.save();
      return xml(errorXml(pendingAnswer[0], pendingAnswer[1], c.meter));
    }
    store.save();
    switch (c.scenario) {
      case 'hang_commit':
        return xml(successXml(p, c, null), config.timing.hangMs);
      case 'http500_commit':
        return { status: 500, body: 'Internal Server Error', contentType: 'text/plain' };
      case 'garbage_commit': {
        const full = successXml(p, c, null);
        return xml(full.slice(0, Math.floor(full.length * 0.4)));
      }
      case 'no_token_commit':
        return xml(successXml(p, c, null, { omitToken: true }));
      case 'quirks':
        return xml(successXml(p, c, null, { quirks: true }));
      default:
        return xml(successXml(p, c, null));
    }
  }

  function resolveIfDue(p: SimPayment): void {
    if (p.status === 'pending' && p.resolveAt !== null && now() >= p.resolveAt) {
      p.status = 'committed';
      store.save();
    }
  }

  function replayPayment(p: SimPayment): Reply {
    resolveIfDue(p);
    const c = customerFor(p.number)!;
    if (p.status === 'committed') return xml(successXml(p, c, null));
    if (p.status === 'pending') return xml(errorXml(18, 'ERROR Permintaan Sedang diproses', c.meter));
    if (p.status === 'failed') return xml(errorXml(51, 'ERROR Transaksi Gagal dari Mesin Vending', c.meter));
    return xml(errorXml(68, 'ERROR Timeout', c.meter));
  }

  function findForAdvice(q: URLSearchParams, trxid: string): SimPayment | null {
    const payments = Object.values(store.state.payments);
    const refnum = (q.get('refnum') ?? '').toUpperCase();
    if (refnum) return payments.find((p) => p.payref === refnum) ?? null;
    const byTrx = store.state.payments[trxid];
    if (byTrx) return byTrx;
    const msn = q.get('msn') ?? '';
    const nominal = Number(q.get('nominal') ?? '');
    const today = wibDate(now());
    const matches = payments.filter(
      (p) => (p.meter === msn || p.idpel === msn) && p.denomination === nominal && wibDate(p.createdAt) === today,
    );
    return matches.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
  }

  function advise(q: URLSearchParams, trxid: string): Reply {
    if (config.advTrxid === 'refuse_reused') {
      const used = store.state.payments[trxid] !== undefined || store.state.requests.filter((r) => r.trxid === trxid).length > 1;
      if (used) return xml(errorXml(30, 'ERROR Pesan tidak valid', trxid));
    }
    const p = findForAdvice(q, trxid);
    const ke = q.get('msn') ?? q.get('refnum') ?? '';
    if (!p || p.status === 'lost' || p.status === 'failed') {
      return xml(errorXml(96, 'ERROR TRANSAKSI TIDAK DITEMUKAN', ke));
    }
    resolveIfDue(p);
    const c = customerFor(p.number)!;
    if (p.status === 'pending') return xml(errorXml(18, 'ERROR Permintaan Sedang diproses', c.meter));
    return xml(successXml(p, c, { byPayref: Boolean(q.get('refnum')) }));
  }

  function handleVsi(q: URLSearchParams): Reply {
    if ((q.get('modul') ?? '').toUpperCase() !== 'PRE') return xml(errorXml(30, 'ERROR Pesan tidak valid', q.get('modul') ?? ''));
    const auth = authError(q);
    if (auth) return auth;
    const trxid = q.get('trxid') ?? '';
    if (trxid === '' || trxid.length > 50) return xml(errorXml(30, 'ERROR Pesan tidak valid', trxid));
    const command = (q.get('command') ?? '').toUpperCase();
    const request: SimRequest = { at: now(), command, trxid, number: q.get('msn') ?? q.get('refnum') };
    store.state.requests.push(request);
    if (store.state.requests.length > 10_000) store.state.requests.splice(0, 1_000);
    options.onRequest?.(request);
    switch (command) {
      case 'INQ':
        return inquire(q);
      case 'PAY':
        return pay(q, trxid);
      case 'ADV':
        return advise(q, trxid);
      default:
        return xml(errorXml(30, 'ERROR Pesan tidak valid', command));
    }
  }

  function control(req: http.IncomingMessage, url: URL, body: string): Reply {
    const json = (value: unknown): Reply => ({ status: 200, body: JSON.stringify(value), contentType: 'application/json' });
    if (url.pathname === '/__sim/state') return json(store.state);
    if (url.pathname === '/__sim/config' && req.method === 'POST') {
      const patch = JSON.parse(body || '{}') as Parameters<VsiSimulator['configure']>[0];
      configure(patch);
      return json(config);
    }
    if (url.pathname === '/__sim/reset' && req.method === 'POST') {
      store.state = { deposit: store.state.deposit, inquiries: {}, payments: {}, requests: [] };
      store.save();
      return json({ ok: true });
    }
    return { status: 404, body: 'not found', contentType: 'text/plain' };
  }

  function configure(patch: Parameters<VsiSimulator['configure']>[0]): void {
    const { timing, ...rest } = patch;
    Object.assign(config, rest);
    if (timing) Object.assign(config.timing, timing);
  }

  const host = await serveSimulator({
    port: options.port,
    handle({ req, url, raw, control: isControl }) {
      if (isControl) return control(req, url, raw.toString('utf8'));
      if (req.method !== 'GET') return { status: 405, body: 'method not allowed', contentType: 'text/plain' };
      const reply = handleVsi(url.searchParams);
      if ((url.searchParams.get('resp') ?? '').toUpperCase() !== 'XML' && reply.status === 200) {
        return { ...reply, body: plaintext(reply.body), contentType: 'text/plain' };
      }
      return reply;
    },
    onError: (e) => ({ status: 500, body: `simulator error: ${e.message}`, contentType: 'text/plain' }),
    latencyMs: () => config.latencyMs,
    defaultContentType: 'text/xml; charset=utf-8',
  });
  const port = host.port;

  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    port,
    credentials: { clientId, secret },
    state: () => store.state,
    configure,
    payCount: (trxid) => store.state.requests.filter((r) => r.command === 'PAY' && r.trxid === trxid).length,
    close: () => host.close(),
  };
}
