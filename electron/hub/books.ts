// The owner's books across outlets (issue 18), from each counter's replicated journal: the rows
// are per counter and account (the day's debits and credits, the balance at the day's end); here
// they are summed per outlet and over all outlets, and the deposit accounts set beside what each
// provider last reported. A set of books balances when its balances sum to zero (double entry).
import type { HubBooks } from '../../shared/hub-contract';
import type { BookRow } from './db/queries';

type Line = HubBooks['total'][number];

function add(into: Map<string, Line>, r: BookRow): void {
  const l = into.get(r.account) ?? { account: r.account, name: r.name, kind: r.kind, debit: 0, credit: 0, balance: 0 };
  l.debit += Number(r.debit);
  l.credit += Number(r.credit);
  l.balance += Number(r.balance);
  into.set(r.account, l);
}

const sorted = (m: Map<string, Line>): Line[] => [...m.values()].sort((a, b) => a.account.localeCompare(b.account));

export function consolidateBooks(date: string, env: 'training' | 'production', rows: readonly BookRow[]): HubBooks {
  const outlets = new Map<string, Map<string, Line>>();
  const total = new Map<string, Line>();
  const deposits: HubBooks['deposits'] = [];
  for (const r of rows) {
    const o = outlets.get(r.outlet) ?? new Map<string, Line>();
    outlets.set(r.outlet, o);
    if (r.booked) {
      add(o, r);
      add(total, r);
    }
    if (r.deposit) {
      const balance = Number(r.balance);
      const reported = r.reported === null ? null : Number(r.reported);
      deposits.push({
        outlet: r.outlet,
        counter: r.counter,
        account: r.account,
        name: r.name,
        balance,
        movedToday: Number(r.debit) - Number(r.credit),
        reported,
        checkedAt: r.checked_ms === null ? null : Number(r.checked_ms),
        // A reading is of now: it is set against the balance now, whatever day is shown.
        drift: reported === null ? null : reported - Number(r.current),
      });
    }
  }
  return {
    date,
    env,
    outlets: [...outlets.entries()].map(([name, m]) => {
      const accounts = sorted(m);
      return { name, accounts, balanced: accounts.reduce((s, a) => s + a.balance, 0) === 0 };
    }),
    total: sorted(total),
    deposits,
  };
}
