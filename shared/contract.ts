// The one typed contract between the renderer and the core. Both hosts (Electron IPC, web HTTP)
// and the renderer's api are generated from this table; every payload is parsed with these
// schemas on the core side, so nothing unchecked reaches a service.
import { z } from 'zod';
import { AppError } from './domain/errors';
import { Rupiah } from './domain/money';
import type { CallName } from './contract-names';

export const Locale = z.enum(['id', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Mode = z.enum(['training', 'production']);
export type Mode = z.infer<typeof Mode>;

export const SaleState = z.enum(['paid', 'sending', 'pending', 'review', 'succeeded', 'failed']);
export type SaleState = z.infer<typeof SaleState>;

export const CashState = z.enum(['settled', 'refund_due', 'refunded']);
export type CashState = z.infer<typeof CashState>;

export const Warning = z.object({
  code: z.enum(['luhn_mismatch', 'unsold_tokens', 'recent_same_sale']),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Warning = z.infer<typeof Warning>;

export const Outlet = z.object({
  name: z.string().trim().min(1).max(40),
  address: z.string().trim().max(80),
  cashierName: z.string().trim().min(1).max(24),
  counterFee: Rupiah.max(100_000),
  timeZone: z.enum(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']),
});
export type Outlet = z.infer<typeof Outlet>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  mode: Mode,
  locale: Locale,
  outlet: Outlet,
  pendingCount: z.number().int().nonnegative(),
  reviewCount: z.number().int().nonnegative(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PlnInquiry = z.object({
  inquiryId: z.string(),
  customerNumber: z.string(),
  meterNumber: z.string(),
  idpel: z.string(),
  name: z.string(),
  tariffPower: z.string(),
  providerAdmin: Rupiah,
  counterFee: Rupiah,
  unsoldTokens: z.number().int().nonnegative(),
  denominations: z.array(Rupiah),
  /** Same meter, same denomination, succeeded minutes ago: the cashier should ask before selling again. */
  recentPurchases: z.array(z.object({ denomination: Rupiah, at: z.number().int(), receiptNo: z.string() })),
  warnings: z.array(Warning),
  expiresAt: z.number().int(),
});
export type PlnInquiry = z.infer<typeof PlnInquiry>;

export const PendingInfo = z.object({
  attempts: z.number().int().nonnegative(),
  lastCheckAt: z.number().int().nullable(),
  nextCheckAt: z.number().int().nullable(),
  lastResult: z.string().nullable(),
  notFoundCount: z.number().int().nonnegative(),
});

export const SaleView = z.object({
  id: z.string(),
  receiptNo: z.string(),
  state: SaleState,
  env: Mode,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  customer: z.object({
    number: z.string(),
    meterNumber: z.string(),
    idpel: z.string(),
    name: z.string(),
    tariffPower: z.string(),
  }),
  amounts: z.object({
    denomination: Rupiah,
    providerAdmin: Rupiah,
    counterFee: Rupiah,
    total: Rupiah,
  }),
  cash: z.object({ tendered: Rupiah, change: Rupiah, state: CashState }),
  token: z.string().nullable(),
  kwh: z.string().nullable(),
  payRef: z.string().nullable(),
  pending: PendingInfo.nullable(),
  failure: AppError.nullable(),
  reviewReason: z.string().nullable(),
  warnings: z.array(Warning),
  reprints: z.number().int().nonnegative(),
});
export type SaleView = z.infer<typeof SaleView>;

export const SaleRow = z.object({
  id: z.string(),
  receiptNo: z.string(),
  createdAt: z.number().int(),
  state: SaleState,
  cashState: CashState,
  customerNumber: z.string(),
  customerName: z.string(),
  denomination: Rupiah,
  total: Rupiah,
  tokenLast4: z.string().nullable(),
});
export type SaleRow = z.infer<typeof SaleRow>;

export const StatusFilter = z.enum(['all', 'succeeded', 'open', 'failed']);
export type StatusFilter = z.infer<typeof StatusFilter>;

export const TodayTotals = z.object({
  count: z.number().int().nonnegative(),
  succeededCount: z.number().int().nonnegative(),
  succeededTotal: Rupiah,
  openCount: z.number().int().nonnegative(),
  openTotal: Rupiah,
  failedCount: z.number().int().nonnegative(),
  cashRefundDue: Rupiah,
  cashInDrawer: z.number().int(),
});
export type TodayTotals = z.infer<typeof TodayTotals>;

export const ReceiptLine = z.object({
  text: z.string(),
  style: z.enum(['normal', 'bold', 'large', 'small']),
  align: z.enum(['left', 'center']),
});
export type ReceiptLine = z.infer<typeof ReceiptLine>;

export const Receipt = z.object({
  saleId: z.string(),
  kind: z.enum(['token', 'pending', 'failed']),
  columns: z.number().int().positive(),
  copyNumber: z.number().int().nonnegative(),
  lines: z.array(ReceiptLine),
});
export type Receipt = z.infer<typeof Receipt>;

export const DtFormat = z.enum(['YYYYMMDD', 'YYYYMMDDHHmmss']);

export const VsiSettingsView = z.object({
  baseUrl: z.string(),
  clientId: z.string(),
  secretMasked: z.string(),
  secretSet: z.boolean(),
  dtFormat: DtFormat,
});

export const SettingsView = z.object({
  mode: Mode,
  locale: Locale,
  outlet: Outlet,
  vsi: VsiSettingsView,
  vaultKeySource: z.string(),
});
export type SettingsView = z.infer<typeof SettingsView>;

const SaleId = z.object({ saleId: z.string().min(1).max(64) });
const Empty = z.object({}).strict();

type Entry = { kind: 'read' | 'write'; request: z.ZodType; response: z.ZodType };

export const contract = {
  'app.info': { kind: 'read', request: Empty, response: AppInfo },
  'pln.inquire': {
    kind: 'write',
    request: z.object({ customerNumber: z.string().max(40) }),
    response: PlnInquiry,
  },
  'sale.startPlnToken': {
    kind: 'write',
    request: z.object({
      clientRequestId: z.string().min(8).max(64),
      inquiryId: z.string().min(1).max(64),
      denomination: Rupiah,
      tendered: Rupiah,
    }),
    response: SaleView,
  },
  'sale.get': { kind: 'read', request: SaleId, response: SaleView },
  'sale.checkStatus': { kind: 'write', request: SaleId, response: SaleView },
  'sale.confirmCashReturned': { kind: 'write', request: SaleId, response: SaleView },
  'sale.declareFailed': { kind: 'write', request: SaleId, response: SaleView },
  'ledger.today': {
    kind: 'read',
    request: z.object({
      status: StatusFilter.default('all'),
      limit: z.number().int().min(1).max(200).default(50),
      beforeSeq: z.number().int().positive().optional(),
    }),
    response: z.object({
      businessDate: z.string(),
      items: z.array(SaleRow),
      totals: TodayTotals,
      nextBeforeSeq: z.number().int().nullable(),
    }),
  },
  'receipt.get': { kind: 'read', request: SaleId, response: Receipt },
  'receipt.print': {
    kind: 'write',
    request: z.object({ saleId: z.string().min(1).max(64), copy: z.boolean() }),
    response: z.object({ receipt: Receipt, printedBy: z.enum(['host', 'renderer']) }),
  },
  'receipt.export': {
    kind: 'read',
    request: SaleId,
    response: z.object({ fileName: z.string(), html: z.string() }),
  },
  'settings.get': { kind: 'read', request: Empty, response: SettingsView },
  'settings.saveOutlet': { kind: 'write', request: Outlet, response: SettingsView },
  'settings.saveVsi': {
    kind: 'write',
    request: z.object({
      baseUrl: z.string().trim().max(200),
      clientId: z.string().trim().max(64),
      secret: z.string().max(256).optional(),
      dtFormat: DtFormat,
    }),
    response: SettingsView,
  },
  'settings.setMode': { kind: 'write', request: z.object({ mode: Mode }), response: SettingsView },
  'settings.setLocale': { kind: 'write', request: z.object({ locale: Locale }), response: SettingsView },
} as const satisfies Record<CallName, Entry>;

export type Contract = typeof contract;
export type Req<N extends CallName> = z.input<Contract[N]['request']>;
export type ParsedReq<N extends CallName> = z.output<Contract[N]['request']>;
export type Res<N extends CallName> = z.output<Contract[N]['response']>;

export const CallResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppError }),
]);
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

// Every contract key is a call name (the satisfies above proves the other direction).
type _AllNamed = keyof Contract extends CallName ? true : never;
export const _allNamed: _AllNamed = true;
