// Standalone bitcoin orders: the counter takes bitcoin for something sold outside Loket (a typed
// amount and reference). The same rules as a sale's payment: the row — with the reference Chainside
// is given — is in the ledger before the create; an answer that settles nothing is followed by a
// lookup of that reference, never by a second order; the order is followed until it is final,
// across restarts; bitcoin sent beyond the amount (or to an order that closed) is owed back.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { CryptoOrderView } from '../../../shared/payment';
import type { Mode, ParsedReq, Receipt, SimulatedOutcome } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import type { BitcoinOrderRecord } from '../../db/rows';
import {
  countBitcoinPrint,
  getBitcoinOrder,
  insertBitcoinOrder,
  recordBitcoinSnapshot,
  recordPaidWatch,
  requestBitcoinCancel,
  type BitcoinOrderState,
} from '../../db/queries/bitcoin-orders';
import type { Logger } from '../../log/logger';
import type { BitcoinGateway as ChainsideGateway, BitcoinOrder as ChainsideOrder, PaymentStatus } from '../../providers/payment-contract';
import { createSaleGuard } from '../sales/sale-guard';
import { nextUnknownCheck, nextWaitingCheck, type PaymentTiming } from '../payments/payment-ladder';
import { layoutBitcoinOrderReceipt } from '../../receipts/layout';
import { nextPaidLook, paidFinding, paidWatchStart } from './paid-watch';

export type CryptoDeps = {
  db: Ledger;
  now: () => number;
  log: Logger;
  mode: () => Mode;
  outlet: () => { name: string; address: string; timeZone: string };
  chainside(env: Mode): Promise<Result<ChainsideGateway>>;
  simulate(ref: string, outcome: SimulatedOutcome): Promise<Result<void>>;
  timing: PaymentTiming;
  onScheduleChange: () => void;
};

export type CryptoOrders = {
  /** `cashier`: the person signed in at the caller's session (the order is theirs on every report). */
  create(req: ParsedReq<'crypto.create'>, cashier: string): Promise<Result<CryptoOrderView>>;
  get(reference: string, remote: boolean): Promise<Result<CryptoOrderView>>;
  /** Scheduler and "check now": ask Chainside and record the answer. */
  check(reference: string): Promise<void>;
  cancel(reference: string): Promise<Result<CryptoOrderView>>;
  simulate(reference: string, outcome: SimulatedOutcome): Promise<Result<CryptoOrderView>>;
  list(q: ParsedReq<'crypto.list'>): Promise<Result<{ items: CryptoOrderView[]; totalItems: number; totalPages: number }>>;
  /** The paid order's struk laid out for `columns`; a second print is a copy. */
  receipt(reference: string, columns: number): Result<Receipt>;
  idle(): Promise<void>;
};

/** An unknown create is sent again under the same reference only soon after (the customer is still there). */
const RECREATE_WINDOW_MS = 2 * 60_000;
const FINAL = new Set<BitcoinOrderState>(['paid', 'expired', 'cancelled', 'failed']);

const notFound = (): Result<never> => (err(appError('sale_not_found', 'Pesanan bitcoin tidak ditemukan.')));

