// Where the ledger records that the owner wrote the recovery key down (a settings row: when).
export const RECOVERY_CONFIRMED = 'recovery_key.confirmed_at';
