// From journal lines to the figures every report prints (X, Z, the transactions screen, the day
// PDF, the CSV's totals). One function, so a refund, a float or a variance shows the same
// everywhere, and the drawer's movements add up to the drawer account's change by construction.
import type { BookFigures } from '../../../shared/contract';
import type { FigureLine } from '../../db/queries/figures';
import { ACCOUNT } from '../../db/posting';

type Counted = { count: number; total: number; byMethod: Map<string, { method: string; count: number; total: number }> };

const counted = (): Counted => ({ count: 0, total: 0, byMethod: new Map() });

function add(c: Counted, method: string, amount: number): void {
  c.count += 1;
  c.total += amount;
  const m = c.byMethod.get(method) ?? { method, count: 0, total: 0 };
  c.byMethod.set(method, { method, count: m.count + 1, total: m.total + amount });
}

const out = (c: Counted): BookFigures['refunds'] => ({ count: c.count, total: c.total, byMethod: [...c.byMethod.values()].sort((a, b) => b.total - a.total) });

const sorted = (m: Map<string, { key: string; count: number; total: number }>): { key: string; count: number; total: number }[] => [...m.values()].sort((a, b) => b.total - a.total);

export function emptyFigures(): BookFigures {
  return figuresFrom([]);
}

export function figuresFrom(lines: readonly FigureLine[]): BookFigures {
  const entries = new Map<number, FigureLine[]>();
  for (const l of lines) {
    const e = entries.get(l.entryId);
    if (e) e.push(l);
    else entries.set(l.entryId, [l]);
  }
  const sales = counted();
  let margin = 0;
  const byProduct = new Map<string, { key: string; count: number; total: number }>();
  const byProvider = new Map<string, { key: string; count: number; total: number }>();
  const group = (m: Map<string, { key: string; count: number; total: number }>, key: string, amount: number): void => {
    const g = m.get(key) ?? { key, count: 0, total: 0 };
    m.set(key, { key, count: g.count + 1, total: g.total + amount });
  };
  const refunds = counted();
  const returned = counted();
  const outside = { count: 0, total: 0 };
  const drawer = { float: 0, received: 0, refunded: 0, returned: 0, movementsIn: 0, movementsOut: 0, depositTopUps: 0, variance: 0, total: 0 };
  const movements: BookFigures['movements'] = [];

  for (const e of entries.values()) {
    const head = e[0]!;
    const [kind, , what] = head.key.split(':');
    const on = (account: string): number => e.filter((l) => l.account === account).reduce((s, l) => s + l.amount, 0);
    const cash = on(ACCOUNT.cash);
    drawer.total += cash;
    const method = head.method ?? '?';
    if (kind === 'sale' && what === 'received') drawer.received += cash;
    else if (kind === 'sale' && what === 'delivered') {
      const total = on(ACCOUNT.customerMoney);
      add(sales, method, total);
      group(byProduct, head.productKind ?? '?', total);
      group(byProvider, head.provider ?? '?', total);
      margin += -on(ACCOUNT.adminIncome);
    } else if (kind === 'sale' && what === 'refund') {
      const afterDelivery = on(ACCOUNT.refunds);
      if (afterDelivery !== 0) {
        add(refunds, method, afterDelivery);
        drawer.refunded += -cash;
      } else {
        add(returned, method, on(ACCOUNT.customerMoney));
        drawer.returned += -cash;
      }
    } else if (kind === 'order') {
      outside.count += 1;
      outside.total += -on(ACCOUNT.outsideSales);
    } else if (kind === 'deposit') drawer.depositTopUps += -cash;
    else if (kind === 'shift' && what === 'float') drawer.float += cash;
    else if (kind === 'shift' && what === 'variance') drawer.variance += cash;
    else if (kind === 'cash') {
      if (cash > 0) drawer.movementsIn += cash;
      else drawer.movementsOut += -cash;
      if (head.moveKind) movements.push({ kind: head.moveKind, amount: Math.abs(cash), reason: head.moveReason ?? '', at: head.at });
    }
  }
  return {
    sales: { ...out(sales), margin, byProduct: sorted(byProduct), byProvider: sorted(byProvider) },
    refunds: out(refunds),
    returned: out(returned),
    net: sales.total - refunds.total,
    outside,
    drawer,
    movements,
  };
}
