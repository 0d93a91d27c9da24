// Starting a sale: the core prices it (never the renderer), checks the payment and the deposit, and
// records the sale, its payment and the purchase intent in one commit before anything is sent.
// Cash is in hand, so the purchase goes at once; any other method is charged first and the
// purchase waits until the money is in.
import { checkFieldValues, readFieldSpecs } from '../../../shared/provider-fields';
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import { formatAmount, formatRupiah } from '../../../shared/domain/money';
import { businessDate } from '../../../shared/domain/time';
import type { ParsedReq, SaleView, Warning } from '../../../shared/contract';
import { MAX_CASH_OVER_TOTAL, type CardInput, type PaymentChoice } from '../../../shared/payment';
import { createSale, getSaleByClientRequest, recentSucceededSales, type NewPayment, type NewSale } from '../../db/queries/sales';
import type { SaleDeps, SeatOf } from './deps';
import { billWarnings, loadInquiry, pendingBlock, RECENT_WINDOW_MS } from './inquiries';
import { loadSaleView, receiptNo } from './sale-view';
import { checkCard } from '../payments/card-check';
import { PLN_CATEGORY, plnTokenCode, tokenOptions } from './token-options';
import { UNAVAILABLE } from '../catalog/catalog-service';
import { routeFor } from '../catalog/routes';

/** The parts of a sale that depend on the product; the rest is filled in by `beginSale`. */
export type SaleDraft = Omit<NewSale, 'id' | 'clientRequestId' | 'repeatSince' | 'env' | 'businessDate' | 'at' | 'cashier' | 'providerRef' | 'payment' | 'warningsJson' | 'shiftId'>;

const fail = (code: Parameters<typeof appError>[0], message: string): Result<never> => err(appError(code, message));

export type Begin = (req: { clientRequestId: string; payment: PaymentChoice; confirmRepeat: boolean }, draft: SaleDraft, warnings: Warning[], seatOf: SeatOf) => Promise<Result<SaleView>>;

/** The payment as the ledger records it, or why it cannot be taken. */
function paymentFor(deps: SaleDeps, choice: PaymentChoice, total: number, at: number): Result<{ payment: NewPayment; card: CardInput | null }> {
  const id = ulid(at);
  if (choice.method === 'cash') {
    if (choice.tendered < total) {
      return fail('insufficient_cash', `Uang diterima ${formatRupiah(choice.tendered)} kurang dari total ${formatRupiah(total)}.`);
    }
    if (choice.tendered > total + MAX_CASH_OVER_TOTAL) {
      return fail('invalid_request', `Uang diterima ${formatRupiah(choice.tendered)} terlalu besar untuk total ${formatRupiah(total)} (paling banyak ${formatRupiah(total + MAX_CASH_OVER_TOTAL)}). Periksa ketikannya.`);
    }
    return ok({ payment: { id, method: 'cash', tendered: choice.tendered }, card: null });
  }
  const providerRef = `LKT-P-${ulid(at)}`;
  if (choice.method === 'card') {
    const checked = checkCard(choice.card, deps.now());
    if (!checked.ok) return checked;
    return ok({ payment: { id, method: 'card', provider: deps.payments.gatewayFor('card'), providerRef }, card: choice.card });
  }
  return ok({ payment: { id, method: choice.method, provider: deps.payments.gatewayFor(choice.method), providerRef }, card: null });
}

