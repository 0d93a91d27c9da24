// Finding a sale by what a customer remembers (issue 13): the last digits of a token, part of a
// name, a payment reference, part of a cashier's name. A trigram full-text index over each sale's
// searchable text answers "contains" in milliseconds on a million sales; triggers keep it as the
// sale and its payment change. The index is derived (not sealed by the audit): it can be rebuilt
// from the sales at any time.
import type { Migration } from '../migrate';

/** One sale's searchable text, from its row `s` and its payment `p` (which may not exist yet). */
const DOC = `printf('%06d', s.seq) || ' ' || s.customer_number || ' ' || s.meter_number || ' ' || s.idpel || ' ' || s.customer_name || ' ' ||
  COALESCE(s.token, '') || ' ' || COALESCE(s.voucher_code, '') || ' ' || COALESCE(s.serial_number, '') || ' ' || s.provider_ref || ' ' ||
  s.cashier || ' ' || COALESCE(p.provider_ref, '') || ' ' || COALESCE(p.provider_txn_id, '')`;

const REBUILD = (saleId: string): string => `
  DELETE FROM sales_search WHERE rowid = (SELECT seq FROM sales WHERE id = ${saleId});
  INSERT INTO sales_search (rowid, doc) SELECT s.seq, ${DOC} FROM sales s LEFT JOIN payments p ON p.sale_id = s.id WHERE s.id = ${saleId};`;

export const migration0011: Migration = {
  version: 11,
  name: 'sales-search',
  sql: `
CREATE VIRTUAL TABLE sales_search USING fts5(doc, tokenize = 'trigram', detail = 'none');
INSERT INTO sales_search (rowid, doc) SELECT s.seq, ${DOC} FROM sales s LEFT JOIN payments p ON p.sale_id = s.id;
CREATE TRIGGER sales_search_insert AFTER INSERT ON sales BEGIN ${REBUILD('NEW.id')} END;
CREATE TRIGGER sales_search_update AFTER UPDATE OF customer_name, token, voucher_code, serial_number, provider_ref, cashier ON sales BEGIN ${REBUILD('NEW.id')} END;
CREATE TRIGGER sales_search_payment AFTER INSERT ON payments BEGIN ${REBUILD('NEW.sale_id')} END;
CREATE TRIGGER sales_search_payment_ref AFTER UPDATE OF provider_ref, provider_txn_id ON payments BEGIN ${REBUILD('NEW.sale_id')} END;
`,
};
