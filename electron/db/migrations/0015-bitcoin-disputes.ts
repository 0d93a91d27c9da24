// Bitcoin after "paid" (issue 15 §5): a paid Chainside order can still lose its confirmations
// (a network dispute) and, if they do not come back before the WebPOS's chargeback timeout, be
// charged back. Loket keeps watching a paid order for a while and records when a dispute started
// and when a chargeback happened. Appended nullable columns: every sealed row keeps its seal.
import type { Migration } from '../migrate';

export const migration0015: Migration = {
  version: 15,
  name: 'bitcoin-disputes',
  sql: `
ALTER TABLE bitcoin_orders ADD COLUMN watch_until INTEGER;
ALTER TABLE bitcoin_orders ADD COLUMN dispute_at INTEGER;
ALTER TABLE bitcoin_orders ADD COLUMN chargeback_at INTEGER;
`,
};