export function toCryptoView(r: BitcoinOrderRecord, remote: ChainsideOrder | null): CryptoOrderView {
  const txids = JSON.parse(r.txids_json) as string[];
  const bitcoin = remote?.bitcoin ??
    (r.order_uuid && r.satoshi && r.address && r.uri
      ? {
          orderUuid: r.order_uuid,
          address: r.address,
          uri: r.uri,
          satoshi: r.satoshi,
          rate: r.rate ?? '0',
          currency: r.currency,
          requiredConfirmations: r.required_confirmations ?? 0,
          confirmations: 0,
          paidSat: r.paid_sat,
          inConfirmationSat: r.in_confirmation_sat,
          unpaidSat: r.unpaid_sat,
          unpaidRupiah: 0,
          overpaidSat: r.overpaid_sat,
          blockchainStatus: r.blockchain_status ?? 'pending',
          status: r.status ?? 'pending',
          txids,
        }
      : null);
  return {
    reference: r.id,
    label: r.label,
    saleId: r.sale_id,
    amount: r.fiat_amount,
    state: r.state,
    bitcoin,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    resolvedAt: r.resolved_at,
    cashier: r.cashier,
    excess: r.excess_amount,
    transactions: remote?.transactions ?? txids.map((txid) => ({ txid, status: '', blockchainStatus: '', satoshi: 0, createdAt: null })),
    lastError: r.last_error,
    checkAttempts: r.check_attempts,
    nextCheckAt: r.next_check_at,
    cancelRequested: r.cancel_requested === 1,
    dispute: r.chargeback_at !== null ? 'chargeback' : r.dispute_at === null ? 'none' : r.status === 'network_dispute' ? 'open' : 'ended',
    disputeAt: r.dispute_at,
    chargebackAt: r.chargeback_at,
  };
}

/** An order Loket did not create (or does not hold): shown as Chainside has it. */
function remoteView(o: ChainsideOrder): CryptoOrderView {
  const s = o.bitcoin.status;
  const state: CryptoOrderView['state'] = s === 'paid' ? 'paid' : s === 'expired' ? 'expired' : s === 'cancelled' ? 'cancelled' : s === 'chargeback' ? 'failed' : 'pending';
  return {
    reference: o.reference,
    label: o.details ?? '',
    saleId: null,
    amount: o.amount,
    state,
    bitcoin: o.bitcoin,
    createdAt: o.createdAt ?? 0,
    expiresAt: o.expiresAt,
    resolvedAt: o.resolvedAt,
    cashier: '',
    excess: 0,
    transactions: o.transactions,
    lastError: null,
    checkAttempts: 0,
    nextCheckAt: null,
    cancelRequested: false,
    dispute: s === 'chargeback' ? 'chargeback' : s === 'network_dispute' ? 'open' : 'none',
    disputeAt: o.disputeStartAt,
    chargebackAt: o.chargebackAt,
  };
}

