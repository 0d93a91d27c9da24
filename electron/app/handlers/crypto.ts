// Standalone bitcoin orders (goods sold outside Loket, paid at this counter).
import { ok } from '../../../shared/domain/errors';
import type { Core, Handlers } from './core';

type Names = 'crypto.create' | 'crypto.get' | 'crypto.check' | 'crypto.cancel' | 'crypto.simulate' | 'crypto.list' | 'crypto.receipt';

export function cryptoHandlers(core: Core): Handlers<Names> {
  const { cryptoOrders, counter, settings, printing } = core;
  return {
    'crypto.create': (req, caller) => {
      // Goods sold outside Loket are still sold at this counter, in its shift, by who is signed in.
      const at = counter.seat(caller.session, settings.mode());
      return at.ok ? cryptoOrders.create(req, at.value.cashier) : at;
    },
    'crypto.get': (req) => cryptoOrders.get(req.reference, req.remote),
    'crypto.check': async (req) => {
      await cryptoOrders.check(req.reference);
      return cryptoOrders.get(req.reference, false);
    },
    'crypto.cancel': (req) => cryptoOrders.cancel(req.reference),
    'crypto.simulate': (req) => cryptoOrders.simulate(req.reference, req.outcome),
    'crypto.list': (req) => cryptoOrders.list(req),
    'crypto.receipt': async (req) => {
      const r = cryptoOrders.receipt(req.reference, printing.columns());
      if (!r.ok) return r;
      const outcome = await printing.print(settings.mode(), { lines: r.value.lines, qr: null, document: 'crypto', saleId: null, copyNumber: r.value.copyNumber, kick: false });
      return ok({ receipt: { ...r.value, paper: outcome.paper }, outcome });
    },
  };
}
