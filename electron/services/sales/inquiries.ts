// Inquiries: ask the provider who the customer is and what the bill is, and keep the answer in the
// ledger so the sale is priced from what the provider said — never from what the renderer sends.
import { checkFieldValues, readFieldSpecs, type FieldValue } from '../../../shared/provider-fields';
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import { parseCustomerNumber, passesLuhn } from '../../../shared/domain/pln';
import { formatLocalDateTime } from '../../../shared/domain/time';
import type { BillInquiryView, Mode, PlnInquiry, Warning } from '../../../shared/contract';
import { getInquiry, insertInquiry, recordInquiry } from '../../db/queries/inquiries';
import { beginProviderCall } from '../../db/queries/provider-calls';
import { findOpenSaleForCustomer, recentSucceededSales } from '../../db/queries/sales';
import type { InquiryRecord } from '../../db/rows';
import type { ProviderName, ProviderResult } from '../../providers/contract';
import type { SaleDeps } from './deps';
import { parseLines, receiptNo } from './sale-view';
import { tokenOptions } from './token-options';
import { routeFor } from '../catalog/routes';

export const RECENT_WINDOW_MS = 10 * 60_000;
/** Bills are monthly: a second payment of the same product for the same number within a month is worth a look. */
export const RECENT_BILL_WINDOW_MS = 31 * 24 * 60 * 60_000;

export function pendingBlock(deps: SaleDeps, numbers: readonly string[]): Result<never> | null {
  const open = findOpenSaleForCustomer(deps.db, numbers);
  if (!open) return null;
  return {
    ok: false,
    error: appError(
      'meter_has_pending_sale',
      `Nomor ini masih punya transaksi belum selesai (struk ${receiptNo(open.seq)}). Selesaikan dulu; jangan jual ulang.`,
      `open sale ${open.id} in state ${open.state}`,
    ),
  };
}

/** Records the provider call before it leaves and its answer after, like every provider call. */
async function tracked<T>(
  deps: SaleDeps,
  provider: ProviderName,
  env: Mode,
  ask: (ref: string) => Promise<ProviderResult<T>>,
  record: (value: T, at: number) => InquiryRecord,
): Promise<Result<InquiryRecord>> {
  const ref = `INQ-${ulid(deps.now())}`;
  const callId = beginProviderCall(deps.db, { provider, env, command: 'INQ', providerRef: ref, saleId: null, at: deps.now() });
  const r = await ask(ref);
  const at = deps.now();
  const finish = { outcome: r.ok ? 'success' : 'failed', providerCode: r.ok ? 'ok' : r.error.providerCode, detail: r.ok ? null : r.error.detail, at };
  if (!r.ok) {
    recordInquiry(deps.db, callId, finish, null);
    deps.log.info('inquiry.failed', { ref, code: r.error.code, detail: r.error.detail });
    return err(appError(r.error.code, r.error.message, r.error.detail));
  }
  const rec = record(r.value, at);
  recordInquiry(deps.db, callId, finish, rec);
  return ok(rec);
}

function recentPurchases(deps: SaleDeps, r: InquiryRecord): PlnInquiry['recentPurchases'] {
  return recentSucceededSales(deps.db, [r.meter_number, r.idpel], deps.now() - RECENT_WINDOW_MS)
    .filter((s) => s.product_code.startsWith('pln-token-'))
    .map((s) => ({ denomination: s.face_value, at: s.created_at, receiptNo: receiptNo(s.seq) }));
}

export function plnInquiryView(deps: SaleDeps, r: InquiryRecord, warnings: Warning[]): PlnInquiry {
  return {
    inquiryId: r.id,
    customerNumber: r.customer_number,
    meterNumber: r.meter_number,
    idpel: r.idpel,
    name: r.customer_name,
    tariffPower: r.tariff_power,
    provider: r.provider,
    unsoldTokens: r.unsold_tokens,
    options: tokenOptions(deps, r).map(({ providerProduct: _p, ...o }) => o),
    recentPurchases: recentPurchases(deps, r),
    warnings,
    expiresAt: r.expires_at,
  };
}

/** A provider that checks a meter against one of its products (SAT): its cheapest active token. */
async function lookupProduct(deps: SaleDeps, env: Mode, provider: string): Promise<Result<string>> {
  let tokens = deps.catalog.active(env, provider, 'pln_prepaid');
  if (tokens.length === 0) {
    await deps.catalog.sync(env, provider);
    tokens = deps.catalog.active(env, provider, 'pln_prepaid');
  }
  const first = [...tokens].sort((a, b) => (a.face_value ?? 0) - (b.face_value ?? 0))[0];
  const name = deps.providers.describe(provider)?.displayName ?? provider;
  return first ? ok(first.code) : err(appError('product_unavailable', `Token PLN tidak tersedia di katalog ${name}.`));
}

