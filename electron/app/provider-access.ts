// Which provider clients serve an environment. Training: Loket's own simulators on free loopback
// ports, started on first use, their state (orders, keys) kept in <data>/training so pending
// sales survive a restart. Production: the owner's endpoints with secrets revealed from the vault.
import path from 'node:path';
import { appError, type Result } from '../../shared/domain/errors';
import type { Mode } from '../../shared/contract';
import type { DistributorServices, PlnLookup, ProviderName, PurchaseProvider } from '../providers/contract';
import { createVsiClient, type VsiClient, type VsiTimeouts } from '../providers/vsi/client';
import { createSatClient, type SatClient, type SatTimeouts } from '../providers/sat/client';
import type { Logger } from '../log/logger';
import type { Vault } from '../secrets/vault';
import { SAT_PRIVATE_KEY, SAT_PUBLIC_KEY, SAT_SECRET, VSI_SECRET, type SettingsService } from '../services/settings/settings-service';
import type { ProviderAccess } from '../services/sales/deps';
import { elsewhereError, LOCAL_ONLY, satBinding, vsiBinding } from '../services/settings/secret-bindings';
import { startVsiSimulator, type VsiSimTiming, type VsiSimulator } from '../simulators/vsi/server';
import { startSatSimulator, type SatSimConfig, type SatSimulator } from '../simulators/sat/server';

export const TRAINING_VSI_CREDENTIALS = { clientId: 'TRAINING', secret: 'loket-training-mode' } as const;
export const TRAINING_SAT_CREDENTIALS = { clientId: 'loket-training', clientSecret: 'loket-training-mode' } as const;

export type ManagedProviderAccess = ProviderAccess & {
  invalidate(): void;
  trainingSimulator(): Promise<VsiSimulator>;
  trainingSat(): Promise<SatSimulator>;
  stop(): Promise<void>;
};

export type SimTimings = { vsi: VsiSimTiming; sat: Pick<SatSimConfig, 'fulfilMs' | 'hangMs'> };

export function createProviderAccess(opts: {
  dataDir: string;
  settings: SettingsService;
  vault: Vault;
  log: Logger;
  now: () => number;
  timeouts: { vsi: VsiTimeouts; sat: SatTimeouts };
  simTiming: SimTimings;
}): ManagedProviderAccess {
  let vsiSim: Promise<VsiSimulator> | null = null;
  let satSim: Promise<SatSimulator> | null = null;
  const clients = new Map<string, VsiClient | SatClient>();
  const vsiLog = opts.log.child('vsi');
  const satLog = opts.log.child('sat');

  function trainingSimulator(): Promise<VsiSimulator> {
    vsiSim ??= startVsiSimulator({
      ...TRAINING_VSI_CREDENTIALS,
      statePath: path.join(opts.dataDir, 'training', 'vsi-sim.json'),
      config: { timing: opts.simTiming.vsi },
    });
    return vsiSim;
  }

  function trainingSat(): Promise<SatSimulator> {
    satSim ??= startSatSimulator({
      ...TRAINING_SAT_CREDENTIALS,
      statePath: path.join(opts.dataDir, 'training', 'sat-sim.json'),
      config: opts.simTiming.sat,
    });
    return satSim;
  }

  /** The secret, only for the destination the settings now send it to (see secret-bindings). */
  async function reveal(name: string, destination: string, what: string): Promise<Result<string | null>> {
    const r = await opts.vault.reveal(name, destination);
    if (r.ok) return r;
    return { ok: false, error: r.elsewhere ? elsewhereError(what) : appError('vault_locked', 'Brankas kredensial terkunci.', r.reason) };
  }

  async function vsi(env: Mode): Promise<Result<VsiClient>> {
    const key = `vsi:${env}`;
    const cached = clients.get(key) as VsiClient | undefined;
    if (cached) return { ok: true, value: cached };
    let endpoint;
    if (env === 'training') {
      const s = await trainingSimulator();
      endpoint = { baseUrl: s.baseUrl, ...TRAINING_VSI_CREDENTIALS, dtFormat: 'YYYYMMDD' as const };
    } else {
      const cfg = opts.settings.vsiProduction();
      const secret = await reveal(VSI_SECRET, vsiBinding(cfg), 'VSI');
      if (!secret.ok) return secret;
      if (!cfg.baseUrl || !cfg.clientId || !secret.value) {
        return { ok: false, error: appError('provider_config', 'VSI belum dikonfigurasi untuk mode produksi. Buka Pengaturan.') };
      }
      vsiLog.addSecret(secret.value);
      endpoint = { baseUrl: cfg.baseUrl, clientId: cfg.clientId, secret: secret.value, dtFormat: cfg.dtFormat };
    }
    const client = createVsiClient({ endpoint, timeouts: opts.timeouts.vsi, now: opts.now, log: vsiLog });
    clients.set(key, client);
    return { ok: true, value: client };
  }

  async function sat(env: Mode): Promise<Result<SatClient>> {
    const key = `sat:${env}`;
    const cached = clients.get(key) as SatClient | undefined;
    if (cached) return { ok: true, value: cached };
    let endpoint;
    if (env === 'training') {
      const s = await trainingSat();
      endpoint = { baseUrl: s.baseUrl, tokenUrl: s.tokenUrl, ...s.credentials };
    } else {
      const cfg = opts.settings.satProduction();
      const [secret, privateKey, satPublicKey] = await Promise.all([
        reveal(SAT_SECRET, satBinding(cfg), 'SAT'),
        reveal(SAT_PRIVATE_KEY, LOCAL_ONLY, 'SAT'),
        reveal(SAT_PUBLIC_KEY, LOCAL_ONLY, 'SAT'),
      ]);
      if (!secret.ok) return secret;
      if (!privateKey.ok) return privateKey;
      if (!satPublicKey.ok) return satPublicKey;
      if (!cfg.baseUrl || !cfg.tokenUrl || !cfg.clientId || !secret.value || !privateKey.value || !satPublicKey.value) {
        return { ok: false, error: appError('provider_config', 'SAT belum dikonfigurasi untuk mode produksi. Buka Pengaturan.') };
      }
      satLog.addSecret(secret.value);
      endpoint = { baseUrl: cfg.baseUrl, tokenUrl: cfg.tokenUrl, clientId: cfg.clientId, clientSecret: secret.value, privateKeyPem: privateKey.value, satPublicKeyPem: satPublicKey.value };
    }
    const client = createSatClient({ endpoint, timeouts: opts.timeouts.sat, now: opts.now, log: satLog });
    clients.set(key, client);
    return { ok: true, value: client };
  }

  const access: ManagedProviderAccess = {
    purchaser: (provider: ProviderName, env: Mode): Promise<Result<PurchaseProvider>> => (provider === 'vsi' ? vsi(env) : sat(env)),
    plnLookup: (provider: ProviderName, env: Mode): Promise<Result<PlnLookup>> => (provider === 'vsi' ? vsi(env) : sat(env)),
    distributor: (env: Mode): Promise<Result<DistributorServices>> => sat(env),
    invalidate() {
      clients.delete('vsi:production');
      clients.delete('sat:production');
    },
    trainingSimulator,
    trainingSat,
    async stop() {
      for (const s of [vsiSim, satSim]) if (s) await (await s).close();
      vsiSim = null;
      satSim = null;
      clients.clear();
    },
  };
  return access;
}
