// What the handler maps are built from: the core's services, wired once by create-loket.ts. Each
// domain's file (sale, payment, counter, shift, books, ledger, receipt, settings, crypto) returns
// its part of the typed handler table from this — the way Actual Budget keeps one handler map per
// domain — so the composition root only wires and the rules stay in the services.
import type { Ledger } from '../../db/connection';
import type { Auditor } from '../../db/audit';
import type { Logger } from '../../log/logger';
import type { SettingsService } from '../../services/settings/settings-service';
import type { CatalogService } from '../../services/catalog/catalog-service';
import type { DepositService } from '../../services/deposit/deposit-service';
import type { PaymentService } from '../../services/payments/payment-service';
import type { CounterService } from '../../services/counter/counter-service';
import type { SalesService } from '../../services/sales/sales-service';
import type { SeatOf } from '../../services/sales/deps';
import type { CryptoOrders } from '../../services/crypto/crypto-orders';
import type { PrintService } from '../../services/printing/print-service';
import type { ReceiptService } from '../../services/receipts/receipt-service';
import type { BackupService } from '../../services/backup/backup-service';
import type { BooksService } from '../../services/books/books-service';
import type { AuditRun } from '../../services/audit/audit-run';
import type { ManagedProviderAccess } from '../provider-access';
import type { ManagedPaymentAccess } from '../payment-access';
import type { RailHealth } from '../../services/health/rail-health';
import type { CallbackRunner } from '../callbacks';
import type { Background } from '../background';
import type { LoketConfig } from '../config';
import type { Caller, HandlerTable } from '../invoke';
import type { CallName } from '../../../shared/contract-names';

export type Core = {
  config: LoketConfig;
  db: Ledger;
  now: () => number;
  log: Logger;
  auditor: Auditor;
  audits: AuditRun;
  settings: SettingsService;
  providers: ManagedProviderAccess;
  catalog: CatalogService;
  deposits: DepositService;
  payments: PaymentService;
  counter: CounterService;
  sales: SalesService;
  cryptoOrders: CryptoOrders;
  printing: PrintService;
  receipts: ReceiptService;
  backups: BackupService;
  books: BooksService;
  callbacks: CallbackRunner;
  background: Background;
  /** Display names of every provider the registry lists. */
  providerNames: Readonly<Record<string, string>>;
  /** The gateway of each non-cash payment method (the registry's). */
  paymentGateways: Readonly<Record<string, string>>;
  rails: RailHealth;
  payAccess: ManagedPaymentAccess;
};

/** One domain's part of the handler table. */
export type Handlers<N extends CallName> = Pick<HandlerTable, N>;

/** Where a caller sells: the open shift and who is signed in at its session. */
export const seatOf = (core: Core, caller: Caller): SeatOf => (env) => core.counter.seat(caller.session, env);
