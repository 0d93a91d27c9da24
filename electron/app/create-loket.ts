// Builds the whole core from a config. Hosts call this, serve `handlers`, and call start/stop.
import path from 'node:path';
import { appError } from '../../shared/domain/errors';
import type { Mode } from '../../shared/contract';
import { columnsOf } from '../../shared/printing';
import { openLedger, type Ledger } from '../db/connection';
import { installAuditor, type Auditor } from '../db/audit';
import { auditKey } from '../db/audit-digest';
import { verifyAuditInWorkers } from '../services/audit/verify-in-workers';
import { createBackupService, type BackupService } from '../services/backup/backup-service';
import { backupHandlers } from './backup-handlers';
import { backfillJournal, ensureAccounts, ensurePurchaseProviders } from '../db/queries/journal';
import { describeFinding } from './audit-findings';
import { countOpenSales, getSaleByProviderRef, getSaleByInquiryRef } from '../db/queries/sales';
import { createLogger, type Logger } from '../log/logger';
import { createVault } from '../secrets/vault';
import { createSettingsService, type KeyValidator, type SettingsService } from '../services/settings/settings-service';
import { createSalesService, type SalesService } from '../services/sales/sales-service';
import { createDueScheduler } from '../services/recovery/due-scheduler';
import { upcomingAdvice } from '../db/queries/sales';
import { getPaymentByRef, upcomingPaymentChecks } from '../db/queries/payments';
import { createPaymentService } from '../services/payments/payment-service';
import { createCryptoOrders } from '../services/crypto/crypto-orders';
import { createBooksService } from '../services/books/books-service';
import { createCounterService } from '../services/counter/counter-service';
import { pinPepper } from '../services/counter/pin';
import { claimDataFolder, type DataFolder } from './data-folder';
import { guardCalls } from './call-gate';
import { countSaleEvents } from '../db/queries/sales';
import { getBitcoinOrderByUuid, upcomingBitcoinChecks } from '../db/queries/bitcoin-orders';
import { DEFAULT_PAYMENT_TIMING } from '../services/payments/payment-ladder';
import { DEFAULT_MIDTRANS_TIMEOUTS } from '../providers/midtrans/client';
import { DEFAULT_WORLDLINE_TIMEOUTS } from '../providers/worldline/client';
import { DEFAULT_CHAINSIDE_TIMEOUTS } from '../providers/chainside/client';
import { createPaymentAccess, type ManagedPaymentAccess } from './payment-access';
import { createReceiptService } from '../services/receipts/receipt-service';
import { createPrintService, type PrintService } from '../services/printing/print-service';
import { targetOf } from '../services/printing/transports';
import { layoutShiftReport, layoutTestPage } from '../receipts/layout';
import { formatLocalDateTime } from '../../shared/domain/time';
import { createCatalogService, type CatalogService } from '../services/catalog/catalog-service';
import { createDepositService, type DepositService } from '../services/deposit/deposit-service';
import { todayList } from '../services/reports/today';
import { exportCsv, searchLedger, searchLedgerTotals } from '../services/reports/ledger-search';
import { listUnresolved } from '../services/reports/unresolved';
import { dayReportPdf, gatherDayReport } from '../services/reports/day-report';
import { DEFAULT_ADVICE_TIMING } from '../services/sales/advice-ladder';
import { validateSatKeys } from '../providers/sat/client';
import { PAYMENT_METHOD_GATEWAY, PAYMENT_PROVIDER_NAMES, PURCHASE_PROVIDERS, purchaseDescriptor } from '../providers/registry';
import { createProviderAccess, type ManagedProviderAccess } from './provider-access';
import { createBackground } from './background';
import { createCallbackRunner } from './callbacks';
import type { LoketConfig } from './config';
import type { Caller, HandlerTable } from './invoke';
import type { SeatOf } from '../services/sales/deps';

export type Loket = {
  handlers: HandlerTable;
  log: Logger;
  db: Ledger;
  sales: SalesService;
  settings: SettingsService;
  catalog: CatalogService;
  deposits: DepositService;
  providers: ManagedProviderAccess;
  paymentProviders: ManagedPaymentAccess;
  auditor: Auditor;
  printing: PrintService;
  backups: BackupService;
  /** The host ended a session (web mode evicted a browser): whoever was signed in there is forgotten. */
  forgetSession(id: string): void;
  start(): void;
  stop(): Promise<void>;
};

