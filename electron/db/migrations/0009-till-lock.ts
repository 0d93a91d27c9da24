// Locking the till (issue 12). A PIN hash may now be peppered with a key derived from the vault
// key, so the ledger file alone is not enough to test PINs offline; NULL marks a hash made before,
// upgraded at its owner's next sign-in. A sealed credential records where it may be sent (the
// provider's address and client id it was entered for): a changed address needs the secret again.
// Both columns are appended and NULL for existing rows, so every audit seal still holds.
import type { Migration } from '../migrate';

export const migration0009: Migration = {
  version: 9,
  name: 'till-lock',
  sql: `
ALTER TABLE users ADD COLUMN pin_peppered INTEGER CHECK (pin_peppered IS NULL OR pin_peppered = 1);
ALTER TABLE secrets ADD COLUMN bound_to TEXT;
`,
};
