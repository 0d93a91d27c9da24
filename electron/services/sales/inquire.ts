// PLN inquiry: validate the number, refuse a meter with an unfinished sale, ask the provider,
// and keep the answer in the ledger so the sale is priced from what the provider said — never
// from what the renderer sends back.
import { appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import { DEFAULT_PLN_DENOMINATIONS, parseCustomerNumber, passesLuhn } from '../../../shared/domain/pln';
import type { PlnInquiry, Warning } from '../../../shared/contract';
import { getInquiry, recordInquiry } from '../../db/queries/inquiries';
import { beginProviderCall } from '../../db/queries/provider-calls';
import { findOpenSaleForCustomer, recentSucceededSales } from '../../db/queries/sales';
import type { InquiryRecord } from '../../db/rows';
import type { SaleDeps } from './deps';
import { receiptNo } from './sale-view';

export const RECENT_WINDOW_MS = 10 * 60_000;

export function pendingBlock(deps: SaleDeps, numbers: readonly string[]): Result<never> | null {
  const open = findOpenSaleForCustomer(deps.db, numbers);
  if (!open) return null;
  return {
    ok: false,
    error: appError(
      'meter_has_pending_sale',
      `Meter ini masih punya transaksi belum selesai (struk ${receiptNo(open.seq)}). Selesaikan dulu; jangan jual ulang.`,
      `open sale ${open.id} in state ${open.state}`,
    ),
  };
}

function inquiryView(deps: SaleDeps, r: InquiryRecord, warnings: Warning[]): PlnInquiry {
  const recent = recentSucceededSales(deps.db, [r.meter_number, r.idpel], deps.now() - RECENT_WINDOW_MS);
  const recentPurchases = DEFAULT_PLN_DENOMINATIONS.flatMap((denomination) => {
    const hit = recent.find((s) => s.denomination === denomination);
    return hit ? [{ denomination, at: hit.created_at, receiptNo: receiptNo(hit.seq) }] : [];
  });
  return {
    inquiryId: r.id,
    customerNumber: r.customer_number,
    meterNumber: r.meter_number,
    idpel: r.idpel,
    name: r.customer_name,
    tariffPower: r.tariff_power,
    providerAdmin: r.provider_admin,
    counterFee: deps.settings.outlet().counterFee,
    unsoldTokens: r.unsold_tokens,
    denominations: [...DEFAULT_PLN_DENOMINATIONS],
    recentPurchases,
    warnings,
    expiresAt: r.expires_at,
  };
}

export async function inquirePln(deps: SaleDeps, input: string): Promise<Result<PlnInquiry>> {
  const number = parseCustomerNumber(input);
  if (!number) {
    return { ok: false, error: appError('invalid_customer_number', 'Nomor meter harus 11 digit atau ID pelanggan 12 digit.') };
  }
  const blocked = pendingBlock(deps, [number.value]);
  if (blocked) return blocked;

  const env = deps.settings.mode();
  const provider = await deps.providers.plnPrepaid(env);
  if (!provider.ok) return provider;

  const trxid = `INQ-${ulid(deps.now())}`;
  const callId = beginProviderCall(deps.db, { provider: 'vsi', env, command: 'INQ', providerRef: trxid, saleId: null, at: deps.now() });
  const outcome = await provider.value.inquire({ trxid, customerNumber: number.value });
  const finished = {
    outcome: outcome.ok ? 'success' : 'failed',
    providerCode: outcome.ok ? '0000' : outcome.error.providerCode,
    detail: outcome.ok ? null : outcome.error.detail,
    at: deps.now(),
  };
  if (!outcome.ok) {
    recordInquiry(deps.db, callId, finished, null);
    deps.log.info('inquiry.failed', { trxid, code: outcome.error.code, detail: outcome.error.detail });
    return { ok: false, error: appError(outcome.error.code, outcome.error.message, outcome.error.detail) };
  }
  const found = outcome.value;
  const at = deps.now();
  const record: InquiryRecord = {
    id: ulid(at),
    env,
    provider: 'vsi',
    created_at: at,
    expires_at: at + deps.inquiryTtlMs,
    customer_number: number.value,
    meter_number: found.meterNumber || (number.kind === 'meter' ? number.value : ''),
    idpel: found.idpel || (number.kind === 'idpel' ? number.value : ''),
    customer_name: found.name,
    tariff_power: found.tariffPower,
    provider_admin: found.providerAdmin,
    unsold_tokens: found.unsoldTokens,
    inquiry_ref: found.inquiryRef,
  };
  recordInquiry(deps.db, callId, finished, record);
  const blockedAfter = pendingBlock(deps, [record.meter_number, record.idpel]);
  if (blockedAfter) return blockedAfter;

  const warnings: Warning[] = [];
  if (record.meter_number.length === 11 && !passesLuhn(record.meter_number)) {
    warnings.push({ code: 'luhn_mismatch', params: { meter: record.meter_number } });
  }
  if (found.unsoldTokens > 0) warnings.push({ code: 'unsold_tokens', params: { count: found.unsoldTokens } });
  return { ok: true, value: inquiryView(deps, record, warnings) };
}

export function loadInquiry(deps: SaleDeps, inquiryId: string): Result<InquiryRecord> {
  const r = getInquiry(deps.db, inquiryId);
  if (!r) return { ok: false, error: appError('inquiry_not_found', 'Data cek pelanggan tidak ditemukan. Ulangi cek.') };
  if (r.expires_at < deps.now()) {
    return { ok: false, error: appError('inquiry_expired', 'Data cek pelanggan sudah kedaluwarsa. Ulangi cek nomor meter.') };
  }
  return { ok: true, value: r };
}
