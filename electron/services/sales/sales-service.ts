// The sale use cases behind the contract calls: PLN tokens (VSI or SAT), bills and digital products (SAT).
import type { FieldValue } from '../../../shared/provider-fields';
import { recordExcessReturned } from '../../db/queries/payments';
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { BillInquiryView, ParsedReq, PlnInquiry, SaleView } from '../../../shared/contract';
import {
  declareSaleFailed,
  getSale,
  getSaleByClientRequest,
  recordManualRefund,
  recoverUnfinished,
  type RecoveryReport,
} from '../../db/queries/sales';
import type { SaleDeps, SeatOf } from './deps';
import { inquireBill, inquirePln } from './inquiries';
import { sendPay } from './pay';
import { sendAdvice } from './advise';
import { createSaleGuard } from './sale-guard';
import { loadSaleView } from './sale-view';
import { ulid } from '../../../shared/domain/ids';
import type { PaymentChoice } from '../../../shared/payment';
import { billDraft, createBegin, digitalDraft, plnTokenDraft, type SaleDraft } from './start';
import type { Warning } from '../../../shared/contract';

export type SalesService = {
  inquirePln(customerNumber: string): Promise<Result<PlnInquiry>>;
  startPlnToken(request: ParsedReq<'sale.startPlnToken'>, seatOf: SeatOf): Promise<Result<SaleView>>;
  inquireBill(productCode: string, customerNumber: string, fields?: readonly FieldValue[]): Promise<Result<BillInquiryView>>;
  startBill(request: ParsedReq<'sale.startBill'>, seatOf: SeatOf): Promise<Result<SaleView>>;
  startDigital(request: ParsedReq<'sale.startDigital'>, seatOf: SeatOf): Promise<Result<SaleView>>;
  get(saleId: string): Result<SaleView>;
  checkStatus(saleId: string): Promise<Result<SaleView>>;
  confirmCashReturned(saleId: string): Result<SaleView>;
  /** A supervisor declares it failed: under review, or pending once the provider said "not found" (asked once more first). */
  declareFailed(saleId: string): Promise<Result<SaleView>>;
  /** The purchase of a sale whose payment just settled (joins one already running). */
  pay(saleId: string): Promise<void>;
  /** Scheduler entry: one advice for a due sale (joins one already running). */
  advise(saleId: string): Promise<void>;
  /** At start: settle what a crash left behind (see recoverUnfinished). */
  resume(): RecoveryReport;
  /** Waits for every PAY/ADV in flight (stop, tests). */
  idle(): Promise<void>;
};

export function createSalesService(deps: SaleDeps): SalesService {
  const guard = createSaleGuard();
  const notFound = (): Result<never> => (err(appError('sale_not_found', 'Transaksi tidak ditemukan.')));
  const view = (saleId: string): Result<SaleView> => {
    const s = getSale(deps.db, saleId);
    return s ? ok(loadSaleView(deps.db, s)) : notFound();
  };
  // One provider exchange per sale at a time; afterwards the advice schedule is re-read.
  const exclusive =
    (send: (deps: SaleDeps, saleId: string) => Promise<void>) =>
    (saleId: string): Promise<void> =>
      guard.run(saleId, () => send(deps, saleId).finally(deps.onScheduleChange));
  const pay = exclusive(sendPay);
  const advise = exclusive(sendAdvice);
  const begin = createBegin(deps, pay);

  /** A repeated request returns the sale it already made; otherwise the draft is begun. */
  async function start(
    req: { clientRequestId: string; payment: PaymentChoice; confirmRepeat: boolean },
    draft: () => Result<{ draft: SaleDraft; warnings: Warning[] }> | Promise<Result<{ draft: SaleDraft; warnings: Warning[] }>>,
    seatOf: SeatOf,
  ): Promise<Result<SaleView>> {
    const existing = getSaleByClientRequest(deps.db, req.clientRequestId);
    if (existing) return ok(loadSaleView(deps.db, existing));
    const d = await draft();
    if (!d.ok) return d;
    return begin(req, d.value.draft, d.value.warnings, seatOf);
  }

  return {
    inquirePln: (n) => inquirePln(deps, n),
    startPlnToken: (req, seatOf) => start(req, () => plnTokenDraft(deps, req), seatOf),
    inquireBill: (code, n, fields) => inquireBill(deps, code, n, fields),
    startBill: (req, seatOf) => start(req, () => billDraft(deps, req), seatOf),
    startDigital: (req, seatOf) => start(req, () => digitalDraft(deps, req), seatOf),
    get: view,
    async checkStatus(saleId) {
      const s = getSale(deps.db, saleId);
      if (!s) return notFound();
      if (s.state === 'paid' || s.state === 'sending') {
        return err(appError('sale_busy', 'Pembelian masih dikirim ke penyedia. Tunggu sebentar.'));
      }
      if (s.state === 'pending' || s.state === 'review') await advise(saleId);
      return view(saleId);
    },
    confirmCashReturned(saleId) {
      const s = getSale(deps.db, saleId);
      if (!s) return notFound();
      const manual = s.payment_method === 'cash' || s.payment_refund_manual === 1;
      const refund = s.payment_state === 'refund_due' && manual;
      const excess = s.payment_excess > 0 && s.payment_excess_returned_at === null;
      if (!refund && !excess) {
        return err(appError('not_allowed_in_state', 'Tidak ada uang yang harus dikembalikan oleh petugas untuk transaksi ini.'));
      }
      const at = deps.now();
      const reason = s.payment_method === 'cash' ? 'Uang tunai dikembalikan dari laci' : 'Dana dikembalikan manual oleh supervisor';
      if (refund) recordManualRefund(deps.db, saleId, at, ulid(at), reason);
      // What the customer sent beyond the sale goes back in the same hand-over.
      if (excess) recordExcessReturned(deps.db, saleId, at);
      return view(saleId);
    },
    async declareFailed(saleId) {
      let s = getSale(deps.db, saleId);
      if (!s) return notFound();
      const decidable = (x: NonNullable<typeof s>): boolean => x.state === 'review' || (x.state === 'pending' && x.not_found_count > 0);
      if (!decidable(s)) {
        return {
          ok: false,
          error: appError('not_allowed_in_state', 'Hanya transaksi yang perlu dicek petugas, atau yang tidak ditemukan penyedia, yang boleh dinyatakan gagal.'),
        };
      }
      if (s.state === 'pending') {
        // Not found once is not failed for ever: ask the provider once more, now, before deciding.
        await advise(saleId);
        s = getSale(deps.db, saleId)!;
        if (!decidable(s)) return view(saleId);
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
    pay,
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
