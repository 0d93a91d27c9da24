// The PLN token sale use cases behind the contract calls.
import { appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import { sumRupiah, formatRupiah } from '../../../shared/domain/money';
import { DEFAULT_PLN_DENOMINATIONS } from '../../../shared/domain/pln';
import { businessDate } from '../../../shared/domain/time';
import type { PlnInquiry, SaleView, Warning, ParsedReq } from '../../../shared/contract';
import {
  createCashSale,
  declareSaleFailed,
  getSale,
  getSaleByClientRequest,
  recentSucceededSales,
  recordCashReturned,
  recoverUnfinished,
  type RecoveryReport,
} from '../../db/queries/sales';
import type { SaleDeps } from './deps';
import { inquirePln, loadInquiry, RECENT_WINDOW_MS } from './inquire';
import { sendPay } from './pay';
import { sendAdvice } from './advise';
import { createSaleGuard } from './sale-guard';
import { receiptNo, toSaleView } from './sale-view';

export type SalesService = {
  inquire(customerNumber: string): Promise<Result<PlnInquiry>>;
  start(request: ParsedReq<'sale.startPlnToken'>): Promise<Result<SaleView>>;
  get(saleId: string): Result<SaleView>;
  checkStatus(saleId: string): Promise<Result<SaleView>>;
  confirmCashReturned(saleId: string): Result<SaleView>;
  declareFailed(saleId: string): Result<SaleView>;
  /** Scheduler entry: one advice for a due sale (joins one already running). */
  advise(saleId: string): Promise<void>;
  /** At start: settle what a crash left behind (see recoverUnfinished). */
  resume(): RecoveryReport;
  /** Waits for every PAY/ADV in flight (stop, tests). */
  idle(): Promise<void>;
};

/** Resolves when `work` settles or after `ms`, whichever comes first; the timer never outlives it. */
async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function createSalesService(deps: SaleDeps): SalesService {
  const guard = createSaleGuard();
  const notFound = (): Result<never> => ({ ok: false, error: appError('sale_not_found', 'Transaksi tidak ditemukan.') });
  const view = (saleId: string): Result<SaleView> => {
    const s = getSale(deps.db, saleId);
    return s ? { ok: true, value: toSaleView(s) } : notFound();
  };
  // One provider exchange per sale at a time; afterwards the advice schedule is re-read.
  const exclusive =
    (send: (deps: SaleDeps, saleId: string) => Promise<void>) =>
    (saleId: string): Promise<void> =>
      guard.run(saleId, () => send(deps, saleId).finally(deps.onScheduleChange));
  const pay = exclusive(sendPay);
  const advise = exclusive(sendAdvice);

  async function start(req: ParsedReq<'sale.startPlnToken'>): Promise<Result<SaleView>> {
    const existing = getSaleByClientRequest(deps.db, req.clientRequestId);
    if (existing) return { ok: true, value: toSaleView(existing) };
    const inquiry = loadInquiry(deps, req.inquiryId);
    if (!inquiry.ok) return inquiry;
    const inq = inquiry.value;
    if (inq.env !== deps.settings.mode()) {
      return { ok: false, error: appError('inquiry_expired', 'Mode aplikasi berubah setelah cek pelanggan. Ulangi cek.') };
    }
    if (!DEFAULT_PLN_DENOMINATIONS.includes(req.denomination)) {
      return { ok: false, error: appError('invalid_denomination', 'Nominal token tidak tersedia.') };
    }
    const outlet = deps.settings.outlet();
    const total = sumRupiah(req.denomination, inq.provider_admin, outlet.counterFee);
    if (req.tendered < total) {
      return {
        ok: false,
        error: appError('insufficient_cash', `Uang diterima ${formatRupiah(req.tendered)} kurang dari total ${formatRupiah(total)}.`),
      };
    }
    const at = deps.now();
    const warnings: Warning[] = [];
    const recent = recentSucceededSales(deps.db, [inq.meter_number, inq.idpel], at - RECENT_WINDOW_MS).find(
      (s) => s.denomination === req.denomination,
    );
    if (recent) warnings.push({ code: 'recent_same_sale', params: { receiptNo: receiptNo(recent.seq) } });
    const created = createCashSale(deps.db, {
      id: ulid(at),
      clientRequestId: req.clientRequestId,
      provider: 'vsi',
      env: inq.env,
      businessDate: businessDate(at, outlet.timeZone),
      at,
      cashier: outlet.cashierName,
      inquiryId: inq.id,
      customerNumber: inq.customer_number,
      meterNumber: inq.meter_number,
      idpel: inq.idpel,
      customerName: inq.customer_name,
      tariffPower: inq.tariff_power,
      denomination: req.denomination,
      providerAdmin: inq.provider_admin,
      counterFee: outlet.counterFee,
      total,
      trxid: `LKT-${ulid(at)}`,
      inquiryRef: inq.inquiry_ref,
      warningsJson: JSON.stringify(warnings),
      paymentId: ulid(at),
      tendered: req.tendered,
    });
    if (created.kind === 'blocked') {
      return {
        ok: false,
        error: appError(
          'meter_has_pending_sale',
          `Meter ini masih punya transaksi belum selesai (struk ${receiptNo(created.open.seq)}). Jangan jual ulang.`,
        ),
      };
    }
    if (created.kind === 'inquiry_used') {
      return {
        ok: false,
        error: appError('inquiry_expired', `Data cek ini sudah dipakai untuk struk ${receiptNo(created.seq)}. Ulangi cek untuk pembelian baru.`),
      };
    }
    if (created.kind === 'existing') return { ok: true, value: toSaleView(created.sale) };
    deps.log.info('sale.created', { saleId: created.sale.id, trxid: created.sale.trxid, total });
    await deps.checkpoint('sale.created', created.sale.id);
    const paying = pay(created.sale.id);
    await waitAtMost(paying, deps.startWaitMs);
    return view(created.sale.id);
  }

  return {
    inquire: (n) => inquirePln(deps, n),
    start,
    get: view,
    async checkStatus(saleId) {
      const s = getSale(deps.db, saleId);
      if (!s) return notFound();
      if (s.state === 'paid' || s.state === 'sending') {
        return { ok: false, error: appError('sale_busy', 'Pembelian masih dikirim ke penyedia. Tunggu sebentar.') };
      }
      if (s.state === 'pending' || s.state === 'review') await advise(saleId);
      return view(saleId);
    },
    confirmCashReturned(saleId) {
      const s = getSale(deps.db, saleId);
      if (!s) return notFound();
      if (s.cash_state !== 'refund_due') {
        return { ok: false, error: appError('not_allowed_in_state', 'Tidak ada uang yang harus dikembalikan untuk transaksi ini.') };
      }
      recordCashReturned(deps.db, saleId, deps.now());
      return view(saleId);
    },
    declareFailed(saleId) {
      const s = getSale(deps.db, saleId);
      if (!s) return notFound();
      if (s.state !== 'review') {
        return {
          ok: false,
          error: appError('not_allowed_in_state', 'Hanya transaksi yang perlu dicek petugas yang boleh dinyatakan gagal.'),
        };
      }
      declareSaleFailed(deps.db, saleId, deps.now(), {
        code: 'provider_failed',
        message: 'Dinyatakan gagal oleh petugas setelah pengecekan ke penyedia. Kembalikan uang pelanggan.',
        detail: `declared after review (${s.review_reason ?? 'unknown'}), ${s.advice_attempts} advice attempts, ${s.not_found_count} not found`,
      });
      deps.onScheduleChange();
      return view(saleId);
    },
    advise,
    resume() {
      const report = recoverUnfinished(deps.db, deps.now(), {
        code: 'sale_interrupted',
        message: 'Transaksi terhenti sebelum dikirim ke penyedia. Kembalikan uang pelanggan.',
        detail: 'Loket stopped after taking the cash and before sending the purchase',
      });
      if (report.interrupted.length + report.uncertain.length > 0) deps.log.warn('recovery.resumed', report);
      deps.onScheduleChange();
      return report;
    },
    idle: () => guard.idle(),
  };
}
