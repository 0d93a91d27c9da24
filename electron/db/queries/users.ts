// Counter accounts. The PIN is never stored: only its salt and slow hash (services/auth).
import type { Ledger } from '../connection';
import { stmt } from '../statements';

export type Role = 'cashier' | 'supervisor' | 'owner';
export type UserRecord = {
  id: string;
  name: string;
  role: Role;
  pin_salt: Buffer;
  pin_hash: Buffer;
  active: 0 | 1;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  /** 1: the hash is over the peppered PIN; NULL: made before peppering (upgraded at the next sign-in). */
  pin_peppered: 1 | null;
};

export function countUsers(db: Ledger): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export function getUserByName(db: Ledger, name: string): UserRecord | null {
  return (stmt(db, 'SELECT * FROM users WHERE name = ?').get(name) as UserRecord | undefined) ?? null;
}

export function getUser(db: Ledger, id: string): UserRecord | null {
  return (stmt(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRecord | undefined) ?? null;
}

export function listUsers(db: Ledger): UserRecord[] {
  return stmt(db, 'SELECT * FROM users ORDER BY role DESC, name').all() as UserRecord[];
}

export type PinHash = { salt: Buffer; hash: Buffer; peppered: boolean };

export function insertUser(db: Ledger, u: { id: string; name: string; role: Role; pin: PinHash; at: number }): void {
  stmt(db, 'INSERT INTO users (id, name, role, pin_salt, pin_hash, pin_peppered, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    u.id, u.name, u.role, u.pin.salt, u.pin.hash, u.pin.peppered ? 1 : null, u.at, u.at,
  );
}

/** A new PIN (reset by the owner, or the old hash upgraded at sign-in); the lock goes with the old one. */
export function setUserPin(db: Ledger, id: string, pin: PinHash, at: number): void {
  stmt(db, 'UPDATE users SET pin_salt = ?, pin_hash = ?, pin_peppered = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(
    pin.salt, pin.hash, pin.peppered ? 1 : null, at, id,
  );
}

/** Lifts a lock after wrong PINs (the owner's or a supervisor's action). */
export function unlockUser(db: Ledger, id: string, at: number): void {
  stmt(db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(at, id);
}

export function setUserActive(db: Ledger, id: string, active: boolean, at: number): void {
  stmt(db, 'UPDATE users SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, at, id);
}

export type Attempt = { ok: true; attempt: number } | { ok: false; lockedUntil: number };

/**
 * Counts a PIN attempt before the PIN is checked, in one transaction: a locked account is refused
 * here, so parallel guesses cannot all reach the (slow) check while the first is still hashing.
 * A lock that has run out gives back a fresh allowance. The attempt that uses the last of it locks
 * the account at once; a right PIN then lifts the lock again (recordPinSuccess).
 */
export function reservePinAttempt(db: Ledger, id: string, at: number, limit: number, lockMs: number): Attempt {
  return db.transaction((): Attempt => {
    const u = stmt(db, 'SELECT failed_attempts, locked_until FROM users WHERE id = ?').get(id) as { failed_attempts: number; locked_until: number | null };
    if (u.locked_until !== null && u.locked_until > at) return { ok: false, lockedUntil: u.locked_until };
    const used = u.locked_until !== null ? 0 : u.failed_attempts;
    const attempt = used + 1;
    stmt(db, 'UPDATE users SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(attempt, attempt >= limit ? at + lockMs : null, at, id);
    return { ok: true, attempt };
  })();
}

/** The right PIN: the attempts counted so far (and a lock the last of them set) are cleared. */
export function recordPinSuccess(db: Ledger, id: string, at: number): void {
  stmt(db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL)').run(at, id);
}
