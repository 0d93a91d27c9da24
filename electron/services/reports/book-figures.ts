// From the journal's sums to the figures every report prints (X, Z, the transactions screen, the
// day PDF). One function, so a refund, a float or a variance shows the same everywhere, and the
// drawer's movements add up to the drawer account's change by construction.
import type { BookFigures } from '../../../shared/contract';
import type { FigureRow } from '../../db/queries/figures';
import type { CashMovementRecord } from '../../db/queries/shifts';
import { ACCOUNT } from '../../db/posting';

type Group = Map<string, { count: number; total: number }>;

function add(g: Group, key: string, count: number, total: number): void {
  const m = g.get(key) ?? { count: 0, total: 0 };
  g.set(key, { count: m.count + count, total: m.total + total });
}

const byMethod = (g: Group): { method: string; count: number; total: number }[] =>
  [...g].map(([method, v]) => ({ method, ...v })).sort((a, b) => b.total - a.total || a.method.localeCompare(b.method));
const byKey = (g: Group): { key: string; count: number; total: number }[] =>
  [...g].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
const sum = (g: Group): { count: number; total: number } => [...g.values()].reduce((a, b) => ({ count: a.count + b.count, total: a.total + b.total }), { count: 0, total: 0 });

/**
 * Each delivered entry has one line on customer money (2101), each refund after delivery one on
 * refunds (4201), each refund of an undelivered sale one on 2101, each outside order one on 4301:
 * so the line counts on those accounts are the counts of sales, refunds, returns and orders.
 */
export function figuresFrom(rows: readonly FigureRow[], moves: readonly CashMovementRecord[] = []): BookFigures {
  const sales: Group = new Map();
  const product: Group = new Map();
  const provider: Group = new Map();
  const refunds: Group = new Map();
  const returned: Group = new Map();
  let margin = 0;
  const outside = { count: 0, total: 0 };
  const drawer = { float: 0, received: 0, refunded: 0, returned: 0, movementsIn: 0, movementsOut: 0, depositTopUps: 0, variance: 0, total: 0 };

  for (const r of rows) {
    if (r.account === ACCOUNT.cash) {
      drawer.total += r.amount;
      if (r.kind === 'received') drawer.received += r.amount;
      else if (r.kind === 'deposit') drawer.depositTopUps += -r.amount;
      else if (r.kind === 'float') drawer.float += r.amount;
      else if (r.kind === 'variance') drawer.variance += r.amount;
      else if (r.kind === 'cash') {
        if (r.amount > 0) drawer.movementsIn += r.amount;
        else drawer.movementsOut += -r.amount;
      }
    }
    if (r.kind === 'delivered' && r.account === ACCOUNT.customerMoney) {
      add(sales, r.method, r.lines, r.amount);
      add(product, r.productKind, r.lines, r.amount);
      add(provider, r.provider, r.lines, r.amount);
    } else if (r.kind === 'delivered' && r.account === ACCOUNT.adminIncome) margin += -r.amount;
    else if (r.kind === 'refund' && r.account === ACCOUNT.refunds) add(refunds, r.method, r.lines, r.amount);
    else if (r.kind === 'refund' && r.account === ACCOUNT.customerMoney) add(returned, r.method, r.lines, r.amount);
    else if (r.kind === 'order' && r.account === ACCOUNT.outsideSales) {
      outside.count += r.lines;
      outside.total += -r.amount;
    }
  }
  // Cash refunds out of the drawer, after delivery or for an undelivered sale, told apart by the method's cash rows.
  drawer.refunded = refunds.get('cash')?.total ?? 0;
  drawer.returned = returned.get('cash')?.total ?? 0;
  const s = sum(sales);
  const r = sum(refunds);
  return {
    sales: { ...s, byMethod: byMethod(sales), margin, byProduct: byKey(product), byProvider: byKey(provider) },
    refunds: { ...r, byMethod: byMethod(refunds) },
    returned: { ...sum(returned), byMethod: byMethod(returned) },
    net: s.total - r.total,
    outside,
    drawer,
    movements: moves.map((m) => ({ kind: m.kind, amount: m.amount, reason: m.reason, at: m.at })),
  };
}

export function emptyFigures(): BookFigures {
  return figuresFrom([]);
}
