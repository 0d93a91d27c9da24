// Which payment gateways serve an environment. Training: Loket's own Midtrans (and Worldline)
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
import { MIDTRANS_SERVER_KEY } from '../services/settings/payment-settings';
import type { PaymentAccess } from '../services/payments/payment-service';
import { startMidtransSimulator, type MidtransSimulator } from '../simulators/midtrans/server';

export type ManagedPaymentAccess = PaymentAccess & {
  invalidate(): void;
  trainingMidtrans(): Promise<MidtransSimulator>;
  stop(): Promise<void>;
};

export function createPaymentAccess(opts: {
  dataDir: string;
  settings: PaymentSettings;
  vault: Vault;
  log: Logger;
  now: () => number;
  timeouts: { midtrans: MidtransTimeouts };
}): ManagedPaymentAccess {
  let midtransSim: Promise<MidtransSimulator> | null = null;
  const clients = new Map<string, MidtransClient>();
  const midtransLog = opts.log.child('midtrans');

  function trainingMidtrans(): Promise<MidtransSimulator> {
    midtransSim ??= startMidtransSimulator({ statePath: path.join(opts.dataDir, 'training', 'midtrans-sim.json') });
    return midtransSim;
  }

  async function midtrans(env: Mode): Promise<Result<MidtransClient>> {
    const key = `midtrans:${env}`;
    const cached = clients.get(key);
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
    clients.set(key, client);
    return { ok: true, value: client };
  }

  return {
    async gateway(provider: PaymentProviderName, env: Mode): Promise<Result<PaymentGateway>> {
      if (provider === 'midtrans') return midtrans(env);
      return { ok: false, error: appError('provider_config', 'Pembayaran kartu belum tersedia.') };
    },
    async simulate(provider, ref, outcome) {
      if (provider !== 'midtrans') return { ok: false, error: appError('not_allowed_in_state', 'Simulasi ini tidak tersedia untuk pembayaran kartu.') };
      const sim = await trainingMidtrans();
      const done = outcome === 'pay' ? sim.pay(ref) : outcome === 'expire' ? sim.expire(ref) : sim.deny(ref);
      return done ? { ok: true, value: undefined } : { ok: false, error: appError('not_allowed_in_state', 'Pembayaran ini tidak sedang menunggu.') };
    },
    invalidate() {
      clients.delete('midtrans:production');
    },
    trainingMidtrans,
    async stop() {
      if (midtransSim) await (await midtransSim).close();
      midtransSim = null;
      clients.clear();
    },
  };
}
