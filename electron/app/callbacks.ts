// The optional SAT callback listener (owner setting: port and path). A verified callback only
// makes Loket ask SAT for that order's status now; the sale changes through the same state machine
// as a poll, so duplicate, late or out-of-order callbacks cannot change a final sale.
import { appError, type Result } from '../../shared/domain/errors';
import type { Logger } from '../log/logger';
import type { Vault } from '../secrets/vault';
import { startSatCallbackListener, type SatCallbackListener } from '../providers/sat/client';
import { SAT_PUBLIC_KEY, type SettingsService } from '../services/settings/settings-service';
import type { ManagedProviderAccess } from './provider-access';

export type CallbackRunner = { apply(): Promise<Result<string | null>>; stop(): Promise<void> };

export function createCallbackRunner(opts: {
  settings: SettingsService;
  vault: Vault;
  providers: ManagedProviderAccess;
  log: Logger;
  onOrder: (requestId: string) => void;
}): CallbackRunner {
  let listener: SatCallbackListener | null = null;
  // One (re)start at a time: a settings save and a mode change must not both bind the port.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  const close = async (): Promise<void> => {
    if (listener) await listener.close();
    listener = null;
  };
  async function restart(): Promise<Result<string | null>> {
    await close();
    const cfg = opts.settings.callback();
    if (!cfg.enabled) return { ok: true, value: null };
    const training = opts.settings.mode() === 'training';
    let pem: string | null;
    if (training) pem = (await opts.providers.trainingSat()).credentials.satPublicKeyPem;
    else {
      const r = await opts.vault.reveal(SAT_PUBLIC_KEY);
      pem = r.ok ? r.value : null;
    }
    if (!pem) return { ok: false, error: appError('settings_invalid', 'Kunci publik SAT belum diisi; callback tidak bisa diverifikasi.') };
    try {
      listener = await startSatCallbackListener({ port: cfg.port, path: cfg.path, satPublicKeyPem: pem, log: opts.log.child('sat'), onOrder: opts.onOrder });
    } catch (e) {
      return { ok: false, error: appError('settings_invalid', `Port ${cfg.port} tidak bisa dipakai untuk callback.`, String(e)) };
    }
    if (training) (await opts.providers.trainingSat()).configure({ callbackUrl: listener.url });
    opts.log.info('sat.callback_listening', { url: listener.url });
    return { ok: true, value: listener.url };
  }
  return { apply: () => serial(restart), stop: () => serial(close) };
}
