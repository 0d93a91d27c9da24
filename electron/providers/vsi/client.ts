// The VSI PLN-prepaid client: INQ, PAY (with the inquiry refnum, or "auto" with msn) and ADV
// (with the PAYREF, or with msn + nominal), each answer classified as success / failed /
// uncertain per vsi.md §1.5. This is the folder's only public export.
import { randomBytes } from 'node:crypto';
import { err } from '../../../shared/domain/errors';
import type {
  AdviceRequest,
  Delivered,
  PlnInquiryResult,
  PlnLookup,
  ProviderResult,
  PurchaseOutcome,
  PurchaseProvider,
  PurchaseRequest,
} from '../contract';
import type { Logger } from '../../log/logger';
import { createVsiTransport, type VsiEndpoint, type VsiExchange, type VsiTransport } from './transport';
import {
  VsiEnvelope,
  VsiInquiryFields,
  VsiPurchaseFields,
  collapseSpaces,
  parseTariffPower,
  parseVsiInteger,
} from './schema';
import {
  badResponseError,
  classifyAdviceError,
  classifyInquiryError,
  classifyPayError,
  rcNumber,
  rcString,
  transportError,
} from './errors';
import type { FlatXml } from './xml';

export type { VsiEndpoint } from './transport';
export type { DtFormat } from './signing';

export type VsiTimeouts = { connectMs: number; inquiryMs: number; payMs: number; adviceMs: number };

/** vsi.md §1.6: connect 10 s; INQ 30 s; PAY 60 s; ADV 30 s. */
export const DEFAULT_VSI_TIMEOUTS: VsiTimeouts = { connectMs: 10_000, inquiryMs: 30_000, payMs: 60_000, adviceMs: 30_000 };

export type VsiClientOptions = {
  endpoint: VsiEndpoint;
  timeouts: VsiTimeouts;
  now: () => number;
  log: Logger;
  /** Replaces the HTTP transport (unit tests). */
  transport?: VsiTransport;
};

type Envelope = { success: boolean; rc: number | null; rcm: string; fields: FlatXml };

function envelope(fields: FlatXml): Envelope | null {
  const parsed = VsiEnvelope.safeParse(fields);
  if (!parsed.success) return null;
  const rcm = parsed.data.rcm ?? '';
  const rc = rcNumber(parsed.data.rc, rcm);
  if (rc === null && parsed.data.status === undefined) return null;
  const success = rc === 0 && (parsed.data.status ?? 'SUCCESS').trim().toUpperCase() === 'SUCCESS';
  return { success, rc, rcm: collapseSpaces(rcm), fields };
}

const REFNUM_IN_RCM = /refnum:\s*([0-9A-Fa-f]{32})/;
const HEX32 = /^[0-9A-Fa-f]{32}$/;

function textLine(text: string | undefined, index: number): string | null {
  if (text === undefined) return null;
  const line = text.split(/\r?\n/)[index];
  return line === undefined ? null : line.trim();
}

function tokenFromAnswer(fields: ReturnType<typeof VsiPurchaseFields.parse>): string | null {
  if (fields.token === undefined) return null;
  const digits = fields.token.replace(/[\s-]/g, '');
  return /^\d{20}$/.test(digits) ? digits : null;
}

function kwhFromAnswer(fields: ReturnType<typeof VsiPurchaseFields.parse>): string {
  if (fields.jmlkwh !== undefined && fields.jmlkwh.trim() !== '') return fields.jmlkwh.trim();
  const m = fields.text === undefined ? null : /KWH\s*([\d.,]+)/i.exec(fields.text);
  return m ? m[1]! : '';
}

/** Turns a 0000 PAY/ADV answer into delivered goods, or says why it cannot be trusted as such. */
function deliveredFrom(env: Envelope, command: 'PAY' | 'ADV'): { ok: true; delivered: Delivered } | { ok: false; detail: string } {
  const parsed = VsiPurchaseFields.safeParse(env.fields);
  if (!parsed.success) return { ok: false, detail: `VSI ${command} 0000 with invalid fields: ${parsed.error.message}` };
  const f = parsed.data;
  const token = tokenFromAnswer(f);
  if (!token) return { ok: false, detail: `VSI ${command} 0000 without a valid 20-digit <token>` };
  const rcmRef = REFNUM_IN_RCM.exec(env.rcm)?.[1]?.toUpperCase() ?? null;
  const textRef = textLine(f.text, 1);
  const textPayRef = textRef && HEX32.test(textRef) ? textRef.toUpperCase() : null;
  // In an ADV answer the rcm refnum is the advice's own reference; the PAYREF is text line 2.
  const payRef = command === 'PAY' ? (rcmRef ?? textPayRef) : (textPayRef ?? null);
  const adviceRef = command === 'ADV' ? rcmRef : null;
  const tp = parseTariffPower(f.tarifdaya ?? f.segmenpower ?? '');
  return {
    ok: true,
    delivered: {
      token,
      kwh: kwhFromAnswer(f),
      serialNumber: null,
      voucherCode: null,
      payRef,
      adviceRef,
      vendorTime: f.tanggal ?? f.date ?? null,
      chargedAmount: parseVsiInteger(f.nominal),
      customerName: f.nama ?? null,
      tariffPower: tp.display || null,
      lines: [],
      taxes: {
        ppn: f.ppn?.trim() ?? '',
        ppj: f.ppj?.trim() ?? '',
        materai: f.materai?.trim() ?? '',
        angsuran: f.angsuran?.trim() ?? '',
      },
      providerCode: rcString(env.rc ?? 0),
    },
  };
}

