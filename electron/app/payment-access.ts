// Which payment gateways serve an environment. Training: Loket's own Midtrans and Worldline
// simulators on loopback, started on first use, their state kept in <data>/training. Production:
// the owner's accounts, keys revealed from the vault.
import path from 'node:path';
import { appError, type Result } from '../../shared/domain/errors';
import type { Mode } from '../../shared/contract';
import type { PaymentGateway, PaymentProviderName } from '../providers/payment-contract';
import { createMidtransClient, MIDTRANS_PRODUCTION_URL, MIDTRANS_SANDBOX_URL, type MidtransClient, type MidtransTimeouts } from '../providers/midtrans/client';
import type { Logger } from '../log/logger';
import type { Vault } from '../secrets/vault';
import type { PaymentSettings } from '../services/settings/payment-settings';
import { MIDTRANS_SERVER_KEY, WORLDLINE_SECRET } from '../services/settings/payment-settings';
import { createWorldlineClient, type WorldlineTimeouts } from '../providers/worldline/client';
import { startWorldlineSimulator, type WorldlineSimulator } from '../simulators/worldline/server';
import type { PaymentAccess } from '../services/payments/payment-service';
import { startMidtransSimulator, type MidtransSimulator } from '../simulators/midtrans/server';

export type ManagedPaymentAccess = PaymentAccess & {
  invalidate(): void;
  trainingMidtrans(): Promise<MidtransSimulator>;
  trainingWorldline(): Promise<WorldlineSimulator>;
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
  timeouts: { midtrans: MidtransTimeouts; worldline: WorldlineTimeouts };
  /** Training: how long the "hang" test card holds its answer (past the authorization timeout). */
  trainingCardHangMs?: number;
}): ManagedPaymentAccess {
  let midtransSim: Promise<MidtransSimulator> | null = null;
  let worldlineSim: Promise<WorldlineSimulator> | null = null;
  const clients = new Map<string, PaymentGateway>();
  const midtransLog = opts.log.child('midtrans');
  const worldlineLog = opts.log.child('worldline');

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
    if (cached) return { ok: true, value: cached };
    let endpoint;
    if (env === 'training') {
      const s = await trainingWorldline();
      endpoint = { apiUrl: s.apiUrl, tokenUrl: s.tokenUrl, ...s.credentials, terminalId: 'LKT00001' };
    } else {
      const cfg = opts.settings.worldline();
      const secret = await opts.vault.reveal(WORLDLINE_SECRET);
      if (!secret.ok) return { ok: false, error: appError('vault_locked', 'Brankas kredensial terkunci.', secret.reason) };
      if (!secret.value || !cfg.apiUrl || !cfg.tokenUrl || !cfg.clientId || !cfg.acquirerId || !cfg.merchantId) {
        return { ok: false, error: appError('provider_config', 'Pembayaran kartu (Worldline) belum dikonfigurasi untuk mode produksi. Buka Pengaturan → Pembayaran.') };
      }
      worldlineLog.addSecret(secret.value);
      endpoint = { ...cfg, clientSecret: secret.value };
    }
    const client = createWorldlineClient({ endpoint, timeouts: opts.timeouts.worldline, log: worldlineLog, now: opts.now });
    clients.set(key, client);
    return { ok: true, value: client };
  }

  function trainingMidtrans(): Promise<MidtransSimulator> {
    midtransSim ??= startMidtransSimulator({ statePath: path.join(opts.dataDir, 'training', 'midtrans-sim.json') });
    return midtransSim;
  }

  const midtransClients = new Map<string, MidtransClient>();
  async function midtrans(env: Mode): Promise<Result<MidtransClient>> {
    const key = `midtrans:${env}`;
    const cached = midtransClients.get(key);
    if (cached) return { ok: true, value: cached };
    let endpoint;
    if (env === 'training') {
      const s = await trainingMidtrans();
      endpoint = { baseUrl: s.baseUrl, serverKey: s.credentials.serverKey };
    } else {
      const cfg = opts.settings.midtrans();
      const secret = await opts.vault.reveal(MIDTRANS_SERVER_KEY);
      if (!secret.ok) return { ok: false, error: appError('vault_locked', 'Brankas kredensial terkunci.', secret.reason) };
      if (!secret.value) return { ok: false, error: appError('provider_config', 'Midtrans belum dikonfigurasi untuk mode produksi. Buka Pengaturan → Pembayaran.') };
      midtransLog.addSecret(secret.value);
      const baseUrl = cfg.baseUrl || (cfg.environment === 'production' ? MIDTRANS_PRODUCTION_URL : MIDTRANS_SANDBOX_URL);
      endpoint = { baseUrl, serverKey: secret.value };
    }
    const client = createMidtransClient({ endpoint, timeouts: opts.timeouts.midtrans, log: midtransLog, now: opts.now });
    midtransClients.set(key, client);
    return { ok: true, value: client };
  }

  return {
    async gateway(provider: PaymentProviderName, env: Mode): Promise<Result<PaymentGateway>> {
      return provider === 'midtrans' ? midtrans(env) : worldline(env);
    },
    async simulate(provider, ref, outcome) {
      if (provider !== 'midtrans') return { ok: false, error: appError('not_allowed_in_state', 'Simulasi ini tidak tersedia untuk pembayaran kartu.') };
      const sim = await trainingMidtrans();
      const done = outcome === 'pay' ? sim.pay(ref) : outcome === 'expire' ? sim.expire(ref) : sim.deny(ref);
      return done ? { ok: true, value: undefined } : { ok: false, error: appError('not_allowed_in_state', 'Pembayaran ini tidak sedang menunggu.') };
    },
    async midtransNotifications(env) {
      const c = await midtrans(env);
      return c.ok ? { ok: true, value: (raw: Buffer) => c.value.verifyNotification(raw) } : c;
    },
    invalidate() {
      midtransClients.delete('midtrans:production');
      clients.delete('worldline:production');
    },
    trainingMidtrans,
    trainingWorldline,
    async stop() {
      for (const s of [midtransSim, worldlineSim]) if (s) await (await s).close();
      midtransSim = null;
      worldlineSim = null;
      clients.clear();
      midtransClients.clear();
    },
  };
}
