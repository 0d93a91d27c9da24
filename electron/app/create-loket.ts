// Builds the whole core from a config. Hosts call this, serve `handlers`, and call start/stop.
import path from 'node:path';
import { err, appError } from '../../shared/domain/errors';
import type { Mode } from '../../shared/contract';
import { openLedger, type Ledger } from '../db/connection';
import { installAuditor, type Auditor } from '../db/audit';
import { installHubOutbox } from '../db/hub-outbox-triggers';
import { auditKey } from '../db/audit-digest';
import { createBackupService, type BackupService } from '../services/backup/backup-service';
import { backupHandlers } from './handlers/backup';
import { hubHandlers } from './handlers/hub';
import { createHubReplicator, type HubReplicator } from '../services/hub/replicator';
import { backfillJournal, ensureAccounts, ensurePurchaseProviders } from '../db/queries/journal';
import { getSaleByProviderRef, getSaleByInquiryRef } from '../db/queries/sales';
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
import { createCheckout } from './checkout';
import { createRailHealth } from '../services/health/rail-health';
import { createAuditRun } from '../services/audit/audit-run';
import type { Core } from './handlers/core';
import { saleHandlers } from './handlers/sale';
import { paymentHandlers } from './handlers/payment';
import { counterHandlers } from './handlers/counter';
import { shiftHandlers } from './handlers/shift';
import { booksHandlers } from './handlers/books';
import { ledgerHandlers } from './handlers/ledger';
import { receiptHandlers } from './handlers/receipt';
import { settingsHandlers } from './handlers/settings';
import { cryptoHandlers } from './handlers/crypto';
import { getBitcoinOrderByUuid, upcomingBitcoinChecks } from '../db/queries/bitcoin-orders';
import { DEFAULT_PAYMENT_TIMING } from '../services/payments/payment-ladder';
import { DEFAULT_MIDTRANS_TIMEOUTS } from '../providers/midtrans/client';
import { DEFAULT_WORLDLINE_TIMEOUTS } from '../providers/worldline/client';
import { DEFAULT_CHAINSIDE_TIMEOUTS } from '../providers/chainside/client';
import { createPaymentAccess, type ManagedPaymentAccess } from './payment-access';
import { createReceiptService } from '../services/receipts/receipt-service';
import { createPrintService, type PrintService } from '../services/printing/print-service';
import { createCatalogService, type CatalogService } from '../services/catalog/catalog-service';
import { createDepositService, type DepositService } from '../services/deposit/deposit-service';
import { DEFAULT_ADVICE_TIMING } from '../services/sales/advice-ladder';
import { validateSatKeys } from '../providers/sat/client';
import { PAYMENT_METHOD_GATEWAY, PAYMENT_PROVIDER_NAMES, PURCHASE_PROVIDERS, purchaseDescriptor } from '../providers/registry';
import { createProviderAccess, type ManagedProviderAccess } from './provider-access';
import { createBackground } from './background';
import { createCallbackRunner } from './callbacks';
import type { LoketConfig } from './config';
import type { HandlerTable } from './invoke';

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
  /** Replication to Loket Pusat (issue 18). */
  hub: HubReplicator;
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
  return r.ok ? r : err(appError('settings_invalid', r.message, r.detail));
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
  installHubOutbox(db);
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
  const rails = createRailHealth(now);
  const providers = createProviderAccess({
    health: rails,
    dataDir: config.dataDir,
    settings,
    vault,
    log,
    now,
    scale,
    timeouts: { vsi: config.vsiTimeouts ?? {}, sat: config.satTimeouts ?? {}, ...config.providerTimeouts },
    simTiming: {
      ...(config.trainingSimTiming ? { vsi: config.trainingSimTiming } : {}),
      ...(config.trainingSatTiming ? { sat: config.trainingSatTiming } : {}),
      ...config.trainingTimings,
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
    health: rails,
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

  const checkout = createCheckout();
  const payments = createPaymentService({
    db,
    now,
    log: log.child('payment'),
    access: payAccess,
    timing: { ...DEFAULT_PAYMENT_TIMING, scale, ...config.paymentTiming },
    onSettled: checkout.paymentSettled,
    onScheduleChange: checkout.scheduleChanged,
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
    onScheduleChange: checkout.scheduleChanged,
    onDistributorOrder: refreshDeposit,
    payments: { begin: payments.begin, ready: payments.ready, gatewayFor: (method) => PAYMENT_METHOD_GATEWAY[method] },
  });
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
  const cryptoOrders = createCryptoOrders({
    db,
    now,
    log: log.child('crypto'),
    mode: () => settings.mode(),
    outlet: () => settings.outlet(),
    chainside: (env) => payAccess.chainside(env),
    simulate: (ref, outcome) => payAccess.simulate(PAYMENT_METHOD_GATEWAY.bitcoin, ref, outcome),
    timing: { ...DEFAULT_PAYMENT_TIMING, scale, ...config.paymentTiming },
    onScheduleChange: checkout.scheduleChanged,
  });
  const cryptoScheduler = createDueScheduler({
    name: 'crypto',
    now,
    log: log.child('crypto'),
    upcoming: () => upcomingBitcoinChecks(db),
    run: cryptoOrders.check,
  });
  checkout.connect({
    buy: (saleId) => void sales.pay(saleId),
    wake: () => {
      adviceScheduler.wake();
      paymentScheduler.wake();
      cryptoScheduler.wake();
    },
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
      // A paid order's callback (dispute, chargeback) is for its watch; before that, a sale's order is its payment's.
      if (order?.state === 'paid') void cryptoOrders.check(order.id);
      else if (order?.sale_id) void payments.check(order.sale_id);
      else if (order) void cryptoOrders.check(order.id);
    },
  });
  settings.onProviderChange(() => {
    providers.invalidate();
    payAccess.invalidate();
    if (started) background.run('callbacks.apply', () => callbacks.apply());
  });

  const audits = createAuditRun({ file: path.join(config.dataDir, 'loket.db'), key, auditor, ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}) });
  const core: Core = {
    config,
    db,
    now,
    log,
    auditor,
    audits,
    settings,
    providers,
    catalog,
    deposits,
    payments,
    counter,
    sales,
    cryptoOrders,
    printing,
    receipts,
    backups,
    books,
    callbacks,
    background,
    providerNames: PROVIDER_NAMES,
    paymentGateways: PAYMENT_METHOD_GATEWAY,
    rails,
    payAccess,
  };
  const hubSender = createHubReplicator({
    db,
    vault,
    now,
    log: log.child('hub'),
    rules: { set: (rule) => void catalog.setRule(rule), remove: (scope, key) => void catalog.removeRule(scope, key) },
  });
  const handlers: HandlerTable = guardCalls(counter, {
    ...hubHandlers(hubSender),
    ...counterHandlers(core),
    ...saleHandlers(core),
    ...paymentHandlers(core),
    ...shiftHandlers(core),
    ...booksHandlers(core),
    ...ledgerHandlers(core),
    ...receiptHandlers(core),
    ...settingsHandlers(core),
    ...cryptoHandlers(core),
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
    hub: hubSender,
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
      hubSender.start();
      log.info('loket.started', { host: config.host, mode: env, dataDir: config.dataDir });
    },
    async stop() {
      hubSender.stop();
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
