// Extra inputs a product declares (issue 15 §2: SAT's `fields`, e.g. a game's zone id or a tax
// year): the catalogue keeps what each product asks for, an inquiry keeps what was sent with it,
// and a sale keeps what its purchase sends — so a purchase resumed after a restart sends exactly
// the same. Appended columns: sealed sales keep their seals (a NULL at the end changes nothing).
import type { Migration } from '../migrate';

export const migration0016: Migration = {
  version: 16,
  name: 'provider-fields',
  sql: `
ALTER TABLE products ADD COLUMN extra_fields TEXT NOT NULL DEFAULT '[]';
ALTER TABLE inquiries ADD COLUMN fields_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sales ADD COLUMN provider_fields TEXT;
`,
};
