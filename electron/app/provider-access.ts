// Which purchase-provider clients serve an environment, for every provider the registry lists.
// Training: the provider's simulator on a free loopback port, started on first use, its state kept
// in <data>/training so pending sales survive a restart. Production: the owner's settings with the
// secrets revealed from the vault — each only for the destination it was entered for.
import { appError, err, ok, type Result } from '../../shared/domain/errors';
import type { Mode } from '../../shared/contract';
import type { DistributorServices, PlnLookup, ProviderName, PurchaseProvider } from '../providers/contract';
import type { CallbackSpec, PurchaseClientSet, PurchaseDescriptor } from '../providers/descriptor';
import { PURCHASE_PROVIDERS, purchaseEntry, SAT, VSI, type PurchaseEntry, type SimTimings, type Training } from '../providers/registry';
import type { Logger } from '../log/logger';
import type { Vault } from '../secrets/vault';
import type { RailHealth } from '../services/health/rail-health';
import type { SettingsService } from '../services/settings/settings-service';
import type { ProviderAccess } from '../services/sales/deps';
import { binding, elsewhereError, LOCAL_ONLY } from '../services/settings/secret-bindings';
import type { VsiSimulator } from '../simulators/vsi/server';
import type { SatSimulator } from '../simulators/sat/server';

export type { SimTimings } from '../providers/registry';

/** The seed document's own test meter: checking it moves no money anywhere. */
const PROBE_METER = '88888888888';

export type ProbeResult = { reachable: boolean; message: string; ms: number };

/** Reached means the provider answered — even "no such customer" or a refusal — unless it refused us. */
export function probeResult(r: { ok: true } | { ok: false; error: { code: string; message: string } }, ms: number): ProbeResult {
  if (r.ok) return { reachable: true, message: `Tersambung (${ms} ms).`, ms };
  const down = ['provider_unavailable', 'provider_timeout', 'provider_bad_response', 'provider_config', 'vault_locked'];
  if (r.error.code === 'provider_auth') return { reachable: false, message: `Tersambung, tetapi akses ditolak: ${r.error.message}`, ms };
  if (down.includes(r.error.code)) return { reachable: false, message: r.error.message, ms };
  return { reachable: true, message: `Tersambung (${ms} ms); penyedia menjawab: ${r.error.message}`, ms };
}

export type ManagedProviderAccess = ProviderAccess & {
  invalidate(): void;
  trainingSimulator(): Promise<VsiSimulator>;
  trainingSat(): Promise<SatSimulator>;
  /** Any registered provider's training simulator (tests drive it). */
  training<S>(entry: PurchaseEntry<S>): Promise<S>;
  /** Where a provider's training simulator should send its callbacks (the loopback listener), when it has any. */
  setTrainingCallbackUrl(provider: ProviderName, url: string | null): void;
  /** The owner's "Tes koneksi": one harmless call (a deposit read, or a check of the seed's test meter) and what it says. */
  probe(provider: ProviderName, env: Mode): Promise<ProbeResult>;
  /** The listener routes of every routed provider with a generic callback whose secret is at hand. */
  callbackRoutes(env: Mode, providers: readonly ProviderName[]): Promise<Array<{ provider: ProviderName; path: string; read: ReturnType<CallbackSpec['read']> }>>;
  stop(): Promise<void>;
};

