// The optional listener for providers' pushes (owner setting: port; SAT's path): SAT callbacks,
// Midtrans payment notifications and Chainside order callbacks. A verified push only makes Loket ask the provider about that
// order now; the sale or payment changes through the same state machine as a poll, so duplicate,
// late or out-of-order pushes cannot change anything final. Polling never stops.
import { err, ok, appError, type Result } from '../../shared/domain/errors';
import type { Logger } from '../log/logger';
import type { Vault } from '../secrets/vault';
import { satCallbackReader } from '../providers/sat/client';
import { SAT_PUBLIC_KEY, type SettingsService } from '../services/settings/settings-service';
import { LOCAL_ONLY } from '../services/settings/secret-bindings';
import type { ManagedProviderAccess } from './provider-access';
import type { ManagedPaymentAccess } from './payment-access';
import { startWebhookHost, type WebhookHost, type WebhookRoute } from './webhook-host';
import { routedProviders } from '../services/catalog/routes';

export const MIDTRANS_NOTIFICATION_PATH = '/midtrans/notification';
export const CHAINSIDE_CALLBACK_PATH = '/chainside/callback';

export type CallbackRunner = { apply(): Promise<Result<string | null>>; stop(): Promise<void> };

export function createCallbackRunner(opts: {
  settings: SettingsService;
  vault: Vault;
  providers: ManagedProviderAccess;
  payments: ManagedPaymentAccess;
  log: Logger;
  onOrder: (requestId: string) => void;
  onPayment: (orderId: string) => void;
  onBitcoinOrder: (orderUuid: string) => void;
}): CallbackRunner {
  let host: WebhookHost | null = null;
  // One (re)start at a time: a settings save and a mode change must not both bind the port.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  const close = async (): Promise<void> => {
    if (host) await host.close();
    host = null;
    opts.payments.setChainsideCallbackUrl(null);
    for (const name of opts.providers.names()) opts.providers.setTrainingCallbackUrl(name, null);
  };

  async function satRoute(training: boolean): Promise<WebhookRoute | null> {
    let pem: string | null;
    if (training) pem = (await opts.providers.trainingSat()).credentials.satPublicKeyPem;
    else {
      const r = await opts.vault.reveal(SAT_PUBLIC_KEY, LOCAL_ONLY);
      pem = r.ok ? r.value : null;
    }
    if (!pem) return null;
    const read = satCallbackReader(pem);
    return (raw, headers) => {
      const signature = headers.signature;
      const r = read(raw, typeof signature === 'string' ? signature : undefined);
      if (!r.ok) {
        opts.log.warn('sat.callback_refused', { reason: r.message, bytes: raw.length });
        return { status: r.status, body: { message: r.message } };
      }
      opts.log.info('sat.callback', { requestId: r.requestId });
      return { status: 200, body: { message: 'OK' }, then: () => opts.onOrder(r.requestId) };
    };
  }

  async function midtransRoute(training: boolean): Promise<WebhookRoute | null> {
    const verify = await opts.payments.midtransNotifications(training ? 'training' : 'production');
    if (!verify.ok) return null;
    return (raw) => {
      const n = verify.value(raw);
      if (!n) {
        opts.log.warn('midtrans.notification_refused', { bytes: raw.length });
        return { status: 400, body: { message: 'INVALID_SIGNATURE' } };
      }
      opts.log.info('midtrans.notification', { orderId: n.orderId });
      return { status: 200, body: { message: 'OK' }, then: () => opts.onPayment(n.orderId) };
    };
  }

  async function chainsideRoute(training: boolean): Promise<WebhookRoute | null> {
    const read = await opts.payments.chainsideCallbacks(training ? 'training' : 'production');
    if (!read.ok) return null;
    return (raw, headers) => {
      const signature = headers['chainside-signature'];
      const c = read.value(raw, typeof signature === 'string' ? signature : undefined);
      if (!c.ok) {
        opts.log.warn('chainside.callback_refused', { reason: c.message, bytes: raw.length });
        return { status: c.status, body: { message: c.message } };
      }
      if (!c.known) {
        opts.log.info('chainside.callback_ignored', { event: c.event });
        return { status: 200, body: { code: 200 } };
      }
      opts.log.info('chainside.callback', { event: c.event, order: c.orderUuid });
      return { status: 200, body: { code: 200 }, then: () => opts.onBitcoinOrder(c.orderUuid) };
    };
  }

  /** A provider's push checked by its descriptor's reader: a hint that makes Loket ask about that order now. */
  function pushRoute(provider: string, read: (raw: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>) => { ref: string } | null): WebhookRoute {
    return (raw, headers) => {
      const r = read(raw, headers);
      if (!r) {
        opts.log.warn('callback_refused', { provider, bytes: raw.length });
        return { status: 403, body: { message: 'invalid signature' } };
      }
      opts.log.info('callback', { provider, ref: r.ref });
      return { status: 200, body: { message: 'OK' }, then: () => opts.onOrder(r.ref) };
    };
  }

  async function restart(): Promise<Result<string | null>> {
    await close();
    const cfg = opts.settings.callback();
    if (!cfg.enabled) return ok(null);
    const training = opts.settings.mode() === 'training';
    const routes: Record<string, WebhookRoute> = {};
    const sat = await satRoute(training);
    if (sat) routes[cfg.path] = sat;
    const midtrans = await midtransRoute(training);
    if (midtrans) routes[MIDTRANS_NOTIFICATION_PATH] = midtrans;
    const chainside = await chainsideRoute(training);
    if (chainside) routes[CHAINSIDE_CALLBACK_PATH] = chainside;
    const pushed = await opts.providers.callbackRoutes(training ? 'training' : 'production', routedProviders(opts.settings.routing()));
    for (const p of pushed) routes[p.path] = pushRoute(p.provider, p.read);
    if (!sat && !midtrans && !chainside && pushed.length === 0) return err(appError('settings_invalid', 'Kunci publik SAT dan server key Midtrans belum diisi; tidak ada yang bisa diverifikasi.'));
    try {
      host = await startWebhookHost(cfg.port, routes);
    } catch (e) {
      return err(appError('settings_invalid', `Port ${cfg.port} tidak bisa dipakai untuk callback.`, String(e)));
    }
    if (training) {
      if (sat) (await opts.providers.trainingSat()).configure({ callbackUrl: `${host.url}${cfg.path}` });
      if (midtrans) (await opts.payments.trainingMidtrans()).configure({ notificationUrl: `${host.url}${MIDTRANS_NOTIFICATION_PATH}` });
      if (chainside) opts.payments.setChainsideCallbackUrl(`${host.url}${CHAINSIDE_CALLBACK_PATH}`);
      for (const p of pushed) opts.providers.setTrainingCallbackUrl(p.provider, `${host.url}${p.path}`);
    }
    opts.log.info('webhooks.listening', { url: host.url, routes: Object.keys(routes) });
    return ok(`${host.url}${cfg.path}`);
  }
  return { apply: () => serial(restart), stop: () => serial(close) };
}