export function createCryptoOrders(deps: CryptoDeps): CryptoOrders {
  const { db, log } = deps;
  const guard = createSaleGuard();
  const scale = deps.timing.scale;

  async function gatewayFor(r: BitcoinOrderRecord): Promise<Result<ChainsideGateway>> {
    return deps.chainside(r.env);
  }

  /** Records what Chainside said, and when to ask next. */
  function apply(r: BitcoinOrderRecord, status: PaymentStatus): void {
    const at = deps.now();
    const base = { expiresAt: null as number | null, excess: 0, error: null as string | null };
    switch (status.kind) {
      case 'pending':
        recordBitcoinSnapshot(db, r.id, at, {
          ...base,
          state: 'pending',
          snapshot: status.display?.bitcoin ?? null,
          expiresAt: status.expiresAt,
          nextCheckAt: nextWaitingCheck(r.created_at, at, status.expiresAt ?? r.expires_at, deps.timing),
        });
        return;
      case 'settled':
        recordBitcoinSnapshot(db, r.id, at, { ...base, state: 'paid', snapshot: status.settled.display?.bitcoin ?? null, excess: status.settled.excess ?? 0, ...paidWatchStart(at, scale) });
        log.info('crypto.paid', { reference: r.id, excess: status.settled.excess ?? 0 });
        return;
      case 'closed':
        recordBitcoinSnapshot(db, r.id, at, {
          ...base,
          state: status.reason === 'denied' ? 'failed' : status.reason,
          snapshot: status.display?.bitcoin ?? null,
          excess: status.excess ?? 0,
          nextCheckAt: null,
          error: status.error.message,
        });
        log.info('crypto.closed', { reference: r.id, reason: status.reason, excess: status.excess ?? 0 });
        return;
      case 'refunded':
      case 'unknown':
        recordBitcoinSnapshot(db, r.id, at, {
          ...base,
          state: r.state,
          snapshot: null,
          nextCheckAt: nextUnknownCheck(r.check_attempts, at, scale),
          error: status.kind === 'unknown' ? status.error.detail : 'unexpected refund',
        });
    }
  }

  async function createAt(r: BitcoinOrderRecord, gw: ChainsideGateway): Promise<void> {
    const status = await gw.charge({ ref: r.id, method: 'bitcoin', amount: r.fiat_amount, expirySeconds: 0, description: r.label, card: null });
    apply(r, status);
  }

  /** A paid order (a sale's or standalone) looked at again: disputes and chargebacks after "paid". */
  async function watchPaid(r: BitcoinOrderRecord): Promise<void> {
    const at = deps.now();
    const gw = await gatewayFor(r);
    const status: PaymentStatus = gw.ok
      ? await gw.value.status(r.id, r.order_uuid, r.fiat_amount)
      : { kind: 'unknown', notFound: false, error: { code: gw.error.code, message: gw.error.message, detail: gw.error.detail ?? gw.error.message, providerCode: null } };
    const finding = paidFinding(status);
    const snapshot = status.kind === 'settled' ? (status.settled.display?.bitcoin ?? null) : status.kind === 'pending' || status.kind === 'closed' ? (status.display?.bitcoin ?? null) : null;
    const nextCheckAt = nextPaidLook(finding, at, r.watch_until ?? at, scale, nextUnknownCheck(r.check_attempts, at, scale));
    recordPaidWatch(db, r.id, at, { finding, snapshot, nextCheckAt, error: status.kind === 'unknown' ? status.error.detail : null });
    if (finding === 'dispute' && r.dispute_at === null) log.warn('crypto.dispute', { reference: r.id, saleId: r.sale_id, blockchainStatus: snapshot?.blockchainStatus ?? null });
    if (finding === 'paid' && r.dispute_at !== null && r.status === 'network_dispute') log.info('crypto.dispute_ended', { reference: r.id, saleId: r.sale_id });
    if (finding === 'chargeback') log.error('crypto.chargeback', { reference: r.id, saleId: r.sale_id, amount: r.fiat_amount });
  }

  async function checkNow(reference: string): Promise<void> {
    const r = getBitcoinOrder(db, reference);
    if (r && r.state === 'paid' && r.watch_until !== null && r.chargeback_at === null) return watchPaid(r);
    if (!r || r.sale_id !== null || FINAL.has(r.state)) return;
    const gw = await gatewayFor(r);
    if (!gw.ok) return apply(r, { kind: 'unknown', notFound: false, error: { code: gw.error.code, message: gw.error.message, detail: gw.error.detail ?? gw.error.message, providerCode: null } });
    const at = deps.now();
    const status = r.cancel_requested === 1 ? await gw.value.cancel(r.id, r.order_uuid, r.fiat_amount) : await gw.value.status(r.id, r.order_uuid, r.fiat_amount);
    if (status.kind === 'unknown' && status.notFound && r.state === 'created') {
      // Proven absent: the create never reached Chainside. Sent again under the same reference while
      // the customer is surely still there; otherwise the order is closed as failed.
      if (at - r.created_at < RECREATE_WINDOW_MS * Math.max(scale, 0.001) && r.cancel_requested === 0) return createAt(r, gw.value);
      return apply(r, { kind: 'closed', reason: 'failed', error: { ...status.error, message: 'Pesanan tidak sampai ke Chainside. Tidak ada bitcoin yang masuk.' } });
    }
    const expired = r.expires_at !== null && at > r.expires_at + deps.timing.expiryGraceMs * scale;
    if (status.kind === 'pending' && expired) return apply(r, await gw.value.expire(r.id, r.order_uuid, r.fiat_amount));
    apply(r, status);
  }

  const check = (reference: string): Promise<void> => guard.run(reference, () => checkNow(reference).finally(deps.onScheduleChange));

  async function view(reference: string, fetch: boolean): Promise<Result<CryptoOrderView>> {
    const r = getBitcoinOrder(db, reference);
    if (!r) return notFound();
    let remote: ChainsideOrder | null = null;
    if (fetch && r.order_uuid) {
      const gw = await gatewayFor(r);
      if (gw.ok) {
        const o = await gw.value.getOrder(r.order_uuid);
        if (o.ok) remote = o.value;
      }
    }
    return ok(toCryptoView(getBitcoinOrder(db, reference)!, remote));
  }

  return {
    async create(req, cashier) {
      const env = deps.mode();
      const gw = await deps.chainside(env);
      if (!gw.ok) return gw;
      const at = deps.now();
      // The client's request id makes a double Enter (or a retried IPC) one order.
      const id = `LKT-BTC-${req.clientRequestId.replace(/[^\w-]/g, '').slice(0, 40)}`;
      const existing = getBitcoinOrder(db, id);
      if (!existing) {
        insertBitcoinOrder(db, { id, saleId: null, env, label: req.label, cashier, fiatAmount: req.amount, at }, at + Math.round(5_000 * Math.max(scale, 0.01)));
        log.info('crypto.intent', { reference: id, amount: req.amount });
        await guard.run(id, () => createAt(getBitcoinOrder(db, id)!, gw.value).finally(deps.onScheduleChange));
      }
      return view(id, false);
    },
    get: (reference, remote) => view(reference, remote),
    check,
    async cancel(reference) {
      const r = getBitcoinOrder(db, reference);
      if (!r || r.sale_id !== null) return notFound();
      if (FINAL.has(r.state)) return err(appError('not_allowed_in_state', 'Pesanan ini sudah selesai; tidak bisa dibatalkan.'));
      requestBitcoinCancel(db, reference, deps.now());
      await check(reference);
      const after = getBitcoinOrder(db, reference)!;
      if (!FINAL.has(after.state)) await check(reference);
      return view(reference, false);
    },
    async simulate(reference, outcome) {
      const r = getBitcoinOrder(db, reference);
      if (!r) return notFound();
      if (r.env !== 'training') return err(appError('forbidden', 'Simulasi hanya ada di mode training.'));
      const done = await deps.simulate(reference, outcome);
      if (!done.ok) return done;
      await check(reference);
      return view(reference, false);
    },
    async list(q) {
      const env = deps.mode();
      const gw = await deps.chainside(env);
      if (!gw.ok) return gw;
      const page = await gw.value.listOrders(q);
      if (!page.ok) return err(appError(page.error.code, page.error.message, page.error.detail));
      const items = page.value.items.map((o) => {
        const local = o.reference ? getBitcoinOrder(db, o.reference) : null;
        return local ? toCryptoView(local, o) : remoteView(o);
      });
      return ok({ items, totalItems: page.value.totalItems, totalPages: page.value.totalPages });
    },
    receipt(reference, columns) {
      const r = getBitcoinOrder(db, reference);
      if (!r || r.sale_id !== null) return notFound();
      if (r.state !== 'paid') return err(appError('not_allowed_in_state', 'Struk bitcoin dicetak setelah pesanan lunas.'));
      // A "LUNAS" slip for bitcoin the network took back would be false.
      if (r.chargeback_at !== null) return err(appError('not_allowed_in_state', 'Pesanan ini terkena chargeback; struk lunas tidak dicetak lagi.'));
      const copy = countBitcoinPrint(db, reference) - 1;
      const outlet = deps.outlet();
      return {
        ok: true,
        value: {
          saleId: r.id,
          kind: 'crypto',
          columns,
          copyNumber: copy,
          lines: layoutBitcoinOrderReceipt({ order: toCryptoView(r, null), outlet, training: r.env === 'training', copy: copy > 0 ? { number: copy, at: deps.now() } : null }, columns),
          qr: null,
          paper: null,
        },
      };
    },
    idle: () => guard.idle(),
  };
}

