import type { TransportTimeouts } from '../services/printing/transports';
import type { DataFolder } from './data-folder';
import type { KeySource } from '../secrets/key-source';
import type { Logger } from '../log/logger';
import type { Checkpoint } from '../services/sales/deps';
import type { VsiTimeouts } from '../providers/vsi/client';
import type { VsiSimTiming } from '../simulators/vsi/server';
import type { SatTimeouts } from '../providers/sat/client';
import type { SimTimings } from '../providers/registry';
import type { SatSimConfig } from '../simulators/sat/server';
import type { MidtransTimeouts } from '../providers/midtrans/client';
import type { WorldlineTimeouts } from '../providers/worldline/client';
import type { ChainsideTimeouts } from '../providers/chainside/client';
import type { PaymentTiming } from '../services/payments/payment-ladder';

export type LoketConfig = {
  /** Holds loket.db, logs/, training/ and (web mode) master.key. */
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  keySource: KeySource;
  /** The data folder already claimed by the host (web mode claims it before binding its port); else createLoket claims it. */
  folder?: DataFolder;
  /** Electron host: path of an Electron-ABI better_sqlite3.node. */
  nativeBinding?: string;
  now?: () => number;
  log?: Logger;
  /**
   * Shrinks every waiting time of the money path at once — the advice ladder, VSI timeouts and
   * the training simulator's delays — for tests and demos (LOKET_TIME_SCALE). 1 in real use.
   */
  timeScale?: number;
  vsiTimeouts?: Partial<VsiTimeouts>;
  trainingSimTiming?: Partial<VsiSimTiming>;
  satTimeouts?: Partial<SatTimeouts>;
  /** Any registered provider's client timeouts, by provider name and timeout name (they win over the scaled defaults). */
  providerTimeouts?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Any registered provider's training simulator timing (see the registry's SimTimings). */
  trainingTimings?: SimTimings;
  trainingSatTiming?: Partial<Pick<SatSimConfig, 'fulfilMs' | 'hangMs'>>;
  midtransTimeouts?: Partial<MidtransTimeouts>;
  worldlineTimeouts?: Partial<WorldlineTimeouts>;
  chainsideTimeouts?: Partial<ChainsideTimeouts>;
  /** Payment expiries and grace; scaled by timeScale unless given here. */
  paymentTiming?: Partial<PaymentTiming>;
  checkpoint?: Checkpoint;
  /** Printer transports' timeouts (tests shorten them). */
  printTimeouts?: Partial<TransportTimeouts>;
  /**
   * The host's way to put a restored, proven ledger in place and reopen Loket on it (first start's
   * "Pulihkan dari cadangan"); absent where nothing can reopen the core (then restore is CLI-only).
   */
  replaceLedger?: (staged: string, vaultKey: Buffer) => Promise<void>;
  /** How often the backup schedule is looked at (tests shorten it). */
  backupTickMs?: number;
  /** How long sale.startPlnToken waits for the PAY answer before returning the sale in progress. */
  startWaitMs?: number;
};
