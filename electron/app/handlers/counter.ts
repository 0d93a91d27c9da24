// Who is at the counter: the app's state for the top bar, the owner's first account, signing in and
// out, locking, accounts and their PINs, the idle lock and the blind count.
import { countOpenSales } from '../../db/queries/sales';
import type { Core, Handlers } from './core';

type Names =
  | 'app.info'
  | 'counter.status'
  | 'counter.setupOwner'
  | 'counter.signIn'
  | 'counter.signOut'
  | 'counter.lock'
  | 'counter.activity'
  | 'counter.users'
  | 'counter.createUser'
  | 'counter.setActive'
  | 'counter.unlockUser'
  | 'counter.resetPin'
  | 'counter.setIdleLock'
  | 'counter.setBlindCount';

export function counterHandlers(core: Core): Handlers<Names> {
  const { counter, settings } = core;
  const status = (session: string) => ({ ok: true as const, value: counter.status(session, settings.mode()) });
  const users = () => ({ ok: true as const, value: { users: counter.users() } });
  return {
    'app.info': (_req, caller) => {
      const open = countOpenSales(core.db);
      return {
        ok: true,
        value: {
          providerNames: { ...core.providerNames },
          purchaseProviders: [...core.providers.names()],
          rails: core.rails.all(),
          paymentGateways: { ...core.paymentGateways },
          routes: (() => {
            const r = settings.routing();
            return { pln_prepaid: r.primary, digital: r.digital.primary, bill: r.bill.primary };
          })(),
          version: core.config.version,
          host: core.config.host,
          mode: settings.mode(),
          locale: settings.locale(),
          outlet: settings.outlet(),
          pendingCount: open.pending,
          reviewCount: open.review,
          deposits: core.deposits.view(settings.mode()),
          backup: core.backups.badge(),
          counter: counter.status(caller.session, settings.mode()),
        },
      };
    },
    'counter.status': (_req, caller) => status(caller.session),
    'counter.setupOwner': async (req, caller) => {
      const r = await counter.setupOwner(caller.session, req.name, req.pin);
      return r.ok ? status(caller.session) : r;
    },
    'counter.signIn': async (req, caller) => {
      const r = await counter.signIn(caller.session, req.name, req.pin);
      return r.ok ? status(caller.session) : r;
    },
    'counter.signOut': (_req, caller) => {
      counter.signOut(caller.session);
      return status(caller.session);
    },
    'counter.lock': (_req, caller) => {
      counter.lock(caller.session);
      return status(caller.session);
    },
    'counter.activity': (_req, caller) => status(caller.session),
    'counter.users': () => users(),
    'counter.createUser': async (req) => {
      const r = await counter.createUser(req.name, req.role, req.pin);
      return r.ok ? users() : r;
    },
    'counter.setActive': (req) => {
      const r = counter.setActive(req.name, req.active);
      return r.ok ? users() : r;
    },
    'counter.unlockUser': (req, caller) => {
      const r = counter.unlockUser(caller.session, req.name);
      return r.ok ? users() : r;
    },
    'counter.resetPin': async (req) => {
      const r = await counter.resetPin(req.name, req.pin);
      return r.ok ? users() : r;
    },
    'counter.setIdleLock': (req, caller) => {
      counter.setIdleLockMinutes(req.minutes);
      return status(caller.session);
    },
    'counter.setBlindCount': (req, caller) => {
      counter.setBlindCount(req.on);
      return status(caller.session);
    },
  };
}
