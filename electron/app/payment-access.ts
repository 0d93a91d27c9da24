// Which payment gateways serve an environment. Training: Loket's own Midtrans, Worldline and
// Chainside simulators on loopback, started on first use, their state kept in <data>/training. Production:
// the owner's accounts, keys revealed from the vault.
import path from 'node:path';
import { err, ok, appError, type Result } from '../../shared/domain/errors';
import type { Mode, SimulatedOutcome } from '../../shared/contract';
import type { PaymentGateway, PaymentProviderName } from '../providers/payment-contract';
import { createMidtransClient, MIDTRANS_PRODUCTION_URL, MIDTRANS_SANDBOX_URL, type MidtransClient, type MidtransTimeouts } from '../providers/midtrans/client';
import type { Logger } from '../log/logger';
import type { Vault } from '../secrets/vault';
import type { RailHealth } from '../services/health/rail-health';
import { probeResult, type ProbeResult } from './provider-access';
import { PAYMENT_METHOD_GATEWAY } from '../providers/registry';
import type { PaymentSettings } from '../services/settings/payment-settings';
import { MIDTRANS_SERVER_KEY, WORLDLINE_SECRET } from '../services/settings/payment-settings';
import { createWorldlineClient, type WorldlineTimeouts } from '../providers/worldline/client';
import { startWorldlineSimulator, type WorldlineSimulator } from '../simulators/worldline/server';
import type { PaymentAccess } from '../services/payments/payment-service';
import { startMidtransSimulator, type MidtransSimulator } from '../simulators/midtrans/server';
import { startChainsideSimulator, type ChainsideSimulator } from '../simulators/chainside/server';
import { chainsideCallbackReader, createChainsideGateway, type ChainsideCallback, type ChainsideGateway } from '../providers/chainside/client';
import { CHAINSIDE_LIVE_URL, CHAINSIDE_SANDBOX_URL, type ChainsideTimeouts } from '../providers/chainside/client';
import { CHAINSIDE_SECRET } from '../services/settings/payment-settings';
import { chainsideBinding, elsewhereError, midtransBinding, worldlineBinding } from '../services/settings/secret-bindings';

export type ManagedPaymentAccess = PaymentAccess & {
  invalidate(): void;
  trainingMidtrans(): Promise<MidtransSimulator>;
  trainingWorldline(): Promise<WorldlineSimulator>;
  trainingChainside(): Promise<ChainsideSimulator>;
  /** The Chainside client of an environment (standalone orders use it directly). */
  chainside(env: Mode): Promise<Result<ChainsideGateway>>;
  /** The owner's "Tes koneksi": a status read of an id nobody used — "not found" means the gateway answered. */
  probe(provider: string, env: Mode): Promise<ProbeResult>;
  /** Chainside's callback signature check for this environment (for the optional listener). */
  chainsideCallbacks(env: Mode): Promise<Result<(raw: Buffer, signature: string | undefined) => ChainsideCallback>>;
  /** Where orders created from now on ask Chainside to send their callbacks (training: the loopback listener). */
  setChainsideCallbackUrl(url: string | null): void;
  /** Midtrans' notification signature check for this environment (for the optional listener). */
  midtransNotifications(env: Mode): Promise<Result<(raw: Buffer) => { orderId: string } | null>>;
  stop(): Promise<void>;
};

