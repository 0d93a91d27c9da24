// Pengaturan: the outlet, mode and language, the providers' settings (VSI and SAT on their own
// forms, others through their descriptor's), routing, the deposit warning, the printer, the
// payment gateways and the callback listener.
import { ok } from '../../../shared/domain/errors';
import type { Core, Handlers } from './core';

type Names =
  | 'settings.get'
  | 'settings.saveOutlet'
  | 'settings.saveVsi'
  | 'settings.saveProvider'
  | 'settings.setMode'
  | 'settings.setLocale'
  | 'settings.saveSat'
  | 'settings.setRouting'
  | 'settings.setLowBalance'
  | 'settings.saveMidtrans'
  | 'settings.saveWorldline'
  | 'settings.saveChainside'
  | 'settings.savePrinter'
  | 'settings.setCallback'
  | 'provider.test';

export function settingsHandlers(core: Core): Handlers<Names> {
  const { settings, catalog, deposits, background, callbacks, log } = core;
  const thenView = <E>(r: { ok: true } | { ok: false; error: E }) => (r.ok ? { ok: true as const, value: settings.view() } : r);
  return {
    'settings.get': () => (ok(settings.view())),
    'settings.saveOutlet': (req) => (ok(settings.saveOutlet(req))),
    'settings.saveVsi': (req) => settings.saveVsi(req),
    'settings.saveProvider': (req) => settings.saveProvider(req),
    'settings.setMode': (req) => settings.setMode(req.mode),
    'settings.setLocale': (req) => (ok(settings.setLocale(req.locale))),
    'settings.saveSat': (req) => settings.saveSat(req),
    'settings.setRouting': (req) => {
      const view = settings.setRouting(req);
      // A provider newly routed: its catalogue and deposit are fetched now, not at the first sale.
      background.run('routing.changed', async () => {
        await catalog.ensure(settings.mode());
        const r = await deposits.refresh(settings.mode());
        if (!r.ok) log.info('deposit.refresh_failed', { code: r.error.code });
      });
      return ok(view);
    },
    'settings.setLowBalance': (req) => (ok(settings.setLowBalanceThreshold(req.amount))),
    'settings.saveMidtrans': async (req) => thenView(await settings.payments.saveMidtrans(req)),
    'settings.saveWorldline': async (req) => thenView(await settings.payments.saveWorldline(req)),
    'settings.saveChainside': async (req) => thenView(await settings.payments.saveChainside(req)),
    'settings.savePrinter': (req) => settings.savePrinter(req),
    'provider.test': async (req) => {
      const env = settings.mode();
      const purchase = core.providers.describe(req.provider) !== null;
      return ok(purchase ? await core.providers.probe(req.provider, env) : await core.payAccess.probe(req.provider, env));
    },
    'settings.setCallback': async (req) => {
      const r = settings.setCallback(req);
      if (!r.ok) return r;
      const listening = await callbacks.apply();
      return listening.ok ? ok(settings.view()) : listening;
    },
  };
}
