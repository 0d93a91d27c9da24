// The transactions screen filtered by a payment method over a month must not walk every sale of
// the month to find the few paid by, say, card. An index over two tables cannot be declared, so
// this is one kept by triggers: (method, business day, receipt sequence) for every sale. It is
// derived data — the audited rows are untouched (their seals hold) and it can always be rebuilt
// from them; a payment's method never changes, but if it did the entry would follow.
import type { Migration } from '../migrate';

export const migration0008: Migration = {
  version: 8,
  name: 'sales-by-method',
  sql: `
CREATE TABLE sales_by_method (
  method TEXT NOT NULL,
  business_date TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (method, business_date, seq)
) WITHOUT ROWID;
INSERT INTO sales_by_method (method, business_date, seq)
  SELECT p.method, s.business_date, s.seq FROM payments p JOIN sales s ON s.id = p.sale_id;
CREATE TRIGGER sales_by_method_add AFTER INSERT ON payments
BEGIN
  INSERT INTO sales_by_method (method, business_date, seq) SELECT NEW.method, business_date, seq FROM sales WHERE id = NEW.sale_id;
END;
CREATE TRIGGER sales_by_method_move AFTER UPDATE OF method ON payments WHEN NEW.method IS NOT OLD.method
BEGIN
  UPDATE sales_by_method SET method = NEW.method WHERE method = OLD.method AND seq = (SELECT seq FROM sales WHERE id = NEW.sale_id);
END;
`,
};