export function createProviderAccess(opts: {
  dataDir: string;
  settings: SettingsService;
  vault: Vault;
  log: Logger;
  now: () => number;
  /** Shrinks every default timeout (LOKET_TIME_SCALE); 1 in production. */
  scale: number;
  /** Timeouts the config sets, per provider name. */
  timeouts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  simTiming: SimTimings;
  /** Where each provider's exchanges are reported (rail health); none in tools that do not show it. */
  health?: RailHealth;
}): ManagedProviderAccess {
  const trainings = new Map<PurchaseEntry<unknown>, Promise<Training<unknown>>>();
  const clients = new Map<string, PurchaseClientSet>();
  const callbackUrls = new Map<string, string | null>();

  function training<S>(entry: PurchaseEntry<S>): Promise<Training<S>> {
    let t = trainings.get(entry);
    if (!t) {
      t = entry.training({ dataDir: opts.dataDir, scale: opts.scale, timings: opts.simTiming });
      trainings.set(entry, t);
    }
    // The map holds each entry's own Training<S>; keyed by the entry, so the type is the entry's.
    return t as Promise<Training<S>>;
  }

  /** Production settings and secrets of a provider, or why it cannot be used. */
  async function production(d: PurchaseDescriptor): Promise<Result<{ config: Record<string, string>; secrets: Record<string, string> }>> {
    const config = opts.settings.providerSettings(d.settings.key);
    const missing = d.settings.fields.some((f) => f.required && !config[f.name]);
    const secrets: Record<string, string> = {};
    for (const s of d.settings.secrets) {
      const bound = s.boundTo === 'local' ? LOCAL_ONLY : binding(Object.fromEntries(s.boundTo.map((f) => [f, config[f] ?? ''])));
      const r = await opts.vault.reveal(s.vaultName, bound);
      if (!r.ok) return err(r.elsewhere ? elsewhereError(d.displayName) : appError('vault_locked', 'Brankas kredensial terkunci.', r.reason));
      if (r.value) secrets[s.field] = r.value;
      else if (s.required) return err(appError('provider_config', `${d.displayName} belum dikonfigurasi untuk mode produksi. Buka Pengaturan.`));
    }
    if (missing) return err(appError('provider_config', `${d.displayName} belum dikonfigurasi untuk mode produksi. Buka Pengaturan.`));
    return ok({ config, secrets });
  }

  async function clientsOf(name: ProviderName, env: Mode): Promise<Result<PurchaseClientSet>> {
    const entry = purchaseEntry(name);
    if (!entry) return err(appError('provider_config', `Penyedia "${name}" tidak dikenal.`));
    const key = `${name}:${env}`;
    const cached = clients.get(key);
    if (cached) return ok(cached);
    const d = entry.descriptor;
    const log = opts.health ? opts.health.observe(opts.log.child(d.name), d.name) : opts.log.child(d.name);
    const source = env === 'training' ? ok(await training(entry)) : await production(d);
    if (!source.ok) return source;
    for (const s of Object.values(source.value.secrets)) if (env === 'production') log.addSecret(s);
    const set = d.create({
      config: source.value.config,
      secrets: source.value.secrets,
      scale: opts.scale,
      timeoutOverrides: opts.timeouts[d.name] ?? {},
      now: opts.now,
      log,
      callbackUrl: () => (env === 'training' ? (callbackUrls.get(d.name) ?? null) : null),
    });
    clients.set(key, set);
    return ok(set);
  }

  const missingCapability = (name: string, what: string): Result<never> =>
    err(appError('provider_config', `${purchaseEntry(name)?.descriptor.displayName ?? name} tidak melayani ${what}.`));

  return {
    describe: (name) => purchaseEntry(name)?.descriptor ?? null,
    names: () => PURCHASE_PROVIDERS.map((e) => e.descriptor.name),
    async purchaser(name, env): Promise<Result<PurchaseProvider>> {
      const c = await clientsOf(name, env);
      return c.ok ? ok(c.value.purchaser) : c;
    },
    async plnLookup(name, env): Promise<Result<PlnLookup>> {
      const c = await clientsOf(name, env);
      if (!c.ok) return c;
      return c.value.plnLookup ? ok(c.value.plnLookup) : missingCapability(name, 'cek pelanggan PLN');
    },
    async distributor(name, env): Promise<Result<DistributorServices>> {
      const c = await clientsOf(name, env);
      if (!c.ok) return c;
      return c.value.distributor ? ok(c.value.distributor) : missingCapability(name, 'katalog, deposit dan tagihan');
    },
    invalidate() {
      for (const key of [...clients.keys()]) if (key.endsWith(':production')) clients.delete(key);
    },
    trainingSimulator: async () => (await training(VSI)).sim,
    trainingSat: async () => (await training(SAT)).sim,
    training: async (entry) => (await training(entry)).sim,
    setTrainingCallbackUrl(provider, url) {
      callbackUrls.set(provider, url);
    },
    async probe(name, env) {
      const started = opts.now();
      const c = await clientsOf(name, env);
      if (!c.ok) return { reachable: false, message: c.error.message, ms: 0 };
      const set = c.value;
      const r = set.distributor
        ? await set.distributor.balance()
        : set.plnLookup
          ? await set.plnLookup.inquirePln({ ref: `TES-${opts.now().toString(36)}`, customerNumber: PROBE_METER, providerProduct: 'pln-token' })
          : err(appError('provider_config', 'Penyedia ini tidak punya panggilan uji.'));
      return probeResult(r, opts.now() - started);
    },
    async callbackRoutes(env, names) {
      const out: Array<{ provider: ProviderName; path: string; read: ReturnType<CallbackSpec['read']> }> = [];
      for (const name of names) {
        const entry = purchaseEntry(name);
        const spec = entry?.descriptor.callback;
        if (!entry || !spec) continue;
        const source = env === 'training' ? ok(await training(entry)) : await production(entry.descriptor);
        const secret = source.ok ? source.value.secrets[spec.secretField] : undefined;
        if (secret) out.push({ provider: name, path: spec.path, read: spec.read(secret) });
      }
      return out;
    },
    async stop() {
      const running = [...trainings.values()];
      trainings.clear();
      clients.clear();
      for (const t of running) await (await t).close();
    },
  };
}
