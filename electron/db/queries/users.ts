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

export function insertUser(db: Ledger, u: { id: string; name: string; role: Role; salt: Buffer; hash: Buffer; at: number }): void {
  stmt(db, 'INSERT INTO users (id, name, role, pin_salt, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(u.id, u.name, u.role, u.salt, u.hash, u.at, u.at);
}

export function setUserPin(db: Ledger, id: string, salt: Buffer, hash: Buffer, at: number): void {
  stmt(db, 'UPDATE users SET pin_salt = ?, pin_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(salt, hash, at, id);
}

export function setUserActive(db: Ledger, id: string, active: boolean, at: number): void {
  stmt(db, 'UPDATE users SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, at, id);
}

/** A wrong PIN: counted; after `limit` in a row the account waits until `lockUntil`. */
export function recordPinFailure(db: Ledger, id: string, at: number, limit: number, lockUntil: number): void {
  stmt(
    db,
    `UPDATE users SET failed_attempts = failed_attempts + 1,
       locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END, updated_at = ? WHERE id = ?`,
  ).run(limit, lockUntil, at, id);
}

export function recordPinSuccess(db: Ledger, id: string, at: number): void {
  stmt(db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL)').run(at, id);
}
