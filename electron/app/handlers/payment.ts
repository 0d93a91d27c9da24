// The customer's payment of a sale: check it now, cancel it, simulate it in training, refund it
// (a supervisor approves).
import type { Core, Handlers } from './core';

type Names = 'payment.check' | 'payment.cancel' | 'payment.simulate' | 'payment.refund';

export function paymentHandlers(core: Core): Handlers<Names> {
  const { payments, sales, counter } = core;
  return {
    'payment.check': async (req) => {
      await payments.check(req.saleId);
      return sales.get(req.saleId);
    },
    'payment.cancel': async (req) => {
      const r = await payments.cancel(req.saleId);
      return r.ok ? sales.get(req.saleId) : r;
    },
    'payment.simulate': async (req) => {
      const r = await payments.simulate(req.saleId, req.outcome);
      return r.ok ? sales.get(req.saleId) : r;
    },
    'payment.refund': async (req, caller) => {
      const ok = await counter.approve(caller.session, 'refund', req.approval);
      if (!ok.ok) return ok;
      const r = await payments.refund(req.saleId, req.amount, `${req.reason} (disetujui ${ok.value.by})`);
      // A refund still in progress is not an error for the screen: the sale shows it.
      return r.ok || r.error.code === 'provider_timeout' ? sales.get(req.saleId) : r;
    },
  };
}