export function createPaymentAccess(opts: {
  dataDir: string;
  settings: PaymentSettings;
  vault: Vault;
  log: Logger;
  now: () => number;
  timeouts: { midtrans: MidtransTimeouts; worldline: WorldlineTimeouts; chainside: ChainsideTimeouts };
  /** Training: how long the "hang" test card holds its answer (past the authorization timeout). */
  trainingCardHangMs?: number;
  /** Where each gateway's exchanges are reported (rail health). */
  health?: RailHealth;
}): ManagedPaymentAccess {
  let midtransSim: Promise<MidtransSimulator> | null = null;
  let worldlineSim: Promise<WorldlineSimulator> | null = null;
  let chainsideSim: Promise<ChainsideSimulator> | null = null;
  const clients = new Map<string, PaymentGateway>();
  const observed = (name: PaymentProviderName): Logger => (opts.health ? opts.health.observe(opts.log.child(name), name) : opts.log.child(name));
  const midtransLog = observed('midtrans');
  const worldlineLog = observed('worldline');

  function trainingWorldline(): Promise<WorldlineSimulator> {
    worldlineSim ??= startWorldlineSimulator({
      clientId: 'loket-training',
      clientSecret: 'loket-training-mode',
      statePath: path.join(opts.dataDir, 'training', 'worldline-sim.json'),
      ...(opts.trainingCardHangMs === undefined ? {} : { config: { hangMs: opts.trainingCardHangMs } }),
    });
    return worldlineSim;
  }

  async function worldline(env: Mode): Promise<Result<PaymentGateway>> {
    const key = `worldline:${env}`;
    const cached = clients.get(key);
    if (cached) return ok(cached);
    let endpoint;
    if (env === 'training') {
      const s = await trainingWorldline();
      endpoint = { apiUrl: s.apiUrl, tokenUrl: s.tokenUrl, ...s.credentials, terminalId: 'LKT00001' };
    } else {
      const cfg = opts.settings.worldline();
      const secret = await opts.vault.reveal(WORLDLINE_SECRET, worldlineBinding(cfg));
      if (!secret.ok) return err(secret.elsewhere ? elsewhereError('Worldline') : appError('vault_locked', 'Brankas kredensial terkunci.', secret.reason));
      if (!secret.value || !cfg.apiUrl || !cfg.tokenUrl || !cfg.clientId || !cfg.acquirerId || !cfg.merchantId) {
        return err(appError('provider_config', 'Pembayaran kartu (Worldline) belum dikonfigurasi untuk mode produksi. Buka Pengaturan → Pembayaran.'));
      }
      worldlineLog.addSecret(secret.value);
      endpoint = { ...cfg, clientSecret: secret.value };
    }
    const client = createWorldlineClient({ endpoint, timeouts: opts.timeouts.worldline, log: worldlineLog, now: opts.now });
    clients.set(key, client);
    return ok(client);
  }

  function trainingMidtrans(): Promise<MidtransSimulator> {
    midtransSim ??= startMidtransSimulator({ statePath: path.join(opts.dataDir, 'training', 'midtrans-sim.json') });
    return midtransSim;
  }

  const midtransClients = new Map<string, MidtransClient>();
  async function midtrans(env: Mode): Promise<Result<MidtransClient>> {
    const key = `midtrans:${env}`;
    const cached = midtransClients.get(key);
    if (cached) return ok(cached);
    let endpoint;
    if (env === 'training') {
      const s = await trainingMidtrans();
      endpoint = { baseUrl: s.baseUrl, serverKey: s.credentials.serverKey };
    } else {
      const cfg = opts.settings.midtrans();
      const secret = await opts.vault.reveal(MIDTRANS_SERVER_KEY, midtransBinding(cfg));
      if (!secret.ok) return err(secret.elsewhere ? elsewhereError('Midtrans') : appError('vault_locked', 'Brankas kredensial terkunci.', secret.reason));
      if (!secret.value) return err(appError('provider_config', 'Midtrans belum dikonfigurasi untuk mode produksi. Buka Pengaturan → Pembayaran.'));
      midtransLog.addSecret(secret.value);
      const baseUrl = cfg.baseUrl || (cfg.environment === 'production' ? MIDTRANS_PRODUCTION_URL : MIDTRANS_SANDBOX_URL);
      endpoint = { baseUrl, serverKey: secret.value };
    }
    const client = createMidtransClient({ endpoint, timeouts: opts.timeouts.midtrans, log: midtransLog, now: opts.now });
    midtransClients.set(key, client);
    return ok(client);
  }

  function trainingChainside(): Promise<ChainsideSimulator> {
    chainsideSim ??= startChainsideSimulator({ statePath: path.join(opts.dataDir, 'training', 'chainside-sim.json') });
    return chainsideSim;
  }

  const chainsideClients = new Map<string, ChainsideGateway>();
  async function chainside(env: Mode): Promise<Result<ChainsideGateway>> {
    const key = `chainside:${env}`;
    const cached = chainsideClients.get(key);
    if (cached) return ok(cached);
    let endpoint;
    if (env === 'training') {
      const s = await trainingChainside();
      endpoint = { baseUrl: s.baseUrl, ...s.credentials };
    } else {
      const cfg = opts.settings.chainside();
      const secret = await opts.vault.reveal(CHAINSIDE_SECRET, chainsideBinding(cfg));
      if (!secret.ok) return err(secret.elsewhere ? elsewhereError('Chainside') : appError('vault_locked', 'Brankas kredensial terkunci.', secret.reason));
      if (!secret.value || !cfg.clientId) return err(appError('provider_config', 'Pembayaran bitcoin (Chainside) belum dikonfigurasi untuk mode produksi. Buka Pengaturan → Pembayaran.'));
      chainsideLog.addSecret(secret.value);
      endpoint = { baseUrl: cfg.baseUrl || (cfg.environment === 'live' ? CHAINSIDE_LIVE_URL : CHAINSIDE_SANDBOX_URL), clientId: cfg.clientId, secret: secret.value };
    }
    const client = createChainsideGateway({
      endpoint,
      timeouts: opts.timeouts.chainside,
      log: chainsideLog,
      now: opts.now,
      requiredConfirmations: () => opts.settings.chainside().requiredConfirmations,
      // Chainside calls back only to public HTTPS; the loopback listener serves training.
      callbackUrl: () => (env === 'training' ? chainsideCallbackUrl : null),
    });
    chainsideClients.set(key, client);
    return ok(client);
  }
  const chainsideLog = observed('chainside');
  let chainsideCallbackUrl: string | null = null;

  async function chainsideSecret(env: Mode): Promise<string | null> {
    if (env === 'training') return (await trainingChainside()).credentials.secret;
    const r = await opts.vault.reveal(CHAINSIDE_SECRET, chainsideBinding(opts.settings.chainside()));
    return r.ok ? r.value : null;
  }

  async function simulateChainside(ref: string, outcome: SimulatedOutcome): Promise<Result<void>> {
    const sim = await trainingChainside();
    const order = sim.orderByReference(ref);
    if (!order) return err(appError('not_allowed_in_state', 'Pesanan bitcoin ini belum ada di simulator.'));
    const done =
      outcome === 'pay' ? sim.pay(order.uuid)
      : outcome === 'pay_part' ? sim.pay(order.uuid, { fraction: 0.5 })
      : outcome === 'pay_over' ? sim.pay(order.uuid, { fraction: 1.25 })
      : outcome === 'confirm' ? sim.confirm(order.uuid)
      : outcome === 'expire' ? sim.expire(order.uuid)
      : outcome === 'dispute' ? sim.revert(order.uuid)
      : outcome === 'chargeback' ? sim.chargeback(order.uuid)
      : false;
    return done ? ok(undefined) : err(appError('not_allowed_in_state', 'Simulasi ini tidak berlaku untuk pesanan bitcoin ini.'));
  }

  /** One client factory per gateway, by name: the only place payment providers are told apart. */
  const gateways: Record<PaymentProviderName, (env: Mode) => Promise<Result<PaymentGateway>>> = { midtrans, worldline, chainside };

  async function simulateMidtrans(ref: string, outcome: SimulatedOutcome): Promise<Result<void>> {
    const sim = await trainingMidtrans();
    const done = outcome === 'pay' ? sim.pay(ref) : outcome === 'expire' ? sim.expire(ref) : outcome === 'deny' ? sim.deny(ref) : false;
    return done ? ok(undefined) : err(appError('not_allowed_in_state', 'Pembayaran ini tidak sedang menunggu.'));
  }
  /** Training's "the customer paid / let it expire" buttons, for the gateways whose simulators can play them. */
  const simulators: Partial<Record<PaymentProviderName, (ref: string, outcome: SimulatedOutcome) => Promise<Result<void>>>> = { midtrans: simulateMidtrans, chainside: simulateChainside };

  async function gatewayOf(provider: string, env: Mode): Promise<Result<PaymentGateway>> {
    const open = Object.hasOwn(gateways, provider) ? gateways[provider as PaymentProviderName] : null;
    return open ? open(env) : err(appError('provider_config', `Penyedia pembayaran "${provider}" tidak dikenal.`));
  }

  return {
    gateway: gatewayOf,
    async probe(provider, env) {
      const started = opts.now();
      const gw = await gatewayOf(provider, env);
      if (!gw.ok) return { reachable: false, message: gw.error.message, ms: 0 };
      const s = await gw.value.status(`LKT-TES-${opts.now().toString(36)}`, provider === PAYMENT_METHOD_GATEWAY.card ? 'tes-koneksi' : null);
      const ms = opts.now() - started;
      if (s.kind === 'unknown') {
        if (s.notFound) opts.health?.ok(provider, ms);
        else opts.health?.failed(provider, s.error.message);
        return s.notFound ? probeResult({ ok: true }, ms) : probeResult({ ok: false, error: s.error }, ms);
      }
      if (s.kind === 'closed') return probeResult({ ok: false, error: s.error }, ms);
      return probeResult({ ok: true }, ms);
    },
    async simulate(provider, ref, outcome) {
      const simulator = Object.hasOwn(simulators, provider) ? simulators[provider as PaymentProviderName] : undefined;
      if (!simulator) return err(appError('not_allowed_in_state', 'Simulasi ini tidak tersedia untuk pembayaran kartu.'));
      return simulator(ref, outcome);
    },
    chainside,
    trainingChainside,
    async chainsideCallbacks(env) {
      const secret = await chainsideSecret(env);
      if (!secret) return err(appError('provider_config', 'Secret Chainside belum diisi.'));
      return ok(chainsideCallbackReader(secret));
    },
    setChainsideCallbackUrl(url) {
      chainsideCallbackUrl = url;
    },
    async midtransNotifications(env) {
      const c = await midtrans(env);
      return c.ok ? ok((raw: Buffer) => c.value.verifyNotification(raw)) : c;
    },
    invalidate() {
      midtransClients.delete('midtrans:production');
      clients.delete('worldline:production');
      chainsideClients.delete('chainside:production');
    },
    trainingMidtrans,
    trainingWorldline,
    async stop() {
      for (const s of [midtransSim, worldlineSim, chainsideSim]) if (s) await (await s).close();
      midtransSim = null;
      worldlineSim = null;
      chainsideSim = null;
      clients.clear();
      midtransClients.clear();
      chainsideClients.clear();
    },
  };
}