export async function inquirePln(deps: SaleDeps, input: string): Promise<Result<PlnInquiry>> {
  const number = parseCustomerNumber(input);
  if (!number) {
    return err(appError('invalid_customer_number', 'Nomor meter harus 11 digit atau ID pelanggan 12 digit.'));
  }
  const blocked = pendingBlock(deps, [number.value]);
  if (blocked) return blocked;
  const env = deps.settings.mode();
  const provider = deps.settings.routing().primary;
  const lookup = await deps.providers.plnLookup(provider, env);
  if (!lookup.ok) return lookup;
  const product = deps.providers.describe(provider)?.capabilities.plnLookup === 'by_product' ? await lookupProduct(deps, env, provider) : ok('pln-token');
  // Its token prices come from its catalogue: a provider newly routed has it fetched first.
  if (deps.providers.describe(provider)?.capabilities.tokenPricing === 'catalog') await deps.catalog.ensure(env);
  if (!product.ok) return product;

  const byProduct = deps.providers.describe(provider)?.capabilities.plnLookup === 'by_product';
  const answered = await tracked(
    deps,
    provider,
    env,
    (ref) => lookup.value.inquirePln({ ref, customerNumber: number.value, providerProduct: product.value }),
    (found, at) => ({
      id: ulid(at),
      env,
      provider,
      product_kind: 'pln_prepaid',
      product_code: 'pln-token',
      created_at: at,
      expires_at: at + deps.inquiryTtlMs,
      customer_number: number.value,
      meter_number: found.meterNumber || (number.kind === 'meter' ? number.value : ''),
      idpel: found.idpel || (number.kind === 'idpel' ? number.value : ''),
      customer_name: found.name,
      tariff_power: found.tariffPower,
      face_value: null,
      provider_admin: found.providerAdmin,
      provider_cost: null,
      unsold_tokens: found.unsoldTokens,
      inquiry_ref: found.inquiryRef ?? '',
      lines_json: '[]',
      fields_json: '[]',
    }),
  );
  // A provider that sells tokens without an inquiry (SAT marks them is_inquiry: false) may refuse
  // to check a meter (issue 15 §2): the token is then sold on the number alone, and the name comes
  // with the token. Any other failure — no such customer, the provider down — stands.
  const sellsWithoutCheck = byProduct && !answered.ok && answered.error.code === 'provider_refused';
  const rec = sellsWithoutCheck ? ok(uncheckedCustomer(deps, env, provider, number)) : answered;
  if (!rec.ok) return rec;
  const record = rec.value;
  const blockedAfter = pendingBlock(deps, [record.meter_number, record.idpel]);
  if (blockedAfter) return blockedAfter;

  const warnings: Warning[] = [];
  if (record.meter_number.length === 11 && !passesLuhn(record.meter_number)) {
    warnings.push({ code: 'luhn_mismatch', params: { meter: record.meter_number } });
  }
  if (record.unsold_tokens > 0) warnings.push({ code: 'unsold_tokens', params: { count: record.unsold_tokens } });
  if (sellsWithoutCheck) warnings.push({ code: 'name_after_sale', params: {} });
  return ok(plnInquiryView(deps, record, warnings));
}

/** The customer as the counter knows it without the provider's check: the number typed, nothing else. */
function uncheckedCustomer(deps: SaleDeps, env: Mode, provider: string, number: { kind: 'meter' | 'idpel'; value: string }): InquiryRecord {
  const at = deps.now();
  const r: InquiryRecord = {
    id: ulid(at),
    env,
    provider,
    product_kind: 'pln_prepaid',
    product_code: 'pln-token',
    created_at: at,
    expires_at: at + deps.inquiryTtlMs,
    customer_number: number.value,
    meter_number: number.kind === 'meter' ? number.value : '',
    idpel: number.kind === 'idpel' ? number.value : '',
    customer_name: '',
    tariff_power: '',
    face_value: null,
    provider_admin: 0,
    provider_cost: null,
    unsold_tokens: 0,
    inquiry_ref: '',
    lines_json: '[]',
    fields_json: '[]',
  };
  insertInquiry(deps.db, r);
  return r;
}

