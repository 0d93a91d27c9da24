// The sale services over a real ledger with a scripted provider instead of HTTP: for the defences
// no honest simulator triggers, and for measuring the core alone.
import { PAYMENT_METHOD_GATEWAY, PURCHASE_PROVIDER_NAMES, purchaseDescriptor } from '../../electron/providers/registry';
import { fixedKeySource } from '../../electron/secrets/key-source';
import { openLedger, type Ledger } from '../../electron/db/connection';
import { createVault } from '../../electron/secrets/vault';
import { createSettingsService } from '../../electron/services/settings/settings-service';
import { createSalesService, type SalesService } from '../../electron/services/sales/sales-service';
import { createCatalogService } from '../../electron/services/catalog/catalog-service';
import { createDepositService } from '../../electron/services/deposit/deposit-service';
import { DEFAULT_ADVICE_TIMING } from '../../electron/services/sales/advice-ladder';
import type { ProviderAccess } from '../../electron/services/sales/deps';
import { silentLogger } from '../../electron/log/logger';
import { insertUser } from '../../electron/db/queries/users';
import { insertShift } from '../../electron/db/queries/shifts';
import { appError } from '../../shared/domain/errors';
import type { Delivered, PlnLookup, PurchaseOutcome, PurchaseProvider } from '../../electron/providers/contract';

export function delivered(token: string, chargedAmount: number | null = 101_600): Delivered {
  return {
    token,
    kwh: '70.1',
    serialNumber: null,
    voucherCode: null,
    payRef: null,
    adviceRef: null,
    vendorTime: null,
    chargedAmount,
    customerName: 'SITI',
    tariffPower: 'R1/1300 VA',
    lines: [],
    taxes: { ppn: '0', ppj: '0', materai: '0', angsuran: '0' },
    providerCode: '0000',
  };
}

export const stillUncertain: PurchaseOutcome = {
  kind: 'uncertain',
  notFound: false,
  acknowledged: false,
  error: { code: 'provider_timeout', message: '', detail: '', providerCode: null },
};

export type ScriptedCore = { db: Ledger; sales: SalesService; sell(meter?: string): Promise<import('../../shared/contract').SaleView> };

export function scriptedCore(opts: { file?: string; purchase: () => PurchaseOutcome; advise?: () => PurchaseOutcome; scale?: number }): ScriptedCore {
  const db = openLedger(opts.file ?? ':memory:');
  const vault = createVault(db, fixedKeySource(null, 't'), Date.now);
  const settings = createSettingsService(db, vault, Date.now);
  const provider: PurchaseProvider & PlnLookup = {
    name: 'vsi',
    resendSafe: false,
    inquirePln: async ({ customerNumber }) => ({
      ok: true,
      value: { inquiryRef: 'A'.repeat(32), meterNumber: customerNumber, idpel: `5${customerNumber}`, name: 'SITI', tariffPower: 'R1/1300 VA', providerAdmin: 1600, unsoldTokens: 0 },
    }),
    purchase: async () => opts.purchase(),
    advise: async () => (opts.advise ?? opts.purchase)(),
  };
  const providers: ProviderAccess = {
    describe: (name) => purchaseDescriptor(name),
    names: () => PURCHASE_PROVIDER_NAMES,
    purchaser: async () => ({ ok: true, value: provider }),
    plnLookup: async () => ({ ok: true, value: provider }),
    distributor: async () => ({ ok: false, error: appError('provider_config', 'no distributor in this test') }),
  };
  const catalog = createCatalogService({ db, now: Date.now, log: silentLogger, providers, settings });
  const deposits = createDepositService({ db, now: Date.now, log: silentLogger, providers, settings });
  // A cashier with an open shift: sales are made only in one.
  insertUser(db, { id: 'U1', name: 'Kasir', role: 'cashier', pin: { salt: Buffer.alloc(16), hash: Buffer.alloc(32), peppered: false }, at: Date.now() });
  insertShift(db, { id: 'SH1', env: 'training', userId: 'U1', at: Date.now(), openingFloat: 0 });
  const sales = createSalesService({
    db,
    now: Date.now,
    log: silentLogger,
    providers,
    settings,
    catalog,
    deposits,
    checkpoint: async () => undefined,
    adviceTiming: { ...DEFAULT_ADVICE_TIMING, scale: opts.scale ?? 0.001 },
    startWaitMs: 60_000,
    inquiryTtlMs: 60_000,
    onScheduleChange: () => undefined,
    onDistributorOrder: () => undefined,
    payments: { begin: async () => undefined, ready: async () => ({ ok: true, value: undefined }), gatewayFor: (m) => PAYMENT_METHOD_GATEWAY[m] },
  });
  let n = 0;
  return {
    db,
    sales,
    async sell(meter) {
      const inq = await sales.inquirePln(meter ?? String(14_233_784_990 + (n++ % 9)));
      if (!inq.ok) throw new Error(inq.error.message);
      const total = inq.value.options.find((o) => o.denomination === 100_000)!.amounts.total;
      const r = await sales.startPlnToken({ clientRequestId: `r-${n}-${Math.random()}`, inquiryId: inq.value.inquiryId, denomination: 100_000, payment: { method: 'cash', tendered: total }, confirmRepeat: true }, () => ({ ok: true, value: { shiftId: 'SH1', cashier: 'Kasir' } }));
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
  };
}
