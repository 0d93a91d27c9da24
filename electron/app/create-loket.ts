// Builds the whole core from a config. Hosts call this, serve `handlers`, and call start/stop.
import path from 'node:path';
import { openLedger, type Ledger } from '../db/connection';
import { countOpenSales } from '../db/queries/sales';
import { createLogger, type Logger } from '../log/logger';
import { createVault } from '../secrets/vault';
import { createSettingsService, type SettingsService } from '../services/settings/settings-service';
import { createSalesService, type SalesService } from '../services/sales/sales-service';
import { createAdviceScheduler } from '../services/recovery/advice-scheduler';
import { createReceiptService } from '../services/receipts/receipt-service';
import { todayList } from '../services/reports/today';
import { DEFAULT_ADVICE_TIMING } from '../services/sales/advice-ladder';
import { DEFAULT_VSI_TIMEOUTS, type VsiTimeouts } from '../providers/vsi/client';
import { DEFAULT_SIM_TIMING } from '../simulators/vsi/server';
import { createProviderAccess, type ManagedProviderAccess } from './provider-access';
import type { LoketConfig } from './config';
import type { HandlerTable } from './invoke';

export type Loket = {
  handlers: HandlerTable;
  log: Logger;
  db: Ledger;
  sales: SalesService;
  settings: SettingsService;
  providers: ManagedProviderAccess;
  start(): void;
  stop(): Promise<void>;
};

function scaled<T extends Record<string, number>>(values: T, scale: number): T {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) out[k] = Math.max(1, Math.round(v * scale));
  return out as T;
}

export async function createLoket(config: LoketConfig): Promise<Loket> {
  const now = config.now ?? Date.now;
  const scale = config.timeScale ?? 1;
  const log = config.log ?? createLogger({ dir: path.join(config.dataDir, 'logs'), stderr: true, now });
  const db = openLedger(path.join(config.dataDir, 'loket.db'), config.nativeBinding ? { nativeBinding: config.nativeBinding } : {});
  const vault = createVault(db, config.keySource, now);
  const settings = createSettingsService(db, vault, now);
  const timeouts: VsiTimeouts = { ...scaled(DEFAULT_VSI_TIMEOUTS, scale), ...config.vsiTimeouts };
  const providers = createProviderAccess({
    dataDir: config.dataDir,
    settings,
    vault,
    log,
    now,
    timeouts,
    simTiming: { ...scaled(DEFAULT_SIM_TIMING, scale), ...config.trainingSimTiming },
  });
  settings.onProviderChange(() => providers.invalidate());

  let wake = (): void => undefined;
  const sales = createSalesService({
    db,
    now,
    log: log.child('sale'),
    providers,
    settings,
    checkpoint: config.checkpoint ?? (async () => undefined),
    adviceTiming: { ...DEFAULT_ADVICE_TIMING, scale },
    startWaitMs: config.startWaitMs ?? 2_500,
    inquiryTtlMs: 15 * 60_000,
    onScheduleChange: () => wake(),
  });
  const scheduler = createAdviceScheduler({ db, now, log: log.child('advice'), advise: sales.advise });
  wake = () => scheduler.wake();
  const receipts = createReceiptService(db, settings, now);

  const handlers: HandlerTable = {
    'app.info': () => {
      const open = countOpenSales(db);
      return {
        ok: true,
        value: {
          version: config.version,
          host: config.host,
          mode: settings.mode(),
          locale: settings.locale(),
          outlet: settings.outlet(),
          pendingCount: open.pending,
          reviewCount: open.review,
        },
      };
    },
    'pln.inquire': (req) => sales.inquire(req.customerNumber),
    'sale.startPlnToken': (req) => sales.start(req),
    'sale.get': (req) => sales.get(req.saleId),
    'sale.checkStatus': (req) => sales.checkStatus(req.saleId),
    'sale.confirmCashReturned': (req) => sales.confirmCashReturned(req.saleId),
    'sale.declareFailed': (req) => sales.declareFailed(req.saleId),
    'ledger.today': (req) => ({ ok: true, value: todayList(db, now(), settings.outlet().timeZone, req) }),
    'receipt.get': (req) => receipts.preview(req.saleId),
    'receipt.print': (req) => {
      const r = receipts.print(req.saleId, req.copy);
      return r.ok ? { ok: true, value: { receipt: r.value, printedBy: 'renderer' } } : r;
    },
    'receipt.export': (req) => receipts.exportHtml(req.saleId),
    'settings.get': () => ({ ok: true, value: settings.view() }),
    'settings.saveOutlet': (req) => ({ ok: true, value: settings.saveOutlet(req) }),
    'settings.saveVsi': (req) => settings.saveVsi(req),
    'settings.setMode': (req) => settings.setMode(req.mode),
    'settings.setLocale': (req) => ({ ok: true, value: settings.setLocale(req.locale) }),
  };

  let started = false;
  return {
    handlers,
    log,
    db,
    sales,
    settings,
    providers,
    start() {
      if (started) return;
      started = true;
      sales.resume();
      scheduler.start();
      log.info('loket.started', { host: config.host, mode: settings.mode(), dataDir: config.dataDir });
    },
    async stop() {
      scheduler.stop();
      // Give a PAY in flight a moment to record its answer; if it cannot, recovery resolves it.
      await Promise.race([sales.idle(), new Promise((r) => setTimeout(r, 3_000))]);
      await providers.stop();
      db.close();
      if (!config.log) log.close();
    },
  };
}