/** Waits for the first answer (the purchase for cash, the charge otherwise), but not longer than startWaitMs. */
async function briefly(deps: SaleDeps, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work, new Promise<void>((r) => (timer = setTimeout(r, deps.startWaitMs)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function createBegin(deps: SaleDeps, pay: (saleId: string) => Promise<void>): Begin {
  return async (req, draft, warnings, seatOf) => {
    const env = deps.settings.mode();
    const counter = seatOf(env);
    if (!counter.ok) return counter;
    const chosen = paymentFor(deps, req.payment, draft.total, deps.now());
    if (!chosen.ok) return chosen;
    const p = chosen.value.payment;
    if (p.method !== 'cash') {
      const ready = await deps.payments.ready(p.provider, env);
      if (!ready.ok) return ready;
    }
    const covered = deps.deposits.check(env, draft.provider, draft.providerCost);
    if (!covered.ok) return covered;
    const outlet = deps.settings.outlet();
    const at = deps.now();
    const created = createSale(deps.db, {
      ...draft,
      id: ulid(at),
      clientRequestId: req.clientRequestId,
      repeatSince: req.confirmRepeat ? null : at - RECENT_WINDOW_MS,
      env,
      businessDate: businessDate(at, outlet.timeZone),
      at,
      cashier: counter.value.cashier,
      shiftId: counter.value.shiftId,
      providerRef: `LKT-${ulid(at)}`,
      warningsJson: JSON.stringify(warnings),
      payment: chosen.value.payment,
    });
    switch (created.kind) {
      case 'blocked':
        return fail('meter_has_pending_sale', `Nomor ini masih punya transaksi belum selesai (struk ${receiptNo(created.open.seq)}). Jangan jual ulang.`);
      case 'repeat':
        return fail(
          'repeat_unconfirmed',
          `Pelanggan ini sudah membeli produk yang sama ${Math.max(1, Math.round((at - created.at) / 60_000))} menit lalu (struk ${receiptNo(created.seq)}). Konfirmasi dulu bila memang membeli lagi.`,
        );
      case 'inquiry_used':
        return fail('inquiry_expired', `Data cek ini sudah dipakai untuk struk ${receiptNo(created.seq)}. Ulangi cek untuk pembelian baru.`);
      case 'existing':
        return ok(loadSaleView(deps.db, created.sale));
      case 'created':
        break;
    }
    const saleId = created.sale.id;
    deps.log.info('sale.created', { saleId, ref: created.sale.provider_ref, provider: draft.provider, total: draft.total, payment: chosen.value.payment.method });
    await deps.checkpoint('sale.created', saleId);
    await briefly(deps, chosen.value.payment.method === 'cash' ? pay(saleId) : deps.payments.begin(saleId, chosen.value.card));
    const now = getSaleByClientRequest(deps.db, req.clientRequestId)!;
    return ok(loadSaleView(deps.db, now));
  };
}

export function plnTokenDraft(deps: SaleDeps, req: ParsedReq<'sale.startPlnToken'>): Result<{ draft: SaleDraft; warnings: Warning[] }> {
  const inquiry = loadInquiry(deps, req.inquiryId, 'pln_prepaid');
  if (!inquiry.ok) return inquiry;
  const inq = inquiry.value;
  const option = tokenOptions(deps, inq).find((o) => o.denomination === req.denomination);
  if (!option) return fail('invalid_denomination', 'Nominal token tidak tersedia.');
  if (!option.available) return fail('product_unavailable', option.reason ?? 'Nominal ini tidak bisa dijual sekarang.');
  const warnings: Warning[] = [];
  const recent = recentSucceededSales(deps.db, [inq.meter_number, inq.idpel], deps.now() - RECENT_WINDOW_MS).find(
    (s) => s.product_code === plnTokenCode(req.denomination),
  );
  if (recent) warnings.push({ code: 'recent_same_sale', params: { receiptNo: receiptNo(recent.seq) } });
  return {
    ok: true,
    value: {
      warnings,
      draft: {
        productKind: 'pln_prepaid',
        productCode: plnTokenCode(req.denomination),
        providerProduct: option.providerProduct,
        productName: `Token PLN ${formatAmount(req.denomination)}`,
        category: PLN_CATEGORY,
        provider: inq.provider,
        inquiryId: inq.id,
        customerNumber: inq.customer_number,
        customerName: inq.customer_name,
        meterNumber: inq.meter_number,
        idpel: inq.idpel,
        tariffPower: inq.tariff_power,
        ...option.amounts,
        inquiryRef: inq.inquiry_ref || null,
        inquiryLinesJson: '[]',
        providerFieldsJson: null,
      },
    },
  };
}

export function billDraft(deps: SaleDeps, req: ParsedReq<'sale.startBill'>): Result<{ draft: SaleDraft; warnings: Warning[] }> {
  const inquiry = loadInquiry(deps, req.inquiryId, 'bill');
  if (!inquiry.ok) return inquiry;
  const inq = inquiry.value;
  const product = deps.catalog.product(inq.env, inq.provider, inq.product_code);
  if (!product || product.status !== 1) return fail('product_unavailable', product ? UNAVAILABLE[product.status === 2 ? 2 : 3] : 'Produk tidak ada di katalog.');
  const cost = inq.provider_cost ?? 0;
  const q = deps.catalog.quote(product, cost);
  if (!q.ok) return q;
  return {
    ok: true,
    value: {
      warnings: billWarnings(deps, inq),
      draft: {
        productKind: 'bill',
        productCode: product.code,
        providerProduct: product.code,
        productName: product.name,
        category: product.category,
        provider: inq.provider,
        inquiryId: inq.id,
        customerNumber: inq.customer_number,
        customerName: inq.customer_name,
        meterNumber: '',
        idpel: '',
        tariffPower: '',
        faceValue: inq.face_value ?? 0,
        providerAdmin: inq.provider_admin,
        providerCost: cost,
        margin: q.value.margin,
        total: q.value.total,
        // Digiflazz pays a bill under its inquiry's ref_id; SAT needs none.
        inquiryRef: inq.inquiry_ref || null,
        inquiryLinesJson: inq.lines_json,
        // What the inquiry sent (SAT `fields`), sent again with the payment.
        providerFieldsJson: inq.fields_json === '[]' ? null : inq.fields_json,
      },
    },
  };
}

export async function digitalDraft(deps: SaleDeps, req: ParsedReq<'sale.startDigital'>): Promise<Result<{ draft: SaleDraft; warnings: Warning[] }>> {
  const customerNumber = req.customerNumber.replace(/[\s-]/g, '');
  if (!/^\d{4,24}$/.test(customerNumber)) return fail('invalid_customer_number', 'Nomor tujuan hanya angka (4–24 digit).');
  const env = deps.settings.mode();
  const provider = routeFor(deps.settings.routing(), 'digital').primary;
  const product = await deps.catalog.fresh(env, provider, req.productCode);
  if (!product.ok) return product;
  const p = product.value;
  if (p.kind !== 'digital' || p.is_inquiry === 1) return fail('invalid_request', 'Produk ini dijual lewat menu lain.');
  if (p.status !== 1) return fail('product_unavailable', UNAVAILABLE[p.status === 2 ? 2 : 3]);
  const q = deps.catalog.quote(p, p.price);
  if (!q.ok) return q;
  const fields = checkFieldValues(readFieldSpecs(p.extra_fields), req.fields);
  if (!fields.ok) return fields;
  if (q.value.total !== req.expectedTotal) {
    return fail('price_changed', `Harga ${p.name} berubah menjadi ${formatRupiah(q.value.total)}. Konfirmasi ulang ke pelanggan.`);
  }
  const blocked = pendingBlock(deps, [customerNumber]);
  if (blocked) return blocked;
  return {
    ok: true,
    value: {
      warnings: [],
      draft: {
        productKind: 'digital',
        productCode: p.code,
        providerProduct: p.code,
        productName: p.name,
        category: p.category,
        provider,
        inquiryId: null,
        customerNumber,
        customerName: '',
        meterNumber: '',
        idpel: '',
        tariffPower: '',
        faceValue: p.face_value ?? p.price,
        providerAdmin: 0,
        providerCost: p.price,
        margin: q.value.margin,
        total: q.value.total,
        inquiryRef: null,
        inquiryLinesJson: '[]',
        providerFieldsJson: fields.value.length === 0 ? null : JSON.stringify(fields.value),
      },
    },
  };
}
