// Selling: PLN checks and bills, starting each kind of sale, the sale as it stands, status checks,
// cash handed back, a supervisor declaring a sale failed; the catalogue, prices and deposits the
// sale screens read.
import { ok } from '../../../shared/domain/errors';
import { seatOf, type Core, type Handlers } from './core';

type Names =
  | 'pln.inquire'
  | 'sale.startPlnToken'
  | 'bill.inquire'
  | 'sale.startBill'
  | 'sale.startDigital'
  | 'sale.get'
  | 'sale.checkStatus'
  | 'sale.confirmCashReturned'
  | 'sale.declareFailed'
  | 'catalog.list'
  | 'catalog.sync'
  | 'deposit.get'
  | 'pricing.list'
  | 'pricing.set'
  | 'pricing.remove';

export function saleHandlers(core: Core): Handlers<Names> {
  const { sales, catalog, deposits, settings, counter } = core;
  return {
    'pln.inquire': (req) => sales.inquirePln(req.customerNumber),
    'sale.startPlnToken': (req, caller) => sales.startPlnToken(req, seatOf(core, caller)),
    'bill.inquire': (req) => sales.inquireBill(req.productCode, req.customerNumber, req.fields),
    'sale.startBill': (req, caller) => sales.startBill(req, seatOf(core, caller)),
    'sale.startDigital': (req, caller) => sales.startDigital(req, seatOf(core, caller)),
    'sale.get': (req) => sales.get(req.saleId),
    'sale.checkStatus': (req) => sales.checkStatus(req.saleId),
    'sale.confirmCashReturned': (req, caller) => {
      // Cash leaves the drawer: only at the counter, in an open shift, whose books it moves.
      const at = counter.seat(caller.session, settings.mode());
      return at.ok ? sales.confirmCashReturned(req.saleId) : at;
    },
    'sale.declareFailed': async (req, caller) => {
      const ok = await counter.approve(caller.session, 'nyatakan gagal', req.approval);
      return ok.ok ? sales.declareFailed(req.saleId) : ok;
    },
    'catalog.list': async (req) => {
      const env = settings.mode();
      // First use, or a provider newly routed: fetch its catalogue before showing an empty list.
      await catalog.ensure(env);
      return ok(catalog.view(env, req.kind ?? null));
    },
    'catalog.sync': () => catalog.sync(settings.mode()),
    'deposit.get': async (req) => {
      if (req.refresh) {
        const r = await deposits.refresh(settings.mode());
        if (!r.ok) return r;
      }
      return ok({ deposits: deposits.view(settings.mode()), lowBalanceThreshold: settings.lowBalanceThreshold() });
    },
    'pricing.list': () => (ok(catalog.rules())),
    'pricing.set': (req) => (ok(catalog.setRule(req))),
    'pricing.remove': (req) => (ok(catalog.removeRule(req.scope, req.key))),
  };
}
