import type { Result } from '../../../shared/domain/errors';
import type { Mode } from '../../../shared/contract';
import type { CardInput } from '../../../shared/payment';
import type { Ledger } from '../../db/connection';
import type { DistributorServices, PlnLookup, ProviderName, PurchaseProvider } from '../../providers/contract';
import type { NonCashMethod, PaymentProviderName } from '../../providers/payment-contract';
import type { PurchaseDescriptor } from '../../providers/descriptor';
import type { Logger } from '../../log/logger';
import type { SettingsService } from '../settings/settings-service';
import type { CatalogService } from '../catalog/catalog-service';
import type { DepositService } from '../deposit/deposit-service';
import type { AdviceTiming } from './advice-ladder';

/** How services obtain provider clients for an environment (training simulators or production). */
export type ProviderAccess = {
  /** What the registry says about a provider (its capabilities), or null for an unknown name. */
  describe(provider: ProviderName): PurchaseDescriptor | null;
  /** Every registered purchase provider. */
  names(): readonly ProviderName[];
  purchaser(provider: ProviderName, env: Mode): Promise<Result<PurchaseProvider>>;
  plnLookup(provider: ProviderName, env: Mode): Promise<Result<PlnLookup>>;
  distributor(provider: ProviderName, env: Mode): Promise<Result<DistributorServices>>;
};

/**
 * Named points of the money path. Production passes a no-op; the crash tests pause the process
 * at one of them and SIGKILL it there.
 */
export type CheckpointName =
  | 'sale.created'
  | 'pay.intent'
  | 'pay.answered'
  | 'pay.recorded'
  | 'advice.intent'
  | 'advice.answered'
  | 'advice.recorded'
  | 'payment.intent'
  | 'payment.answered'
  | 'payment.settled';

export type Checkpoint = (name: CheckpointName, saleId: string) => Promise<void>;

export type SaleDeps = {
  db: Ledger;
  now: () => number;
  log: Logger;
  providers: ProviderAccess;
  settings: SettingsService;
  catalog: CatalogService;
  deposits: DepositService;
  checkpoint: Checkpoint;
  adviceTiming: AdviceTiming;
  /** How long a sale.start* call waits for the purchase before answering with the sale in progress. */
  startWaitMs: number;
  /** Inquiry validity at the counter before a new check is required. */
  inquiryTtlMs: number;
  /** A sale's state changed in a way the advice scheduler should look at. */
  onScheduleChange: () => void;
  /** A distributor order ended: its deposit changed. */
  onDistributorOrder: (env: Mode, provider: string) => void;
  /** The payment step for non-cash methods (charged before anything is bought). */
  payments: {
    begin(saleId: string, card: CardInput | null): Promise<void>;
    /** The gateway that takes a non-cash method (from the registry). */
    gatewayFor(method: NonCashMethod): PaymentProviderName;
    /** The provider for this method can be reached in this environment (configured, vault open). */
    ready(provider: string, env: Mode): Promise<Result<void>>;
  };
};

/** Where a sale is made — the open shift and the person signed in at the caller's session — or why it cannot be. */
export type SeatOf = (env: Mode) => Result<{ shiftId: string; cashier: string }>;
