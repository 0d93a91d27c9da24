// The day's figures are the books (issue 13). Every journal entry now names the shift open when it
// was posted, so a shift's X and Z reports are the sum of its own entries; cash put into or taken
// out of the drawer for a reason (petty cash, the owner's withdrawal, change brought in) is a row of
// its own, approved by a supervisor, and posts like everything else. The new accounts (over/short,
// petty cash, the owner's withdrawals) are added at start through the sealed connection
// (journal.ts ensureAccounts), so their rows are in the audit chain like every other.
// The figures are summed, as each line is posted, into journal_figures — per day, shift, kind of
// movement, account, and the sale's method, product, provider and cashier — so a day's, a shift's
// or a month's figures are a few dozen rows to read, not every line of the period. It is derived
// from the journal in the same transaction (journalProblems checks the two agree) and not sealed.
// The appended columns are NULL for older entries, so every audit seal still holds.
import type { Migration } from '../migrate';

/** What kind of movement an entry is, from its key (posting.ts writes the keys). */
export const ENTRY_KIND = `CASE WHEN e.key LIKE 'sale:%:received' THEN 'received' WHEN e.key LIKE 'sale:%:delivered' THEN 'delivered'
  WHEN e.key LIKE 'sale:%:refund:%' THEN 'refund' WHEN e.key LIKE 'sale:%:excess' THEN 'excess'
  WHEN e.key LIKE 'sale:%:excess-returned' THEN 'excess_returned' WHEN e.key LIKE 'order:%' THEN 'order'
  WHEN e.key LIKE 'deposit:%' THEN 'deposit' WHEN e.key LIKE 'shift:%:float' THEN 'float'
  WHEN e.key LIKE 'shift:%:variance' THEN 'variance' WHEN e.key LIKE 'cash:%' THEN 'cash' ELSE 'other' END`;

/** An entry's business day: as posted, else its sale's, else its instant in WIB (entries from before). */
const DAY = `COALESCE(e.business_date, s.business_date, date(e.at / 1000 + 25200, 'unixepoch'))`;

const FIGURE_COLUMNS = 'env, day, shift_id, kind, account, method, product_kind, provider, cashier, amount, lines';
const FIGURE_VALUES = (account: string, amount: string, lines: string): string =>
  `e.env, ${DAY}, COALESCE(e.shift_id, ''), ${ENTRY_KIND}, ${account}, COALESCE(p.method, ''), COALESCE(s.product_kind, ''),
   COALESCE(s.provider, ''), COALESCE(s.cashier, ''), ${amount}, ${lines}`;
const KEY = 'env, day, shift_id, kind, account, method, product_kind, provider, cashier';

export const migration0010: Migration = {
  version: 10,
  name: 'counter-truth',
  sql: `
ALTER TABLE journal_entries ADD COLUMN shift_id TEXT REFERENCES shifts(id);
ALTER TABLE journal_entries ADD COLUMN business_date TEXT;
CREATE INDEX journal_entries_shift ON journal_entries(shift_id) WHERE shift_id IS NOT NULL;

CREATE TABLE journal_figures (
  env TEXT NOT NULL,
  day TEXT NOT NULL,
  shift_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  account TEXT NOT NULL,
  method TEXT NOT NULL,
  product_kind TEXT NOT NULL,
  provider TEXT NOT NULL,
  cashier TEXT NOT NULL,
  amount INTEGER NOT NULL,
  lines INTEGER NOT NULL,
  PRIMARY KEY (${KEY})
) WITHOUT ROWID;
CREATE INDEX journal_figures_shift ON journal_figures(shift_id, env) WHERE shift_id <> '';
INSERT INTO journal_figures (${FIGURE_COLUMNS})
  SELECT ${FIGURE_VALUES('l.account', 'SUM(l.amount)', 'COUNT(*)')}
  FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id LEFT JOIN sales s ON s.id = e.sale_id LEFT JOIN payments p ON p.sale_id = e.sale_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
CREATE TRIGGER journal_figures_line AFTER INSERT ON journal_lines BEGIN
  INSERT INTO journal_figures (${FIGURE_COLUMNS})
    SELECT ${FIGURE_VALUES('NEW.account', 'NEW.amount', '1')}
    FROM journal_entries e LEFT JOIN sales s ON s.id = e.sale_id LEFT JOIN payments p ON p.sale_id = e.sale_id WHERE e.id = NEW.entry_id
  ON CONFLICT (${KEY}) DO UPDATE SET amount = amount + excluded.amount, lines = lines + excluded.lines;
END;

CREATE TABLE cash_movements (
  id TEXT PRIMARY KEY,
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  shift_id TEXT NOT NULL REFERENCES shifts(id),
  kind TEXT NOT NULL CHECK (kind IN ('petty_cash', 'owner_withdrawal', 'change_topup')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  by_user TEXT NOT NULL REFERENCES users(id),
  approved_by TEXT NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL
);
CREATE INDEX cash_movements_shift ON cash_movements(shift_id);
CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash movements are never changed'); END;
CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash movements are never deleted'); END;
`,
};
