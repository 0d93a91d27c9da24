// The one typed contract between the renderer and the core. Both hosts (Electron IPC, web HTTP)
// and the renderer's api are generated from this table; every payload is parsed with these
// schemas on the core side, so nothing unchecked reaches a service.
import { FieldSpec, FieldValues } from './provider-fields';
import { z } from 'zod';
import { BackupBadge, BackupFileView, BackupSettings, BackupStatus, RecoveryKeyView, RestoredView } from './backup';
import { AppError } from './domain/errors';
import { Rupiah } from './domain/money';
import { NAME_MAX, NAME_MIN, NAME_PROBLEM_TEXT, newNameProblem, normalizeName } from './domain/person-name';
import { CryptoOrderView, PaymentChoice, PaymentMethod, PaymentState, PaymentView } from './payment';
import { Paper, PrinterSettings, PrintOutcome } from './printing';
import type { CallName } from './contract-names';

export const Locale = z.enum(['id', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Mode = z.enum(['training', 'production']);
export type Mode = z.infer<typeof Mode>;

export const SaleState = z.enum(['awaiting_payment', 'paid', 'sending', 'pending', 'review', 'succeeded', 'failed', 'cancelled']);
export type SaleState = z.infer<typeof SaleState>;

export const ProductKind = z.enum(['pln_prepaid', 'bill', 'digital']);
export type ProductKind = z.infer<typeof ProductKind>;

/** A purchase provider as the core's registry names it (vsi, sat, digiflazz, …). */
export const ProviderName = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);
export type ProviderName = z.infer<typeof ProviderName>;

export const DisplayLine = z.object({ name: z.string(), value: z.string() });
export type DisplayLine = z.infer<typeof DisplayLine>;

export const Amounts = z.object({
  /** The product's nominal: token value, bill amount, pulsa value. */
  faceValue: Rupiah,
  /** The biller/provider admin fee inside the provider cost. */
  providerAdmin: Rupiah,
  /** What the provider takes from the outlet's deposit. */
  providerCost: Rupiah,
  /** The counter's own earning on the sale ("Adm loket" or markup). */
  margin: Rupiah,
  total: Rupiah,
});
export type Amounts = z.infer<typeof Amounts>;

export const Warning = z.object({
  code: z.enum(['luhn_mismatch', 'unsold_tokens', 'recent_same_sale', 'recent_same_bill', 'name_after_sale']),
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

export const DepositView = z.object({
  provider: ProviderName,
  balance: z.number().int(),
  checkedAt: z.number().int(),
  low: z.boolean(),
});
export type DepositView = z.infer<typeof DepositView>;

export const Role = z.enum(['cashier', 'supervisor', 'owner']);
export type Role = z.infer<typeof Role>;
const Pin = z.string().regex(/^\d{4,8}$/);
/** A name typed to sign in or approve: normalised (NFC, single spaces), so "budi  s" finds "Budi S". */
const UserName = z.string().max(200).transform(normalizeName).pipe(z.string().min(NAME_MIN).max(NAME_MAX));
/** A new account's name: also no hidden characters and Latin letters only (shared/domain/person-name). */
const NewUserName = z
  .string()
  .max(200)
  .transform(normalizeName)
  .superRefine((name, ctx) => {
    const problem = newNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: NAME_PROBLEM_TEXT[problem] });
  });
/** A supervisor's name and PIN typed at the counter to allow what a cashier may not do alone. */
export const Approval = z.object({ name: UserName, pin: Pin });
export type Approval = z.infer<typeof Approval>;

export const ShiftView = z.object({ id: z.string(), cashier: z.string(), openedAt: z.number().int(), openingFloat: Rupiah });
export type ShiftView = z.infer<typeof ShiftView>;

/** Who is at the counter: nobody yet (first start: make the owner's account), signed in, or locked after idling. */
export const CounterStatus = z.object({
  needsOwner: z.boolean(),
  user: z.object({ name: z.string(), role: Role }).nullable(),
  locked: z.boolean(),
  shift: ShiftView.nullable(),
  idleLockMinutes: z.number().int(),
  blindCount: z.boolean(),
});
export type CounterStatus = z.infer<typeof CounterStatus>;

export const CounterUsers = z.object({
  users: z.array(z.object({ name: z.string(), role: Role, active: z.boolean(), /** Too many wrong PINs: locked until then. */ lockedUntil: z.number().int().nullable() })),
});

/** A provider rail's recent health (issue 15 §6). */
export const RailState = z.object({
  provider: z.string(),
  lastOkAt: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  lastFailAt: z.number().int().nullable(),
  failure: z.string().nullable(),
});
export type RailState = z.infer<typeof RailState>;

export const AppInfo = z.object({
  /** Every provider's name as people read it ("digiflazz" → "Digiflazz"), from the core's registry. */
  providerNames: z.record(z.string(), z.string()).default({}),
  /** The purchase providers, in the registry's order (filters list them). */
  purchaseProviders: z.array(ProviderName).default([]),
  /** How each rail has been answering: the last success and its latency, the last failure in words. */
  rails: z.array(RailState).default([]),
  /** Who sells each kind of product now (the routes' primaries), for the sale screens' rail line. */
  routes: z.object({ pln_prepaid: z.string(), digital: z.string(), bill: z.string() }).nullable().default(null),
  /** Which gateway takes each non-cash method (the registry's), for the payment step's rail line. */
  paymentGateways: z.record(z.string(), z.string()).default({}),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  mode: Mode,
  locale: Locale,
  outlet: Outlet,
  pendingCount: z.number().int().nonnegative(),
  reviewCount: z.number().int().nonnegative(),
  deposits: z.array(DepositView),
  counter: CounterStatus,
  backup: BackupBadge,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PlnInquiry = z.object({
  inquiryId: z.string(),
  customerNumber: z.string(),
  meterNumber: z.string(),
  idpel: z.string(),
  name: z.string(),
  tariffPower: z.string(),
  provider: ProviderName,
  unsoldTokens: z.number().int().nonnegative(),
  /** Every denomination with its price at this counter, priced by the core. */
  options: z.array(
    z.object({
      denomination: Rupiah,
      amounts: Amounts,
      available: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
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

export const ProductRef = z.object({
  kind: ProductKind,
  code: z.string(),
  name: z.string(),
  category: z.string(),
  provider: ProviderName,
});

export const SaleView = z.object({
  id: z.string(),
  receiptNo: z.string(),
  state: SaleState,
  /** Who made the sale (a screen reopens only its own person's waiting payment). */
  cashier: z.string(),
  env: Mode,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  product: ProductRef,
  customer: z.object({
    number: z.string(),
    name: z.string(),
    meterNumber: z.string(),
    idpel: z.string(),
    tariffPower: z.string(),
  }),
  amounts: Amounts,
  payment: PaymentView,
  delivery: z.object({
    token: z.string().nullable(),
    kwh: z.string().nullable(),
    serialNumber: z.string().nullable(),
    voucherCode: z.string().nullable(),
    payRef: z.string().nullable(),
    lines: z.array(DisplayLine),
  }),
  inquiryLines: z.array(DisplayLine),
  pending: PendingInfo.nullable(),
  failure: AppError.nullable(),
  reviewReason: z.string().nullable(),
  warnings: z.array(Warning),
  reprints: z.number().int().nonnegative(),
});
export type SaleView = z.infer<typeof SaleView>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** What the transactions screen asks for: a date range with filters, or one search (which ignores the rest). */
export const LedgerQuery = z.object({
  from: Day,
  to: Day,
  status: z.enum(['all', 'succeeded', 'open', 'failed', 'refund_due']).default('all'),
  shiftId: z.string().max(40).nullable().default(null),
  cashier: z.string().max(40).nullable().default(null),
  productKind: z.enum(['pln_prepaid', 'bill', 'digital']).nullable().default(null),
  provider: ProviderName.nullable().default(null),
  method: PaymentMethod.nullable().default(null),
  query: z.string().trim().max(64).nullable().default(null),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

const Sum = z.object({ key: z.string(), count: z.number().int(), total: Rupiah });
/** Delivered sales of the selection, per product, provider and payment method. */
const MethodSum = z.object({ method: z.string(), count: z.number().int(), total: z.number().int() });
const CountedSum = z.object({ count: z.number().int(), total: z.number().int(), byMethod: z.array(MethodSum) });
/**
 * What the books say happened in a period (a shift, a day, a selection): every figure a report
 * prints is one of these, summed from the journal's entries, so no two reports can disagree.
 */
export const BookFigures = z.object({
  /** Delivered (goods given), at the counter's price; margin = admin income. */
  sales: CountedSum.extend({ margin: z.number().int(), byProduct: z.array(Sum), byProvider: z.array(Sum) }),
  /** Money given back after delivery (a refund), by the method it went back through. */
  refunds: CountedSum,
  /** Money given back for sales that never delivered (failed, cancelled). */
  returned: CountedSum,
  /** Sales less refunds. */
  net: z.number().int(),
  /** Standalone bitcoin orders paid (goods sold outside Loket). */
  outside: z.object({ count: z.number().int(), total: z.number().int() }),
  /** The drawer account's movements by cause; `total` is their sum (the drawer's change in the period). */
  drawer: z.object({
    float: z.number().int(),
    received: z.number().int(),
    refunded: z.number().int(),
    returned: z.number().int(),
    movementsIn: z.number().int(),
    movementsOut: z.number().int(),
    depositTopUps: z.number().int(),
    variance: z.number().int(),
    total: z.number().int(),
  }),
  /** Cash put in or taken out of the drawer for a reason. */
  movements: z.array(z.object({ kind: z.enum(['petty_cash', 'owner_withdrawal', 'change_topup']), amount: z.number().int(), reason: z.string(), at: z.number().int() })),
});
export type BookFigures = z.infer<typeof BookFigures>;

/** A selection's counts (its sales) and its figures (the books' entries of the selection's period and filters). */
export const LedgerTotals = z.object({
  count: z.number().int(),
  succeeded: z.object({ count: z.number().int(), total: Rupiah, margin: Rupiah }),
  unfinished: z.number().int(),
  failed: z.number().int(),
  byProduct: z.array(Sum),
  byProvider: z.array(Sum),
  byMethod: z.array(Sum),
  figures: BookFigures,
});
export type LedgerTotals = z.infer<typeof LedgerTotals>;

export const SaleRow = z.object({
  id: z.string(),
  receiptNo: z.string(),
  createdAt: z.number().int(),
  state: SaleState,
  paymentMethod: PaymentMethod,
  paymentState: PaymentState,
  productKind: ProductKind,
  productName: z.string(),
  provider: ProviderName,
  customerNumber: z.string(),
  customerName: z.string(),
  faceValue: Rupiah,
  total: Rupiah,
  /** The last characters of the token / voucher / serial, to recognise a sale without showing it whole. */
  deliveryHint: z.string().nullable(),
});
export type SaleRow = z.infer<typeof SaleRow>;

/**
 * What Loket is doing about a sale that is not finished with: the kind says who acts (Loket
 * itself, the cashier, a supervisor), the rest says when and how often it has tried.
 */
export const UnresolvedActivity = z.object({
  kind: z.enum(['awaiting_payment', 'buying', 'asking_provider', 'needs_supervisor', 'refunding', 'cash_back', 'hand_back', 'excess_back']),
  /** Whom Loket is asking: the purchase's provider or the payment's. */
  provider: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  lastAt: z.number().int().nullable(),
  nextAt: z.number().int().nullable(),
  lastResult: z.string().nullable(),
  /** Money at stake: still owed back, or the sale's total. */
  amount: Rupiah,
  expiresAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type UnresolvedActivity = z.infer<typeof UnresolvedActivity>;
export const UnresolvedItem = z.object({ row: SaleRow, activity: UnresolvedActivity, since: z.number().int() });
export type UnresolvedItem = z.infer<typeof UnresolvedItem>;

export const BillInquiryView = z.object({
  inquiryId: z.string(),
  product: ProductRef,
  customerNumber: z.string(),
  customerName: z.string(),
  lines: z.array(DisplayLine),
  amounts: Amounts,
  expiresAt: z.number().int(),
  /** E.g. this counter already paid this product for this number recently. */
  warnings: z.array(Warning),
});
export type BillInquiryView = z.infer<typeof BillInquiryView>;

export const ProductView = z.object({
  code: z.string(),
  kind: ProductKind,
  name: z.string(),
  category: z.string(),
  operator: z.string(),
  faceValue: Rupiah.nullable(),
  providerPrice: Rupiah,
  /** What the counter charges (prepaid) or adds to a bill (postpaid), per the price rules. */
  sellPrice: Rupiah.nullable(),
  margin: z.number().int(),
  needsInquiry: z.boolean(),
  sellable: z.boolean(),
  reason: z.string().nullable(),
  /** Extra inputs the provider asks for with this product (SAT `fields`): ask each of the cashier. */
  fields: z.array(FieldSpec).default([]),
});
export type ProductView = z.infer<typeof ProductView>;

export const PriceRule = z.object({
  scope: z.enum(['product', 'category']),
  key: z.string().min(1).max(80),
  mode: z.enum(['markup', 'fixed']),
  amount: Rupiah.max(100_000_000),
});
export type PriceRule = z.infer<typeof PriceRule>;

/** Who sells a category: the primary, and who takes over after a definite failure (nothing taken). */
export const Route = z.object({ primary: ProviderName, fallback: ProviderName.nullable() });
export type Route = z.infer<typeof Route>;

/**
 * `primary`/`fallback`: PLN tokens (kept at the top level, as stored since issue 4). Digital
 * products and bills have their own route; a bill is inquired and paid at one provider, so it has
 * no fallback.
 */
export const Routing = z.object({
  primary: ProviderName,
  fallback: ProviderName.nullable(),
  digital: Route.default({ primary: 'sat', fallback: null }),
  bill: z.object({ primary: ProviderName }).default({ primary: 'sat' }),
});
export type Routing = z.infer<typeof Routing>;

export const CallbackSettings = z.object({
  enabled: z.boolean(),
  port: z.number().int().min(1024).max(65535),
  path: z.string().min(1).max(100),
});
export type CallbackSettings = z.infer<typeof CallbackSettings>;

export const StatusFilter = z.enum(['all', 'succeeded', 'open', 'failed', 'refund_due']);
export type StatusFilter = z.infer<typeof StatusFilter>;

export const TodayTotals = z.object({
  count: z.number().int().nonnegative(),
  succeededCount: z.number().int().nonnegative(),
  succeededTotal: Rupiah,
  openCount: z.number().int().nonnegative(),
  openTotal: Rupiah,
  failedCount: z.number().int().nonnegative(),
  /** Sales whose payment never came: nothing bought, nothing owed. */
  cancelledCount: z.number().int().nonnegative(),
  cashRefundDue: Rupiah,
  cashInDrawer: z.number().int(),
  /** Money owed back to customers by any method (cash, provider refunds in progress, a supervisor's transfer). */
  refundDue: Rupiah,
  /** What each method brought in today: sold, less refunded. */
  byMethod: z.array(z.object({ method: PaymentMethod, count: z.number().int().nonnegative(), total: z.number().int() })),
  /** Today in the books: sales, refunds, net, the drawer's movements. */
  figures: BookFigures,
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
  kind: z.enum(['token', 'bill', 'digital', 'pending', 'failed', 'payment_slip', 'cancelled', 'crypto', 'shift_report']),
  columns: z.number().int().positive(),
  copyNumber: z.number().int().nonnegative(),
  lines: z.array(ReceiptLine),
  /** What the paper's QR encodes (a waiting QRIS or bitcoin payment's slip), else null. */
  qr: z.string().nullable().default(null),
  /** The paper as the virtual printer shows it (training, or no printer): decoded from the ESC/POS bytes. */
  paper: Paper.nullable().default(null),
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

/** This counter's link to Loket Pusat (issue 18). */
export const HubLinkStatus = z.object({
  linked: z.boolean(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  counter: z.string().nullable(),
  /** Rows still to send. */
  pending: z.number().int(),
  lastOkAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextTryAt: z.number().int().nullable(),
});
export type HubLinkStatus = z.infer<typeof HubLinkStatus>;

export const SatSettingsView = z.object({
  baseUrl: z.string(),
  tokenUrl: z.string(),
  clientId: z.string(),
  downlineId: z.string(),
  secretSet: z.boolean(),
  secretMasked: z.string(),
  /** Key fingerprints (SHA-256 of the public key), never the keys. */
  privateKey: z.string().nullable(),
  satPublicKey: z.string().nullable(),
});

/** An X report (during a shift) or a Z report (its close): what the drawer should hold and what was sold. */

export const ShiftReport = z.object({
  kind: z.enum(['X', 'Z']),
  shiftId: z.string(),
  cashier: z.string(),
  closedBy: z.string().nullable(),
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  openingFloat: Rupiah,
  cashMovement: z.number().int(),
  /** Null: hidden from a cashier until the drawer is counted (blind count). */
  expectedCash: z.number().int().nullable(),
  countedCash: Rupiah.nullable(),
  variance: z.number().int().nullable(),
  varianceReason: z.string().nullable(),
  byMethod: z.array(z.object({ method: z.string(), count: z.number().int(), total: Rupiah })),
  succeeded: z.object({ count: z.number().int(), total: Rupiah, margin: Rupiah }),
  unfinished: z.number().int(),
  failed: z.number().int(),
  /** Every figure above and on the paper, from the shift's own journal entries. */
  figures: BookFigures,
  training: z.boolean(),
  lines: z.array(ReceiptLine),
});
export type ShiftReport = z.infer<typeof ShiftReport>;

/** Training: what the customer (or, for bitcoin, the chain) does on the other side. */
// `dispute` and `chargeback`: a paid bitcoin order loses its confirmations / is charged back (training only).
export const SimulatedOutcome = z.enum(['pay', 'pay_part', 'pay_over', 'confirm', 'expire', 'deny', 'dispute', 'chargeback']);
export type SimulatedOutcome = z.infer<typeof SimulatedOutcome>;

/** The owner's books: every account's balance, and each provider's deposit against what it reports. */
export const BooksView = z.object({
  accounts: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['asset', 'liability', 'equity', 'income', 'expense']), balance: z.number().int() })),
  deposits: z.array(
    z.object({ provider: ProviderName, account: z.string(), books: z.number().int(), reported: z.number().int().nullable(), checkedAt: z.number().int().nullable(), difference: z.number().int().nullable() }),
  ),
  /** Invariants that do not hold (an entry not summing to zero, a balance not equal to its lines): empty. */
  problems: z.array(z.string()),
});
export type BooksView = z.infer<typeof BooksView>;

export const PaymentSettingsView = z.object({
  midtrans: z.object({
    environment: z.enum(['sandbox', 'production']),
    baseUrl: z.string(),
    serverKeySet: z.boolean(),
    serverKeyMasked: z.string(),
  }),
  worldline: z.object({
    apiUrl: z.string(),
    tokenUrl: z.string(),
    clientId: z.string(),
    acquirerId: z.string(),
    merchantId: z.string(),
    terminalId: z.string(),
    /** IDR's decimals in the acquirer contract: 2 (ISO 4217) or 0 (whole rupiah). */
    amountDecimals: z.union([z.literal(0), z.literal(2)]),
    secretSet: z.boolean(),
    secretMasked: z.string(),
  }),
  chainside: z.object({
    environment: z.enum(['sandbox', 'live']),
    baseUrl: z.string(),
    clientId: z.string(),
    requiredConfirmations: z.number().int().min(0).max(6),
    secretSet: z.boolean(),
    secretMasked: z.string(),
  }),
});
export type PaymentSettingsView = z.infer<typeof PaymentSettingsView>;

/** A purchase provider as the settings screens list it: what the registry says it sells. */
export const PurchaseProviderInfo = z.object({ name: ProviderName, displayName: z.string(), sells: z.array(z.enum(['pln_prepaid', 'bill', 'digital'])) });
export type PurchaseProviderInfo = z.infer<typeof PurchaseProviderInfo>;

/** A provider's production settings as its descriptor describes them; secrets only as masks. */
export const ProviderSettingsView = z.object({
  name: ProviderName,
  displayName: z.string(),
  fields: z.array(z.object({ name: z.string(), label: z.string(), kind: z.enum(['url', 'text', 'choice']), choices: z.array(z.string()), required: z.boolean(), value: z.string() })),
  secrets: z.array(z.object({ field: z.string(), label: z.string(), required: z.boolean(), masked: z.string() })),
});
export type ProviderSettingsView = z.infer<typeof ProviderSettingsView>;

export const SettingsView = z.object({
  purchaseProviders: z.array(PurchaseProviderInfo).default([]),
  /** Providers whose settings form is drawn from their descriptor (the others have their own screens). */
  providerForms: z.array(ProviderSettingsView).default([]),
  mode: Mode,
  locale: Locale,
  outlet: Outlet,
  vsi: VsiSettingsView,
  sat: SatSettingsView,
  routing: Routing,
  lowBalanceThreshold: Rupiah,
  callback: CallbackSettings,
  payments: PaymentSettingsView,
  printer: PrinterSettings,
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
      payment: PaymentChoice,
      /** The cashier confirmed a second purchase of the same product for the same customer within minutes. */
      confirmRepeat: z.boolean().default(false),
    }),
    response: SaleView,
  },
  'bill.inquire': {
    kind: 'write',
    request: z.object({
      productCode: z.string().min(1).max(80),
      customerNumber: z.string().trim().min(1).max(40),
      /** The product's extra inputs (ProductView.fields), all filled in. */
      fields: FieldValues.default([]),
    }),
    response: BillInquiryView,
  },
  'sale.startBill': {
    kind: 'write',
    request: z.object({
      clientRequestId: z.string().min(8).max(64),
      inquiryId: z.string().min(1).max(64),
      payment: PaymentChoice,
      /** The cashier confirmed a second purchase of the same product for the same customer within minutes. */
      confirmRepeat: z.boolean().default(false),
    }),
    response: SaleView,
  },
  'sale.startDigital': {
    kind: 'write',
    request: z.object({
      clientRequestId: z.string().min(8).max(64),
      productCode: z.string().min(1).max(80),
      customerNumber: z.string().trim().min(4).max(40),
      /** The price the cashier showed the customer; the core refuses if it changed since. */
      expectedTotal: Rupiah,
      /** The product's extra inputs (ProductView.fields), all filled in. */
      fields: FieldValues.default([]),
      payment: PaymentChoice,
      /** The cashier confirmed a second purchase of the same product for the same customer within minutes. */
      confirmRepeat: z.boolean().default(false),
    }),
    response: SaleView,
  },
  'catalog.list': {
    kind: 'read',
    request: z.object({ kind: z.enum(['bill', 'digital', 'pln_prepaid']).optional() }),
    response: z.object({ products: z.array(ProductView), syncedAt: z.number().int().nullable() }),
  },
  'catalog.sync': {
    kind: 'write',
    request: Empty,
    response: z.object({ products: z.number().int(), syncedAt: z.number().int() }),
  },
  'deposit.get': {
    kind: 'write',
    request: z.object({ refresh: z.boolean().default(false) }),
    response: z.object({ deposits: z.array(DepositView), lowBalanceThreshold: Rupiah }),
  },
  'pricing.list': {
    kind: 'read',
    request: Empty,
    response: z.object({ rules: z.array(PriceRule), defaultMargin: Rupiah }),
  },
  'pricing.set': { kind: 'write', request: PriceRule, response: z.object({ rules: z.array(PriceRule), defaultMargin: Rupiah }) },
  'pricing.remove': {
    kind: 'write',
    request: PriceRule.pick({ scope: true, key: true }),
    response: z.object({ rules: z.array(PriceRule), defaultMargin: Rupiah }),
  },
  'sale.get': { kind: 'read', request: SaleId, response: SaleView },
  'sale.checkStatus': { kind: 'write', request: SaleId, response: SaleView },
  'sale.confirmCashReturned': { kind: 'write', request: SaleId, response: SaleView },
  'payment.check': { kind: 'write', request: SaleId, response: SaleView },
  'payment.cancel': { kind: 'write', request: SaleId, response: SaleView },
  /** Training only: what the customer does on their phone or at their bank. */
  'payment.simulate': { kind: 'write', request: SaleId.extend({ outcome: SimulatedOutcome }), response: SaleView },
  'payment.refund': {
    kind: 'write',
    request: SaleId.extend({ amount: Rupiah.refine((n) => n > 0), reason: z.string().trim().min(3).max(200), approval: Approval.optional() }),
    response: SaleView,
  },
  'sale.declareFailed': { kind: 'write', request: SaleId.extend({ approval: Approval.optional() }), response: SaleView },
  'counter.status': { kind: 'read', request: Empty, response: CounterStatus },
  'counter.setupOwner': { kind: 'write', request: z.object({ name: NewUserName, pin: Pin }), response: CounterStatus },
  'counter.signIn': { kind: 'write', request: z.object({ name: UserName, pin: Pin }), response: CounterStatus },
  'counter.signOut': { kind: 'write', request: Empty, response: CounterStatus },
  'counter.lock': { kind: 'write', request: Empty, response: CounterStatus },
  /** The cashier typed or clicked (sent at most once a minute): the idle clock restarts. */
  'counter.activity': { kind: 'write', request: Empty, response: CounterStatus },
  'counter.users': { kind: 'read', request: Empty, response: CounterUsers },
  'counter.createUser': { kind: 'write', request: z.object({ name: NewUserName, role: Role, pin: Pin }), response: CounterUsers },
  'counter.setActive': { kind: 'write', request: z.object({ name: UserName, active: z.boolean() }), response: CounterUsers },
  /** Lifts a lock after wrong PINs: the owner for anyone, a supervisor for a cashier. */
  'counter.unlockUser': { kind: 'write', request: z.object({ name: UserName }), response: CounterUsers },
  /** The owner sets a new PIN for an account (a forgotten PIN); the lock goes with the old one. */
  'counter.resetPin': { kind: 'write', request: z.object({ name: UserName, pin: Pin }), response: CounterUsers },
  'counter.setIdleLock': { kind: 'write', request: z.object({ minutes: z.number().int().min(1).max(120) }), response: CounterStatus },
  /** Blind count (the default): a cashier sees what the drawer should hold only after counting it. */
  'counter.setBlindCount': { kind: 'write', request: z.object({ on: z.boolean() }), response: CounterStatus },
  'shift.open': { kind: 'write', request: z.object({ openingFloat: Rupiah.refine((n) => n <= 100_000_000) }), response: CounterStatus },
  'shift.report': { kind: 'read', request: Empty, response: ShiftReport },
  'shift.close': {
    kind: 'write',
    request: z.object({
      counted: Rupiah,
      /** The count by denomination (note or coin value → how many), when the cashier counted that way. */
      denominations: z.record(z.string().regex(/^\d+$/), z.number().int().min(0).max(100_000)).nullable(),
      reason: z.string().trim().max(200).nullable(),
      approval: Approval.optional(),
    }),
    response: ShiftReport,
  },
  /** Petty cash, the owner's withdrawal (out) or change brought in (in); a cashier's needs a supervisor. */
  'shift.moveCash': {
    kind: 'write',
    request: z.object({
      kind: z.enum(['petty_cash', 'owner_withdrawal', 'change_topup']),
      amount: Rupiah.refine((n) => n > 0, { message: 'Jumlah harus lebih dari Rp 0.' }),
      reason: z.string().trim().min(3, { message: 'Tulis alasannya (paling sedikit 3 huruf).' }).max(200),
      approval: Approval.optional(),
    }),
    response: ShiftReport,
  },
  'books.get': { kind: 'read', request: Empty, response: BooksView },
  'books.statement': {
    kind: 'read',
    request: z.object({ account: z.string().regex(/^\d{4}$/), limit: z.number().int().min(1).max(200), beforeEntry: z.number().int().positive().nullable() }),
    response: z.object({
      lines: z.array(z.object({ entryId: z.number().int(), at: z.number().int(), memo: z.string(), key: z.string(), saleId: z.string().nullable(), amount: z.number().int() })),
    }),
  },
  'books.recordDeposit': {
    kind: 'write',
    request: z.object({
      provider: ProviderName,
      amount: Rupiah.refine((n) => n > 0 && n <= 1_000_000_000),
      source: z.enum(['owner', 'drawer']),
      note: z.string().trim().max(80),
    }),
    response: BooksView,
  },
  'audit.verify': {
    kind: 'write',
    request: Empty,
    response: z.object({
      intact: z.boolean(),
      /** A restore without the old key: entries before this one are read, not re-verified. */
      unverifiableBefore: z.number().int().nullable(),
      entries: z.number().int(),
      rows: z.number().int(),
      ms: z.number().int(),
      keyed: z.boolean(),
      /** Each finding in the owner's words: which entry, or which table, row and key. */
      findings: z.array(z.string()),
    }),
  },
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
  /** Every sale not finished with, whatever its day, with what Loket is doing about it. */
  'ledger.unresolved': { kind: 'read', request: Empty, response: z.object({ items: z.array(UnresolvedItem), more: z.boolean() }) },
  'ledger.search': {
    kind: 'read',
    request: LedgerQuery.extend({
      limit: z.number().int().min(1).max(200).default(50),
      beforeSeq: z.number().int().positive().optional(),
    }),
    response: z.object({ items: z.array(SaleRow), nextBeforeSeq: z.number().int().nullable() }),
  },
  /** The selection's totals, asked apart from its first page so the page never waits for a month's sums. */
  'ledger.searchTotals': { kind: 'read', request: LedgerQuery, response: LedgerTotals },
  /** The selection as CSV (one row per sale, at most 100,000), for the owner's spreadsheet. */
  'ledger.exportCsv': { kind: 'read', request: LedgerQuery, response: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int(), truncated: z.boolean() }) },
  /** One business day as a PDF (totals, shifts and drawer, unresolved, every sale), for the owner's files. */
  'report.dayPdf': {
    kind: 'read',
    request: z.object({ date: Day }),
    response: z.object({ fileName: z.string(), base64: z.string(), pages: z.number().int(), sales: z.number().int(), truncated: z.boolean() }),
  },
  'receipt.get': { kind: 'read', request: SaleId, response: Receipt },
  'receipt.print': {
    kind: 'write',
    /** A reprint beyond the first needs a supervisor's approval when a cashier asks. */
    request: z.object({ saleId: z.string().min(1).max(64), copy: z.boolean(), approval: Approval.optional() }),
    response: z.object({ receipt: Receipt, printedBy: z.enum(['host', 'renderer', 'printer', 'virtual']), outcome: PrintOutcome }),
  },
  /** A shift's X or Z report on the printer. */
  'shift.print': { kind: 'write', request: z.object({ shiftId: z.string().min(1).max(64) }), response: z.object({ receipt: Receipt, outcome: PrintOutcome }) },
  /** The test page: every character the struk uses, the rupiah and token formats, a QR and a barcode. */
  /** The test page: on the printer as the form has it now (not yet saved), or on the saved one. */
  'printer.test': { kind: 'write', request: z.object({ printer: PrinterSettings.nullable() }), response: z.object({ receipt: Receipt, outcome: PrintOutcome }) },
  'receipt.export': {
    kind: 'read',
    request: SaleId,
    response: z.object({ fileName: z.string(), html: z.string() }),
  },
  'settings.get': { kind: 'read', request: Empty, response: SettingsView },
  'settings.saveOutlet': { kind: 'write', request: Outlet, response: SettingsView },
  /** The owner's "Tes koneksi": one harmless call to a provider, its answer in words. */
  'provider.test': {
    kind: 'write',
    request: z.object({ provider: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/) }),
    response: z.object({ reachable: z.boolean(), message: z.string(), ms: z.number() }),
  },
  'settings.saveProvider': {
    kind: 'write',
    request: z.object({
      provider: ProviderName,
      fields: z.record(z.string(), z.string().max(300)),
      /** Only secrets typed now; an absent or empty one keeps the stored secret. */
      secrets: z.record(z.string(), z.string().max(8_000)),
    }),
    response: SettingsView,
  },
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
  'settings.saveSat': {
    kind: 'write',
    request: z.object({
      baseUrl: z.string().trim().max(200),
      tokenUrl: z.string().trim().max(200),
      clientId: z.string().trim().max(128),
      /** This outlet's id as SAT's partner's downstream reseller (`downline_id`), sent with every inquiry and order; '' for none. */
      downlineId: z
        .string()
        .trim()
        .max(50)
        .regex(/^[A-Za-z0-9_-]*$/, 'ID downline hanya huruf, angka, garis bawah dan tanda minus.')
        .default(''),
      clientSecret: z.string().max(256).optional(),
      privateKeyPem: z.string().max(10_000).optional(),
      satPublicKeyPem: z.string().max(10_000).optional(),
    }),
    response: SettingsView,
  },
  'settings.setRouting': { kind: 'write', request: Routing, response: SettingsView },
  'settings.setLowBalance': { kind: 'write', request: z.object({ amount: Rupiah }), response: SettingsView },
  'settings.saveMidtrans': {
    kind: 'write',
    request: z.object({
      environment: z.enum(['sandbox', 'production']),
      baseUrl: z.string().trim().max(200),
      // No client key: it serves Midtrans' browser-side Snap, which a counter never runs (issue 15 §7).
      serverKey: z.string().trim().max(128).optional(),
    }),
    response: SettingsView,
  },
  'settings.saveWorldline': {
    kind: 'write',
    request: z.object({
      apiUrl: z.string().trim().max(200),
      tokenUrl: z.string().trim().max(300),
      clientId: z.string().trim().max(128),
      acquirerId: z.string().trim().max(40),
      merchantId: z.string().trim().max(40),
      terminalId: z.string().trim().max(8),
      amountDecimals: z.union([z.literal(0), z.literal(2)]).default(2),
      clientSecret: z.string().max(256).optional(),
    }),
    response: SettingsView,
  },
  'crypto.create': {
    kind: 'write',
    request: z.object({ clientRequestId: z.string().min(8).max(64), amount: Rupiah.refine((n) => n >= 1_000 && n <= 100_000_000), label: z.string().trim().min(1).max(60) }),
    response: CryptoOrderView,
  },
  /** `remote`: also ask Chainside for the order's transactions and confirmations (the detail view). */
  'crypto.get': { kind: 'read', request: z.object({ reference: z.string().max(80), remote: z.boolean().default(false) }), response: CryptoOrderView },
  'crypto.check': { kind: 'write', request: z.object({ reference: z.string().max(80) }), response: CryptoOrderView },
  'crypto.cancel': { kind: 'write', request: z.object({ reference: z.string().max(80) }), response: CryptoOrderView },
  'crypto.simulate': { kind: 'write', request: z.object({ reference: z.string().max(80), outcome: SimulatedOutcome }), response: CryptoOrderView },
  'crypto.list': {
    kind: 'read',
    request: z.object({
      status: z.enum(['pending', 'partial', 'mempool_unconfirmed', 'unconfirmed', 'paid', 'cancelled', 'expired', 'network_dispute', 'chargeback']).nullable(),
      page: z.number().int().min(0).max(10_000),
      pageSize: z.number().int().min(1).max(40),
      sortBy: z.enum(['created_at', 'amount']),
      sortOrder: z.enum(['asc', 'desc']),
    }),
    response: z.object({ items: z.array(CryptoOrderView), totalItems: z.number().int(), totalPages: z.number().int() }),
  },
  'crypto.receipt': { kind: 'write', request: z.object({ reference: z.string().max(80) }), response: z.object({ receipt: Receipt, outcome: PrintOutcome }) },
  'settings.saveChainside': {
    kind: 'write',
    request: z.object({
      environment: z.enum(['sandbox', 'live']),
      baseUrl: z.string().trim().max(200),
      clientId: z.string().trim().max(128),
      requiredConfirmations: z.number().int().min(0).max(6),
      secret: z.string().max(256).optional(),
    }),
    response: SettingsView,
  },
  'settings.setCallback': { kind: 'write', request: CallbackSettings, response: SettingsView },
  'settings.savePrinter': { kind: 'write', request: PrinterSettings, response: SettingsView },
  'backup.status': { kind: 'read', request: Empty, response: BackupStatus },
  /** Loket Pusat: whether this counter replicates to a hub, how much is still to send, the last error in words. */
  'hub.status': { kind: 'read', request: Empty, response: HubLinkStatus },
  /** Enrolls this counter with the owner's one-time code; the whole ledger is then queued in order. */
  'hub.enroll': { kind: 'write', request: z.object({ url: z.string().trim().min(1).max(200), code: z.string().trim().min(1).max(40) }), response: HubLinkStatus },
  'hub.unlink': { kind: 'write', request: Empty, response: HubLinkStatus },
  /** Sends what is due now (the card's "Kirim sekarang"). */
  'hub.flush': { kind: 'write', request: Empty, response: HubLinkStatus },
  /** How far an audit check in progress is (the settings card's progress bar). */
  'audit.progress': { kind: 'read', request: Empty, response: z.object({ running: z.boolean(), done: z.number().int(), total: z.number().int() }) },
  'backup.saveSettings': { kind: 'write', request: BackupSettings, response: BackupStatus },
  /** Starts a backup now into every folder (it runs in the background; backup.status follows it). */
  'backup.run': { kind: 'write', request: Empty, response: BackupStatus },
  /** The recovery key, shown to the owner (each showing is audited), and the two groups to type back. */
  'recoveryKey.show': { kind: 'write', request: Empty, response: RecoveryKeyView },
  'recoveryKey.confirm': {
    kind: 'write',
    request: z.object({ answers: z.array(z.object({ position: z.number().int().min(1).max(14), group: z.string().max(12) })).length(2) }),
    response: BackupStatus,
  },
  /** The recovery key on an A4 page to print and keep away from the PC. */
  'recoveryKey.pdf': { kind: 'write', request: Empty, response: z.object({ pdfBase64: z.string(), fileName: z.string() }) },
  /** First start only (no account yet): the backups in a folder, or the one file named. */
  'setup.findBackups': { kind: 'write', request: z.object({ path: z.string().trim().min(1).max(500) }), response: z.object({ backups: z.array(BackupFileView) }) },
  /** First start only: restore a backup with the recovery key; Loket reopens on the restored ledger. */
  'setup.restore': {
    kind: 'write',
    request: z.object({
      file: z.string().trim().min(1).max(500),
      /** Empty only for a plain loket.db whose key is lost: then `owner` names the owner and their new PIN. */
      recoveryKey: z.string().max(200),
      owner: z.object({ name: z.string().trim().min(1).max(40), pin: z.string().regex(/^\d{4,8}$/) }).nullable().optional(),
    }),
    response: RestoredView,
  },
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