const uncertain = (detail: string): PurchaseOutcome => ({
  kind: 'uncertain',
  notFound: false,
  acknowledged: false,
  error: transportError(true, detail),
});

function uncertainFromExchange(exchange: Exclude<VsiExchange, { kind: 'answer' }>): PurchaseOutcome {
  if (exchange.kind === 'not_sent') {
    return { kind: 'failed', confirm: false, error: transportError(false, exchange.detail) };
  }
  return uncertain(exchange.detail);
}

export type VsiClient = PurchaseProvider & PlnLookup;

/** VSI's "message invalid" — what a VSI that refuses a reused trxid answers (the simulator's strict reading). */
const MESSAGE_INVALID = 30;

/** A new trxid for one advice: the PAY's, a dash, 8 hex (well under VSI's 50 characters). */
export function freshAdviceTrxid(payTrxid: string): string {
  return `${payTrxid.slice(0, 40)}-A${randomBytes(4).toString('hex')}`;
}

export function createVsiClient(options: VsiClientOptions): VsiClient {
  const transport =
    options.transport ??
    createVsiTransport(options.endpoint, { connectTimeoutMs: options.timeouts.connectMs, now: options.now, log: options.log });

  async function inquirePln(request: { ref: string; customerNumber: string }): Promise<ProviderResult<PlnInquiryResult>> {
    const exchange = await transport(
      { command: 'INQ', trxid: request.ref, params: { msn: request.customerNumber } },
      options.timeouts.inquiryMs,
    );
    if (exchange.kind !== 'answer') return err(transportError(false, exchange.detail));
    const env = envelope(exchange.fields);
    if (!env) return err(badResponseError('VSI INQ answer without status/rc'));
    if (!env.success) return err(classifyInquiryError(env.rc, env.rcm));
    const parsed = VsiInquiryFields.safeParse(exchange.fields);
    const admin = parsed.success ? parseVsiInteger(parsed.data.adm ?? parsed.data.admin) : null;
    if (!parsed.success || admin === null || !HEX32.test(parsed.data.refnum.trim())) {
      return err(badResponseError(`VSI INQ 0000 with invalid fields: ${parsed.success ? 'adm/refnum' : parsed.error.message}`));
    }
    const f = parsed.data;
    const tp = parseTariffPower(f.tarifdaya ?? f.segmenpower ?? '');
    return {
      ok: true,
      value: {
        inquiryRef: f.refnum.trim().toUpperCase(),
        meterNumber: f.msn.trim(),
        idpel: f.idpel.trim(),
        name: f.nama,
        tariffPower: tp.display,
        providerAdmin: admin,
        unsoldTokens: parseVsiInteger(f.jmltokenunsold) ?? 0,
      },
    };
  }

  async function purchase(request: PurchaseRequest): Promise<PurchaseOutcome> {
    const params: Record<string, string> = { nominal: String(request.faceValue) };
    if (request.inquiryRef) params.refnum = request.inquiryRef;
    else params.msn = request.customerNumber;
    const exchange = await transport({ command: 'PAY', trxid: request.ref, params }, options.timeouts.payMs);
    if (exchange.kind !== 'answer') return uncertainFromExchange(exchange);
    const env = envelope(exchange.fields);
    if (!env) return uncertain('VSI PAY answer without status/rc');
    if (!env.success) return classifyPayError(env.rc, env.rcm);
    const d = deliveredFrom(env, 'PAY');
    return d.ok ? { kind: 'success', delivered: d.delivered } : uncertain(d.detail);
  }

  async function advise(request: AdviceRequest): Promise<PurchaseOutcome> {
    const params: Record<string, string> = { nominal: String(request.faceValue) };
    if (request.payRef) params.refnum = request.payRef;
    else params.msn = request.customerNumber;
    // The PAY's own trxid first (vsi.md §1.2.3): it names the transaction asked about. A VSI that
    // refuses a trxid it has seen (0030) is asked once more under a fresh one — the advice then
    // matches by PAYREF, or by meter and nominal, which is the same transaction either way.
    let exchange = await transport({ command: 'ADV', trxid: request.ref, params }, options.timeouts.adviceMs);
    if (exchange.kind === 'answer' && envelope(exchange.fields)?.rc === MESSAGE_INVALID) {
      options.log.info('vsi.advice_fresh_trxid', { ref: request.ref });
      exchange = await transport({ command: 'ADV', trxid: freshAdviceTrxid(request.ref), params }, options.timeouts.adviceMs);
    }
    // An advice that never left is simply "still uncertain": the purchase's fate is unchanged.
    if (exchange.kind !== 'answer') return uncertain(exchange.detail);
    const env = envelope(exchange.fields);
    if (!env) return uncertain('VSI ADV answer without status/rc');
    if (!env.success) return classifyAdviceError(env.rc, env.rcm, request.confirming);
    const d = deliveredFrom(env, 'ADV');
    return d.ok ? { kind: 'success', delivered: d.delivered } : uncertain(d.detail);
  }

  // VSI does not promise that a repeated trxid is answered idempotently: a PAY is never re-sent.
  return { name: 'vsi', resendSafe: false, inquirePln, purchase, advise };
}
