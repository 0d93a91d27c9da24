// The books (issue 7): double-entry accounts and a journal. Every money movement of a sale — the
// customer's money received, the sale delivered, money given back — is one balanced entry of
// signed lines (+ debit, − credit), keyed so it can never be posted twice. Entries and lines are
// append-only; each account's balance (per environment) is kept by trigger as the sum of its lines.
import type { Migration } from '../migrate';

export const migration0006: Migration = {
  version: 6,
  name: 'journal',
  sql: `
CREATE TABLE ledger_accounts (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense'))
);
INSERT INTO ledger_accounts (code, name, kind) VALUES
  ('1101', 'Kas laci', 'asset'),
  ('1201', 'Kliring QRIS', 'asset'),
  ('1202', 'Kliring e-wallet (GoPay, ShopeePay)', 'asset'),
  ('1203', 'Kliring transfer (virtual account, Mandiri Bill)', 'asset'),
  ('1204', 'Kliring kartu', 'asset'),
  ('1205', 'Kliring bitcoin', 'asset'),
  ('1301', 'Deposit VSI', 'asset'),
  ('1302', 'Deposit SAT', 'asset'),
  ('2101', 'Uang pelanggan (belum diserahkan / harus dikembalikan)', 'liability'),
  ('3101', 'Modal pemilik', 'equity'),
  ('4101', 'Penjualan (harga penyedia)', 'income'),
  ('4102', 'Pendapatan admin loket', 'income'),
  ('4201', 'Refund penjualan', 'income'),
  ('4301', 'Penjualan di luar Loket (bitcoin)', 'income'),
  ('5101', 'Harga pokok penyedia', 'expense');

-- Training keeps books of its own: nothing sold against a simulator touches the real ones.
CREATE TABLE account_balances (
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  code TEXT NOT NULL REFERENCES ledger_accounts(code),
  balance INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (env, code)
);
INSERT INTO account_balances (env, code) SELECT 'training', code FROM ledger_accounts;
INSERT INTO account_balances (env, code) SELECT 'production', code FROM ledger_accounts;

CREATE TABLE journal_entries (
  id INTEGER PRIMARY KEY,
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  -- What the entry is for, e.g. "sale:<id>:received"; unique, so a movement is posted once.
  key TEXT NOT NULL UNIQUE,
  sale_id TEXT REFERENCES sales(id),
  order_id TEXT REFERENCES bitcoin_orders(id),
  at INTEGER NOT NULL,
  memo TEXT NOT NULL
);
CREATE INDEX journal_entries_sale ON journal_entries(sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX journal_entries_at ON journal_entries(at);

CREATE TABLE journal_lines (
  entry_id INTEGER NOT NULL REFERENCES journal_entries(id),
  account TEXT NOT NULL REFERENCES ledger_accounts(code),
  amount INTEGER NOT NULL CHECK (amount <> 0)
);
CREATE INDEX journal_lines_entry ON journal_lines(entry_id);
CREATE INDEX journal_lines_account ON journal_lines(account, entry_id);

CREATE TRIGGER journal_lines_balance AFTER INSERT ON journal_lines
BEGIN
  UPDATE account_balances SET balance = balance + NEW.amount
  WHERE code = NEW.account AND env = (SELECT env FROM journal_entries WHERE id = NEW.entry_id);
END;
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries BEGIN SELECT RAISE(ABORT, 'journal entries are never changed'); END;
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END;
CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines BEGIN SELECT RAISE(ABORT, 'journal lines are never changed'); END;
CREATE TRIGGER journal_lines_no_delete BEFORE DELETE ON journal_lines BEGIN SELECT RAISE(ABORT, 'journal lines are never deleted'); END;
`,
};