function scaled<T extends Record<string, number>>(values: T, scale: number): T {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) out[k] = Math.max(1, Math.round(v * scale));
  return out as T;
}

const keyValidator: KeyValidator = ({ privateKeyPem, satPublicKeyPem }) => {
  const r = validateSatKeys(privateKeyPem, satPublicKeyPem);
  return r.ok ? r : { ok: false, error: appError('settings_invalid', r.message, r.detail) };
};

/** Display names of every provider the registry lists (purchase and payment). */
const PROVIDER_NAMES: Record<string, string> = {
  ...Object.fromEntries(PURCHASE_PROVIDERS.map(({ descriptor: d }) => [d.name, d.displayName])),
  ...PAYMENT_PROVIDER_NAMES,
};

export async function createLoket(config: LoketConfig): Promise<Loket> {
  const now = config.now ?? Date.now;
  const scale = config.timeScale ?? 1;
  // Private and ours alone before anything is opened: a second Loket on this folder stops here.
  const folder: DataFolder = config.folder ?? claimDataFolder(config.dataDir, config.nativeBinding ? { nativeBinding: config.nativeBinding } : {});
  const log = config.log ?? createLogger({ dir: path.join(config.dataDir, 'logs'), stderr: true, now });
  const db = openLedger(path.join(config.dataDir, 'loket.db'), config.nativeBinding ? { nativeBinding: config.nativeBinding } : {});
  // Before anything writes: every change from here on is sealed in the audit chain.
  const vaultKey = await config.keySource.getKey();
  if (!vaultKey.ok) log.warn('audit.unkeyed', { reason: vaultKey.reason });
  const key = auditKey(vaultKey.ok ? vaultKey.key : null);
  const auditor = installAuditor(db, key, now);
  const accountsAdded =
    ensureAccounts(db) +
    ensurePurchaseProviders(
      db,
      PURCHASE_PROVIDERS.map(({ descriptor: d }) => ({ name: d.name, displayName: d.displayName, depositAccount: d.depositAccount })),
    );
  if (accountsAdded > 0) log.info('journal.accounts_added', { accounts: accountsAdded });
  const backfilled = backfillJournal(db, now());
  if (backfilled > 0) log.info('journal.backfilled', { entries: backfilled });
  const vault = createVault(db, config.keySource, now);
  const settings = createSettingsService(db, vault, now, keyValidator, {
    purchaseProviders: () => PURCHASE_PROVIDERS.map(({ descriptor: d }) => ({ name: d.name, displayName: d.displayName, sells: [...d.capabilities.sells] })),
    settingsOf: (name) => purchaseDescriptor(name),
    withGenericForm: () => PURCHASE_PROVIDERS.map((e) => e.descriptor).filter((d) => d.settings.form === 'generic'),
  });
  await settings.adoptUnboundSecrets();
  const providers = createProviderAccess({
    dataDir: config.dataDir,
    settings,
    vault,
    log,
    now,
    scale,
    timeouts: { vsi: config.vsiTimeouts ?? {}, sat: config.satTimeouts ?? {}, digiflazz: config.digiflazzTimeouts ?? {} },
    simTiming: {
      ...(config.trainingSimTiming ? { vsi: config.trainingSimTiming } : {}),
      ...(config.trainingSatTiming ? { sat: config.trainingSatTiming } : {}),
      ...(config.trainingDigiflazzTiming ? { digiflazz: config.trainingDigiflazzTiming } : {}),
    },
  });
  const catalog = createCatalogService({ db, now, log: log.child('catalog'), providers, settings });
  const deposits = createDepositService({ db, now, log: log.child('deposit'), providers, settings });
  const background = createBackground(log);
  const refreshDeposit = (env: Mode): void => {
    background.run('deposit.refresh', async () => {
      const r = await deposits.refresh(env);
      if (!r.ok) log.info('deposit.refresh_failed', { env, code: r.error.code });
    });
  };

  const payAccess = createPaymentAccess({
    dataDir: config.dataDir,
    settings: settings.payments,
    vault,
    log,
    now,
    timeouts: {
      midtrans: { ...scaled(DEFAULT_MIDTRANS_TIMEOUTS, scale), ...config.midtransTimeouts },
      worldline: { ...scaled(DEFAULT_WORLDLINE_TIMEOUTS, scale), ...config.worldlineTimeouts },
      chainside: { ...scaled(DEFAULT_CHAINSIDE_TIMEOUTS, scale), ...config.chainsideTimeouts },
    },
    trainingCardHangMs: Math.round(60_000 * scale),
  });

  let wake = (): void => undefined;
  let buy = (saleId: string): void => void saleId;
  const payments = createPaymentService({
    db,
    now,
    log: log.child('payment'),
    access: payAccess,
    timing: { ...DEFAULT_PAYMENT_TIMING, scale, ...config.paymentTiming },
    onSettled: (saleId) => buy(saleId),
    onScheduleChange: () => wake(),
    checkpoint: config.checkpoint ?? (async () => undefined),
  });
  const counter = createCounterService({
    db,
    now,
    log: log.child('counter'),
    outlet: () => settings.outlet(),
    pepper: pinPepper(vaultKey.ok ? vaultKey.key : null),
    note: (kind, subject, actor) => auditor.note(kind, subject, actor),
  });
  const sales = createSalesService({
    db,
    now,
    log: log.child('sale'),
    providers,
    settings,
    catalog,
    deposits,
    checkpoint: config.checkpoint ?? (async () => undefined),
    adviceTiming: { ...DEFAULT_ADVICE_TIMING, scale },
    startWaitMs: config.startWaitMs ?? 2_500,
    inquiryTtlMs: 15 * 60_000,
    onScheduleChange: () => wake(),
    onDistributorOrder: refreshDeposit,
    payments: { begin: payments.begin, ready: payments.ready, gatewayFor: (method) => PAYMENT_METHOD_GATEWAY[method] },
  });
  buy = (saleId) => void sales.pay(saleId);
  const adviceScheduler = createDueScheduler({
    name: 'advice',
    now,
    log: log.child('advice'),
    upcoming: () => upcomingAdvice(db),
    run: sales.advise,
  });
  const paymentScheduler = createDueScheduler({
    name: 'payment',
    now,
    log: log.child('payment'),
    upcoming: () => upcomingPaymentChecks(db).map((u) => ({ id: u.saleId, at: u.at })),
    run: payments.check,
  });
  wake = () => {
    adviceScheduler.wake();
    paymentScheduler.wake();
    cryptoScheduler.wake();
  };
  const cryptoOrders = createCryptoOrders({
    db,
    now,
    log: log.child('crypto'),
    mode: () => settings.mode(),
    outlet: () => settings.outlet(),
    chainside: (env) => payAccess.chainside(env),
    simulate: (ref, outcome) => payAccess.simulate('chainside', ref, outcome),
    timing: { ...DEFAULT_PAYMENT_TIMING, scale, ...config.paymentTiming },
    onScheduleChange: () => wake(),
  });
  const cryptoScheduler = createDueScheduler({
    name: 'crypto',
    now,
    log: log.child('crypto'),
    upcoming: () => upcomingBitcoinChecks(db),
    run: cryptoOrders.check,
  });
  const printing = createPrintService({ db, now, log: log.child('print'), printer: () => settings.printer(), ...(config.printTimeouts ? { timeouts: config.printTimeouts } : {}) });
  const receipts = createReceiptService(db, settings, now, printing);
  const backups = createBackupService({
    db,
    dataDir: config.dataDir,
    keySource: config.keySource,
    now,
    log: log.child('backup'),
    appVersion: config.version,
    outlet: () => settings.outlet().name,
    hasKey: vaultKey.ok,
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
    ...(config.backupTickMs ? { tickMs: config.backupTickMs } : {}),
  });
  let auditProgress: { done: number; total: number } | null = null;
  const books = createBooksService({
    db,
    now,
    deposits,
    depositAccounts: () => PURCHASE_PROVIDERS.flatMap(({ descriptor: d }) => (d.depositAccount ? [{ provider: d.name, account: d.depositAccount.code }] : [])),
  });
  const callbacks = createCallbackRunner({
    settings,
    vault,
    providers,
    log,
    payments: payAccess,
    onOrder: (requestId) => {
      // A bill Digiflazz paid is known there by its inquiry's ref_id.
      const sale = getSaleByProviderRef(db, requestId) ?? getSaleByInquiryRef(db, requestId);
      if (sale && providers.describe(sale.provider)?.capabilities.callbacks) void sales.advise(sale.id);
    },
    onPayment: (orderId) => {
      const payment = getPaymentByRef(db, orderId);
      if (payment) void payments.check(payment.sale_id);
    },
    onBitcoinOrder: (orderUuid) => {
      const order = getBitcoinOrderByUuid(db, orderUuid);
      if (order?.sale_id) void payments.check(order.sale_id);
      else if (order) void cryptoOrders.check(order.id);
    },
  });
  settings.onProviderChange(() => {
    providers.invalidate();
    payAccess.invalidate();
    if (started) background.run('callbacks.apply', () => callbacks.apply());
  });

  const seatOf = (caller: Caller): SeatOf => (env) => counter.seat(caller.session, env);
  const handlers: HandlerTable = guardCalls(counter, {
    'app.info': (_req, caller) => {
      const open = countOpenSales(db);
      return {
        ok: true,
        value: {
          providerNames: PROVIDER_NAMES,
          purchaseProviders: [...providers.names()],
          version: config.version,
          host: config.host,
          mode: settings.mode(),
          locale: settings.locale(),
          outlet: settings.outlet(),
          pendingCount: open.pending,
          reviewCount: open.review,
          deposits: deposits.view(settings.mode()),
          backup: backups.badge(),
          counter: counter.status(caller.session, settings.mode()),
        },
      };
    },
    'pln.inquire': (req) => sales.inquirePln(req.customerNumber),
    'sale.startPlnToken': (req, caller) => sales.startPlnToken(req, seatOf(caller)),
    'bill.inquire': (req) => sales.inquireBill(req.productCode, req.customerNumber),
    'sale.startBill': (req, caller) => sales.startBill(req, seatOf(caller)),
    'sale.startDigital': (req, caller) => sales.startDigital(req, seatOf(caller)),
    'catalog.list': async (req) => {
      const env = settings.mode();
      // First use, or a provider newly routed: fetch its catalogue before showing an empty list.
      await catalog.ensure(env);
      return { ok: true, value: catalog.view(env, req.kind ?? null) };
    },
    'catalog.sync': (req) => {
      void req;
      return catalog.sync(settings.mode());
    },
    'deposit.get': async (req) => {
      if (req.refresh) {
        const r = await deposits.refresh(settings.mode());
        if (!r.ok) return r;
      }
      return { ok: true, value: { deposits: deposits.view(settings.mode()), lowBalanceThreshold: settings.lowBalanceThreshold() } };
    },
    'pricing.list': () => ({ ok: true, value: catalog.rules() }),
    'pricing.set': (req) => ({ ok: true, value: catalog.setRule(req) }),
    'pricing.remove': (req) => ({ ok: true, value: catalog.removeRule(req.scope, req.key) }),
    'sale.get': (req) => sales.get(req.saleId),
    'sale.checkStatus': (req) => sales.checkStatus(req.saleId),
    'sale.confirmCashReturned': (req, caller) => {
      // Cash leaves the drawer: only at the counter, in an open shift, whose books it moves.
      const at = counter.seat(caller.session, settings.mode());
      return at.ok ? sales.confirmCashReturned(req.saleId) : at;
    },
    'sale.declareFailed': async (req, caller) => {
      const ok = await counter.approve(caller.session, 'nyatakan gagal', req.approval);
      return ok.ok ? sales.declareFailed(req.saleId) : ok;
    },
    'payment.check': async (req) => {
      await payments.check(req.saleId);
      return sales.get(req.saleId);
    },
    'payment.cancel': async (req) => {
      const r = await payments.cancel(req.saleId);
      return r.ok ? sales.get(req.saleId) : r;
    },
    'payment.simulate': async (req) => {
      const r = await payments.simulate(req.saleId, req.outcome);
      return r.ok ? sales.get(req.saleId) : r;
    },
    'payment.refund': async (req, caller) => {
      const ok = await counter.approve(caller.session, 'refund', req.approval);
      if (!ok.ok) return ok;
      const r = await payments.refund(req.saleId, req.amount, `${req.reason} (disetujui ${ok.value.by})`);
      // A refund still in progress is not an error for the screen: the sale shows it.
      return r.ok || r.error.code === 'provider_timeout' ? sales.get(req.saleId) : r;
    },
    'counter.status': (_req, caller) => ({ ok: true, value: counter.status(caller.session, settings.mode()) }),
    'counter.setupOwner': async (req, caller) => {
      const r = await counter.setupOwner(caller.session, req.name, req.pin);
      return r.ok ? { ok: true, value: counter.status(caller.session, settings.mode()) } : r;
    },
    'counter.signIn': async (req, caller) => {
      const r = await counter.signIn(caller.session, req.name, req.pin);
      return r.ok ? { ok: true, value: counter.status(caller.session, settings.mode()) } : r;
    },
    'counter.signOut': (_req, caller) => {
      counter.signOut(caller.session);
      return { ok: true, value: counter.status(caller.session, settings.mode()) };
    },
    'counter.lock': (_req, caller) => {
      counter.lock(caller.session);
      return { ok: true, value: counter.status(caller.session, settings.mode()) };
    },
    'counter.activity': (_req, caller) => ({ ok: true, value: counter.status(caller.session, settings.mode()) }),
    'counter.users': () => ({ ok: true, value: { users: counter.users() } }),
    'counter.createUser': async (req) => {
      const r = await counter.createUser(req.name, req.role, req.pin);
      return r.ok ? { ok: true, value: { users: counter.users() } } : r;
    },
    'counter.setActive': (req) => {
      const r = counter.setActive(req.name, req.active);
      return r.ok ? { ok: true, value: { users: counter.users() } } : r;
    },
    'counter.unlockUser': (req, caller) => {
      const r = counter.unlockUser(caller.session, req.name);
      return r.ok ? { ok: true, value: { users: counter.users() } } : r;
    },
    'counter.resetPin': async (req) => {
      const r = await counter.resetPin(req.name, req.pin);
      return r.ok ? { ok: true, value: { users: counter.users() } } : r;
    },
    'counter.setIdleLock': (req, caller) => {
      counter.setIdleLockMinutes(req.minutes);
      return { ok: true, value: counter.status(caller.session, settings.mode()) };
    },
    'shift.open': (req, caller) => {
      const r = counter.openShift(caller.session, settings.mode(), req.openingFloat);
      return r.ok ? { ok: true, value: counter.status(caller.session, settings.mode()) } : r;
    },
    'shift.report': (_req, caller) => {
      const who = counter.require(caller.session, 'cashier', false);
      return who.ok ? counter.report(settings.mode(), who.value.role) : who;
    },
    'shift.moveCash': (req, caller) => counter.moveCash(caller.session, settings.mode(), req),
    'counter.setBlindCount': (req, caller) => {
      counter.setBlindCount(req.on);
      return { ok: true, value: counter.status(caller.session, settings.mode()) };
    },
    'shift.close': async (req, caller) => {
      const closed = await counter.closeShift(caller.session, settings.mode(), {
        counted: req.counted,
        countJson: req.denominations ? JSON.stringify(req.denominations) : null,
        reason: req.reason,
        ...(req.approval ? { approval: req.approval } : {}),
      });
      // Every shift close is backed up (when the owner has a folder and has not turned it off).
      if (closed.ok && backups.settings().atShiftClose) {
        const r = backups.run('shift_close');
        if (!r.started) log.info('backup.shift_close_skipped', { reason: r.reason });
      }
      return closed;
    },
    'books.get': () => ({ ok: true, value: books.view(settings.mode()) }),
    'books.statement': (req) => ({ ok: true, value: books.statement(settings.mode(), req) }),
    'books.recordDeposit': (req) => ({ ok: true, value: books.recordDeposit(settings.mode(), req) }),
    'audit.verify': async () => {
      if (auditProgress) return { ok: false, error: appError('backup_busy', 'Pemeriksaan audit sedang berjalan.') };
      auditProgress = { done: 0, total: 0 };
      let report: Awaited<ReturnType<typeof verifyAuditInWorkers>>;
      try {
        report = await verifyAuditInWorkers(path.join(config.dataDir, 'loket.db'), key, {
          ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
          onProgress: (done, total) => void (auditProgress = { done, total }),
        });
      } finally {
        auditProgress = null;
      }
      auditor.note('audit.verify', report.findings.length === 0 ? 'intact' : `${report.findings.length} findings`);
      // Buckets just proven row by row are sealed as a whole: the next check reads them at once.
      if (report.findings.length === 0 && report.checkpoints.length > 0) auditor.checkpoint(report.checkpoints);
      return {
        ok: true,
        value: {
          intact: report.findings.length === 0,
          unverifiableBefore: report.unverifiableBefore,
          entries: report.entries,
          rows: report.rows,
          ms: report.ms,
          keyed: report.keyed,
          findings: report.findings.map(describeFinding),
        },
      };
    },
    'audit.progress': () => ({ ok: true, value: auditProgress ? { running: true, ...auditProgress } : { running: false, done: 0, total: 0 } }),
    ...backupHandlers({
      db,
      keySource: config.keySource,
      backups,
      settings,
      auditor,
      now,
      who: (session) => counter.actorOf(session),
      ...(config.replaceLedger ? { replaceLedger: config.replaceLedger } : {}),
    }),
    'ledger.today': (req) => ({ ok: true, value: todayList(db, now(), settings.mode(), settings.outlet().timeZone, req) }),
    'ledger.search': (req) => ({ ok: true, value: searchLedger(db, req) }),
    'ledger.unresolved': () => ({ ok: true, value: listUnresolved(db) }),
    'ledger.searchTotals': (req) => ({ ok: true, value: searchLedgerTotals(db, req, settings.mode(), settings.outlet().timeZone) }),
    'ledger.exportCsv': (req) => ({ ok: true, value: exportCsv(db, req, settings.outlet().timeZone) }),
    'report.dayPdf': async (req, caller) => {
      const who = counter.require(caller.session);
      if (!who.ok) return who;
      const env = settings.mode();
      const report = gatherDayReport(db, { now: now(), env, printedBy: who.value.name, outlet: settings.outlet(), counter }, req.date);
      return { ok: true, value: await dayReportPdf(report) };
    },
    'receipt.get': (req) => receipts.preview(req.saleId),
    'receipt.print': async (req, caller) => {
      // The original and one reprint are the cashier's; any further copy needs a supervisor.
      if (countSaleEvents(db, req.saleId, 'printed') >= 2) {
        const ok = await counter.approve(caller.session, 'cetak ulang', req.approval);
        if (!ok.ok) return ok;
      }
      const r = await receipts.print(req.saleId, req.copy);
      return r.ok ? { ok: true, value: { receipt: r.value.receipt, printedBy: r.value.outcome.by, outcome: r.value.outcome } } : r;
    },
    'shift.print': async (req, caller) => {
      const who = counter.require(caller.session);
      if (!who.ok) return who;
      // An open shift's X as this person may see it (a cashier's hides the expected cash under a blind count).
      const open = counter.report(settings.mode(), who.value.role);
      const r = open.ok && open.value.shiftId === req.shiftId ? open : counter.shiftReport(req.shiftId);
      if (!r.ok) return r;
      const { lines: _shown, ...report } = r.value;
      void _shown;
      const columns = printing.columns();
      const lines = layoutShiftReport(report, settings.outlet(), columns);
      const outcome = await printing.print(settings.mode(), { lines, qr: null, document: report.kind === 'Z' ? 'z_report' : 'x_report', saleId: null, copyNumber: 0, kick: false });
      return { ok: true, value: { receipt: { saleId: report.shiftId, kind: 'shift_report', columns, copyNumber: 0, lines, qr: null, paper: outcome.paper }, outcome } };
    },
    'printer.test': async (req, caller) => {
      // A supervisor tests the saved printer; a printer typed in the form (any address) is the owner's to try.
      if (req.printer) {
        const owner = counter.require(caller.session, 'owner');
        if (!owner.ok) return owner;
      }
      const p = req.printer ?? settings.printer();
      const problem = settings.checkPrinter(p);
      if (problem) return { ok: false, error: problem };
      const columns = columnsOf(p.paper);
      const outlet = settings.outlet();
      const lines = layoutTestPage(outlet, targetOf(p), formatLocalDateTime(now(), outlet.timeZone), columns);
      const outcome = await printing.print(settings.mode(), { lines, qr: 'LOKET TES 1234567890', barcode: '1234567890', document: 'test', saleId: null, copyNumber: 0, kick: false }, p);
      return { ok: true, value: { receipt: { saleId: 'test', kind: 'shift_report', columns, copyNumber: 0, lines, qr: null, paper: outcome.paper }, outcome } };
    },
    'settings.savePrinter': (req) => settings.savePrinter(req),
    'receipt.export': (req) => receipts.exportHtml(req.saleId),
    'settings.get': () => ({ ok: true, value: settings.view() }),
    'settings.saveOutlet': (req) => ({ ok: true, value: settings.saveOutlet(req) }),
    'settings.saveVsi': (req) => settings.saveVsi(req),
    'settings.saveProvider': (req) => settings.saveProvider(req),
    'settings.setMode': (req) => settings.setMode(req.mode),
    'settings.setLocale': (req) => ({ ok: true, value: settings.setLocale(req.locale) }),
    'settings.saveSat': (req) => settings.saveSat(req),
    'settings.setRouting': (req) => {
      const view = settings.setRouting(req);
      // A provider newly routed: its catalogue and deposit are fetched now, not at the first sale.
      background.run('routing.changed', async () => {
        await catalog.ensure(settings.mode());
        const r = await deposits.refresh(settings.mode());
        if (!r.ok) log.info('deposit.refresh_failed', { code: r.error.code });
      });
      return { ok: true, value: view };
    },
    'settings.setLowBalance': (req) => ({ ok: true, value: settings.setLowBalanceThreshold(req.amount) }),
    'settings.saveMidtrans': async (req) => {
      const r = await settings.payments.saveMidtrans(req);
      return r.ok ? { ok: true, value: settings.view() } : r;
    },
    'settings.saveWorldline': async (req) => {
      const r = await settings.payments.saveWorldline(req);
      return r.ok ? { ok: true, value: settings.view() } : r;
    },
    'crypto.create': (req, caller) => {
      // Goods sold outside Loket are still sold at this counter, in its shift, by who is signed in.
      const at = counter.seat(caller.session, settings.mode());
      return at.ok ? cryptoOrders.create(req, at.value.cashier) : at;
    },
    'crypto.get': (req) => cryptoOrders.get(req.reference, req.remote),
    'crypto.check': async (req) => {
      await cryptoOrders.check(req.reference);
      return cryptoOrders.get(req.reference, false);
    },
    'crypto.cancel': (req) => cryptoOrders.cancel(req.reference),
    'crypto.simulate': (req) => cryptoOrders.simulate(req.reference, req.outcome),
    'crypto.list': (req) => cryptoOrders.list(req),
    'crypto.receipt': async (req) => {
      const r = cryptoOrders.receipt(req.reference, printing.columns());
      if (!r.ok) return r;
      const outcome = await printing.print(settings.mode(), { lines: r.value.lines, qr: null, document: 'crypto', saleId: null, copyNumber: r.value.copyNumber, kick: false });
      return { ok: true, value: { receipt: { ...r.value, paper: outcome.paper }, outcome } };
    },
    'settings.saveChainside': async (req) => {
      const r = await settings.payments.saveChainside(req);
      return r.ok ? { ok: true, value: settings.view() } : r;
    },
    'settings.setCallback': async (req) => {
      const r = settings.setCallback(req);
      if (!r.ok) return r;
      const listening = await callbacks.apply();
      return listening.ok ? { ok: true, value: settings.view() } : listening;
    },
  });

  let started = false;
  return {
    handlers,
    log,
    db,
    sales,
    settings,
    catalog,
    deposits,
    providers,
    paymentProviders: payAccess,
    auditor,
    printing,
    backups,
    forgetSession: (id) => counter.forget(id),
    start() {
      if (started) return;
      started = true;
      sales.resume();
      adviceScheduler.start();
      paymentScheduler.start();
      cryptoScheduler.start();
      const env = settings.mode();
      background.run('catalog.sync', async () => {
        const r = await catalog.sync(env);
        if (!r.ok) log.info('catalog.sync_failed', { env, code: r.error.code });
      });
      refreshDeposit(env);
      background.run('callbacks.apply', () => callbacks.apply());
      background.run('print.resume', () => printing.resume());
      backups.start();
      log.info('loket.started', { host: config.host, mode: env, dataDir: config.dataDir });
    },
    async stop() {
      adviceScheduler.stop();
      paymentScheduler.stop();
      cryptoScheduler.stop();
      await background.idle(3_000);
      await callbacks.stop();
      // Give a purchase in flight a moment to record its answer; if it cannot, recovery resolves it.
      await Promise.race([Promise.all([sales.idle(), payments.idle(), cryptoOrders.idle(), printing.idle()]), new Promise((r) => setTimeout(r, 3_000))]);
      await providers.stop();
      await payAccess.stop();
      await backups.stop();
      db.close();
      if (!config.log) log.close();
      if (!config.folder) folder.release();
    },
  };
}