export function billView(deps: SaleDeps, r: InquiryRecord): Result<BillInquiryView> {
  const p = deps.catalog.product(r.env, r.provider, r.product_code);
  const cost = r.provider_cost ?? 0;
  const q = deps.catalog.quote({ code: r.product_code, category: p?.category ?? '', kind: 'bill' }, cost);
  if (!q.ok) return q;
  return {
    ok: true,
    value: {
      inquiryId: r.id,
      product: { kind: 'bill', code: r.product_code, name: p?.name ?? r.product_code, category: p?.category ?? '', provider: r.provider },
      customerNumber: r.customer_number,
      customerName: r.customer_name,
      lines: parseLines(r.lines_json),
      amounts: { faceValue: r.face_value ?? 0, providerAdmin: r.provider_admin, providerCost: cost, margin: q.value.margin, total: q.value.total },
      expiresAt: r.expires_at,
      warnings: billWarnings(deps, r),
    },
  };
}

/** A biller whose records lag still shows a bill the counter has just paid: the ledger knows better. */
export function billWarnings(deps: SaleDeps, r: InquiryRecord): Warning[] {
  const paid = recentSucceededSales(deps.db, [r.customer_number], deps.now() - RECENT_BILL_WINDOW_MS).find((s) => s.product_code === r.product_code);
  if (!paid) return [];
  const when = formatLocalDateTime(paid.created_at, deps.settings.outlet().timeZone).slice(0, 16);
  return [{ code: 'recent_same_bill', params: { receiptNo: receiptNo(paid.seq), when } }];
}

export async function inquireBill(deps: SaleDeps, productCode: string, customerNumberInput: string, fieldValues: readonly FieldValue[] = []): Promise<Result<BillInquiryView>> {
  const customerNumber = customerNumberInput.replace(/[\s-]/g, '');
  if (!/^\d{4,24}$/.test(customerNumber)) {
    return err(appError('invalid_customer_number', 'Nomor pelanggan hanya angka (4–24 digit).'));
  }
  const env = deps.settings.mode();
  const provider = routeFor(deps.settings.routing(), 'bill').primary;
  const product = await deps.catalog.fresh(env, provider, productCode);
  if (!product.ok) return product;
  const p = product.value;
  if (p.kind !== 'bill') return err(appError('invalid_request', 'Produk ini bukan tagihan.'));
  if (p.status !== 1) return err(appError('product_unavailable', p.status === 2 ? 'Produk dinonaktifkan penyedia.' : 'Produk sedang gangguan di penyedia. Coba lagi nanti.'));
  // The product's own extra inputs, all of them and nothing else; kept with the inquiry so the
  // payment of this bill sends the same.
  const fields = checkFieldValues(readFieldSpecs(p.extra_fields), fieldValues);
  if (!fields.ok) return fields;
  const blocked = pendingBlock(deps, [customerNumber]);
  if (blocked) return blocked;
  const distributor = await deps.providers.distributor(provider, env);
  if (!distributor.ok) return distributor;
  const rec = await tracked(
    deps,
    provider,
    env,
    (ref) => distributor.value.inquireBill({ ref, productCode, customerNumber, fields: fields.value }),
    (bill, at) => ({
      id: ulid(at),
      env,
      provider,
      product_kind: 'bill',
      product_code: productCode,
      created_at: at,
      expires_at: at + deps.inquiryTtlMs,
      customer_number: customerNumber,
      meter_number: '',
      idpel: '',
      customer_name: bill.customerName,
      tariff_power: '',
      face_value: bill.baseAmount,
      provider_admin: bill.adminFee,
      provider_cost: bill.salesPrice,
      unsold_tokens: 0,
      inquiry_ref: bill.inquiryRef ?? '',
      lines_json: JSON.stringify(bill.lines),
      fields_json: JSON.stringify(fields.value),
    }),
  );
  if (!rec.ok) return rec;
  return billView(deps, rec.value);
}

export function loadInquiry(deps: SaleDeps, inquiryId: string, kind: InquiryRecord['product_kind']): Result<InquiryRecord> {
  const r = getInquiry(deps.db, inquiryId);
  if (!r || r.product_kind !== kind) return err(appError('inquiry_not_found', 'Data cek pelanggan tidak ditemukan. Ulangi cek.'));
  if (r.expires_at < deps.now()) {
    return err(appError('inquiry_expired', 'Data cek pelanggan sudah kedaluwarsa. Ulangi cek.'));
  }
  if (r.env !== deps.settings.mode()) {
    return err(appError('inquiry_expired', 'Mode aplikasi berubah setelah cek pelanggan. Ulangi cek.'));
  }
  return ok(r);
}
