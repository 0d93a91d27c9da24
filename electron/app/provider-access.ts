// Which PLN prepaid client serves an environment: in training, Loket's own VSI simulator on a
// free loopback port (started on first use, its state kept in <data>/training so advice survives
// a restart); in production, the owner's endpoint with the secret revealed from the vault.
import path from 'node:path';
import { appError, type Result } from '../../shared/domain/errors';
import type { Mode } from '../../shared/contract';
import type { PlnPrepaidProvider } from '../providers/contract';
import { createVsiClient, type VsiTimeouts } from '../providers/vsi/client';
import type { Logger } from '../log/logger';
import type { Vault } from '../secrets/vault';
import { VSI_SECRET, type SettingsService } from '../services/settings/settings-service';
import type { ProviderAccess } from '../services/sales/deps';
import { startVsiSimulator, type VsiSimTiming, type VsiSimulator } from '../simulators/vsi/server';

export const TRAINING_VSI_CREDENTIALS = { clientId: 'TRAINING', secret: 'loket-training-mode' } as const;

export type ManagedProviderAccess = ProviderAccess & {
  invalidate(): void;
  trainingSimulator(): Promise<VsiSimulator>;
  stop(): Promise<void>;
};

export function createProviderAccess(opts: {
  dataDir: string;
  settings: SettingsService;
  vault: Vault;
  log: Logger;
  now: () => number;
  timeouts: VsiTimeouts;
  simTiming: VsiSimTiming;
}): ManagedProviderAccess {
  let sim: Promise<VsiSimulator> | null = null;
  let training: PlnPrepaidProvider | null = null;
  let production: PlnPrepaidProvider | null = null;
  const log = opts.log.child('vsi');

  function trainingSimulator(): Promise<VsiSimulator> {
    sim ??= startVsiSimulator({
      ...TRAINING_VSI_CREDENTIALS,
      statePath: path.join(opts.dataDir, 'training', 'vsi-sim.json'),
      config: { timing: opts.simTiming },
    }).then((s) => {
      log.info('training.simulator_started', { baseUrl: s.baseUrl });
      return s;
    });
    return sim;
  }

  async function plnPrepaid(env: Mode): Promise<Result<PlnPrepaidProvider>> {
    if (env === 'training') {
      if (!training) {
        const s = await trainingSimulator();
        training = createVsiClient({
          endpoint: { baseUrl: s.baseUrl, ...TRAINING_VSI_CREDENTIALS, dtFormat: 'YYYYMMDD' },
          timeouts: opts.timeouts,
          now: opts.now,
          log,
        });
      }
      return { ok: true, value: training };
    }
    if (!production) {
      const cfg = opts.settings.vsiProduction();
      const secret = await opts.vault.reveal(VSI_SECRET);
      if (!secret.ok) return { ok: false, error: appError('vault_locked', 'Brankas kredensial terkunci.', secret.reason) };
      if (!cfg.baseUrl || !cfg.clientId || !secret.value) {
        return { ok: false, error: appError('provider_config', 'VSI belum dikonfigurasi untuk mode produksi. Buka Pengaturan.') };
      }
      log.addSecret(secret.value);
      production = createVsiClient({
        endpoint: { baseUrl: cfg.baseUrl, clientId: cfg.clientId, secret: secret.value, dtFormat: cfg.dtFormat },
        timeouts: opts.timeouts,
        now: opts.now,
        log,
      });
    }
    return { ok: true, value: production };
  }

  return {
    plnPrepaid,
    invalidate() {
      production = null;
    },
    trainingSimulator,
    async stop() {
      if (sim) await (await sim).close();
      sim = null;
      training = null;
    },
  };
}
