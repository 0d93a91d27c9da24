import type { Result } from '../../../shared/domain/errors';
import type { Mode } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import type { PlnPrepaidProvider } from '../../providers/contract';
import type { Logger } from '../../log/logger';
import type { SettingsService } from '../settings/settings-service';
import type { AdviceTiming } from './advice-ladder';

/** How services obtain a provider client for an environment (training simulator or production). */
export type ProviderAccess = {
  plnPrepaid(env: Mode): Promise<Result<PlnPrepaidProvider>>;
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
  | 'advice.recorded';

export type Checkpoint = (name: CheckpointName, saleId: string) => Promise<void>;

export type SaleDeps = {
  db: Ledger;
  now: () => number;
  log: Logger;
  providers: ProviderAccess;
  settings: SettingsService;
  checkpoint: Checkpoint;
  adviceTiming: AdviceTiming;
  /** How long sale.startPlnToken waits for the PAY before answering with the sale in progress. */
  startWaitMs: number;
  /** Inquiry validity at the counter before a new check is required. */
  inquiryTtlMs: number;
  /** A sale's state changed in a way the advice scheduler should look at. */
  onScheduleChange: () => void;
};
