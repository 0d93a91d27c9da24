// Who works the counter. Each session (a browser that came in with web mode's launch token, the
// Electron window) has its own person: signing in, the idle lock and signing out belong to that
// session only, so nobody acts under someone else's name. A person signs in with a name and PIN;
// after the owner's idle time the session locks until the same PIN (or another person) signs in.
// What a cashier may not do alone needs a supervisor's name and PIN at the counter.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import { nameSkeleton, normalizeName } from '../../../shared/domain/person-name';
import type { Approval, CounterStatus, Mode, Role } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { countUsers, getUser, getUserByName, insertUser, listUsers, recordPinSuccess, reservePinAttempt, setUserActive, setUserPin, unlockUser, type UserRecord } from '../../db/queries/users';
import { openShiftOf } from '../../db/queries/shifts';
import { readSetting, writeSetting } from '../../db/queries/settings';
import type { Logger } from '../../log/logger';
import { hashPin, PIN_PATTERN, pinMatches } from './pin';
import { createShifts, type Shifts } from './shifts';

const RANK: Record<Role, number> = { cashier: 0, supervisor: 1, owner: 2 };
const FAILURES_BEFORE_LOCK = 5;
const LOCK_MS = 5 * 60_000;
const IDLE_KEY = 'counter.idleLockMinutes';

/** A host's name for one client (not a secret: the web host keeps the cookie to itself). */
export type SessionId = string;
export type SignedIn = { userId: string; name: string; role: Role };
type Session = SignedIn & { lastActivity: number; locked: boolean };

export type CounterUser = { name: string; role: Role; active: boolean; lockedUntil: number | null };

export type CounterService = Shifts & {
  status(session: SessionId, env: Mode): CounterStatus;
  setupOwner(session: SessionId, name: string, pin: string): Promise<Result<void>>;
  signIn(session: SessionId, name: string, pin: string): Promise<Result<void>>;
  signOut(session: SessionId): void;
  lock(session: SessionId): void;
  /** The host dropped the session (a browser's cookie expired, the window closed). */
  forget(session: SessionId): void;
  /** The person at this session, or why there is none; `touch`: it is their own action (the idle clock restarts). */
  require(session: SessionId, minRole?: Role, touch?: boolean): Result<{ name: string; role: Role }>;
  /** The name the audit records for this session's calls: the person signed in (even locked), else 'system'. */
  actorOf(session: SessionId): string;
  /** The signed-in person may do it, or a supervisor (or owner) approves it with their PIN. */
  approve(session: SessionId, what: string, approval: Approval | undefined, minRole?: Role): Promise<Result<{ by: string }>>;
  createUser(name: string, role: Role, pin: string): Promise<Result<void>>;
  setActive(name: string, active: boolean): Result<void>;
  unlockUser(session: SessionId, name: string): Result<void>;
  resetPin(name: string, pin: string): Promise<Result<void>>;
  users(): CounterUser[];
  setIdleLockMinutes(minutes: number): void;
};

export function createCounterService(deps: {
  db: Ledger;
  now: () => number;
  log: Logger;
  outlet: () => { name: string; address: string; timeZone: string };
  /** Keys PIN hashes so the ledger alone cannot test PINs (null: no vault key; see pin.ts). */
  pepper: Buffer | null;
  /** A fact for the audit chain; `actor` when it is not the caller (a sign-in is the person signing in). */
  note: (kind: string, subject: string, actor?: string) => void;
}): CounterService {
  const { db, pepper } = deps;
  const sessions = new Map<SessionId, Session>();
  const idleMinutes = (): number => Number(readSetting(db, IDLE_KEY) ?? '5');
  const fail = (code: Parameters<typeof appError>[0], message: string): Result<never> => err(appError(code, message));

  function lockedMessage(u: UserRecord, until: number, at: number): Result<never> {
    const who = u.role === 'cashier' ? 'supervisor atau pemilik' : u.role === 'supervisor' ? 'pemilik' : null;
    const minutes = Math.max(1, Math.ceil((until - at) / 60_000));
    return fail('account_locked', `Terlalu banyak PIN salah. Coba lagi setelah ${minutes} menit${who ? `, atau minta ${who} membuka kuncinya` : ''}.`);
  }

  /**
   * A name and PIN checked against the account. The attempt is counted (and a lock honoured)
   * before the slow hash runs, so parallel guesses cannot outrun the lockout.
   */
  async function check(name: string, pin: string): Promise<Result<UserRecord>> {
    const u = getUserByName(db, normalizeName(name));
    const at = deps.now();
    if (!u || u.active === 0) {
      // The same slow hash either way, so a wrong name and a wrong PIN take as long.
      await hashPin(pin, pepper);
      return fail('pin_invalid', 'Nama atau PIN salah.');
    }
    const peppered = u.pin_peppered === 1;
    // Without the vault key a peppered PIN cannot be checked at all: say so, and count nothing against the person.
    if (peppered && !pepper) return fail('vault_locked', 'Kunci brankas tidak tersedia, PIN tidak bisa diperiksa. Periksa kunci Loket di folder data.');
    const attempt = reservePinAttempt(db, u.id, at, FAILURES_BEFORE_LOCK, LOCK_MS);
    if (!attempt.ok) return lockedMessage(u, attempt.lockedUntil, at);
    if (!(await pinMatches(pin, { salt: u.pin_salt, hash: u.pin_hash, peppered }, pepper))) {
      deps.note('counter.pin_failed', u.name);
      return attempt.attempt >= FAILURES_BEFORE_LOCK ? lockedMessage(u, at + LOCK_MS, at) : fail('pin_invalid', 'Nama atau PIN salah.');
    }
    recordPinSuccess(db, u.id, deps.now());
    // A hash made before peppering is replaced while the right PIN is at hand.
    if (pepper && !peppered) setUserPin(db, u.id, await hashPin(pin, pepper), deps.now());
    return ok(getUser(db, u.id)!);
  }

  function begin(session: SessionId, u: UserRecord): void {
    const before = sessions.get(session);
    if (before && before.userId !== u.id) deps.note('counter.sign_out', before.name, before.name);
    sessions.set(session, { userId: u.id, name: u.name, role: u.role, lastActivity: deps.now(), locked: false });
    deps.note('counter.sign_in', `${u.name} (${u.role})`, u.name);
  }

  function live(session: SessionId): Session | null {
    const s = sessions.get(session) ?? null;
    if (s && !s.locked && deps.now() - s.lastActivity > idleMinutes() * 60_000) {
      s.locked = true;
      deps.note('counter.idle_lock', s.name, s.name);
    }
    return s;
  }

  function signedIn(session: SessionId): SignedIn | null {
    const s = live(session);
    return s && !s.locked ? { userId: s.userId, name: s.name, role: s.role } : null;
  }

  async function approve(session: SessionId, what: string, approval: Approval | undefined, minRole: Role = 'supervisor'): Promise<Result<{ by: string }>> {
    const s = signedIn(session);
    if (!s) return fail('signed_out', 'Masuk dulu dengan nama dan PIN.');
    if (RANK[s.role] >= RANK[minRole]) return ok({ by: s.name });
    if (!approval) return fail('approval_required', 'Perlu persetujuan supervisor: nama dan PIN supervisor.');
    const u = await check(approval.name, approval.pin);
    if (!u.ok) return u;
    if (RANK[u.value.role] < RANK[minRole]) return fail('approval_required', `${u.value.name} bukan supervisor.`);
    deps.note('counter.approval', `${what} oleh ${u.value.name} untuk ${s.name}`);
    return ok({ by: u.value.name });
  }

  /** Why `name` cannot be a new account: taken, or too like an existing one to tell apart at the counter. */
  function nameTaken(name: string): Result<never> | null {
    const skeleton = nameSkeleton(name);
    const like = listUsers(db).find((u) => nameSkeleton(u.name) === skeleton);
    if (!like) return null;
    return fail('invalid_request', like.name.toLowerCase() === name.toLowerCase() ? `Nama ${name} sudah dipakai.` : `Nama ${name} terlalu mirip dengan akun ${like.name}. Pakai nama lain.`);
  }

  const shifts = createShifts({ db, now: deps.now, log: deps.log, outlet: deps.outlet, signedIn, approve });

  return {
    ...shifts,
    approve,
    status(session, env) {
      const s = live(session);
      const shift = openShiftOf(db, env);
      return {
        needsOwner: countUsers(db) === 0,
        user: s ? { name: s.name, role: s.role } : null,
        locked: s?.locked ?? false,
        shift: shift ? { id: shift.id, cashier: getUser(db, shift.user_id)?.name ?? '?', openedAt: shift.opened_at, openingFloat: shift.opening_float } : null,
        idleLockMinutes: idleMinutes(),
        blindCount: shifts.blindCount(),
      };
    },
    async setupOwner(session, name, pin) {
      if (countUsers(db) > 0) return fail('not_allowed_in_state', 'Akun pemilik sudah ada. Masuk dengan nama dan PIN.');
      if (!PIN_PATTERN.test(pin)) return fail('invalid_request', 'PIN 4 sampai 8 angka.');
      const hashed = await hashPin(pin, pepper);
      // Checked again after the await: two first-start requests cannot both make an owner.
      if (countUsers(db) > 0) return fail('not_allowed_in_state', 'Akun pemilik sudah ada. Masuk dengan nama dan PIN.');
      const at = deps.now();
      insertUser(db, { id: ulid(at), name: normalizeName(name), role: 'owner', pin: hashed, at });
      begin(session, getUserByName(db, normalizeName(name))!);
      return ok(undefined);
    },
    async signIn(session, name, pin) {
      const u = await check(name, pin);
      if (!u.ok) return u;
      begin(session, u.value);
      return ok(undefined);
    },
    signOut(session) {
      const s = sessions.get(session);
      if (s) deps.note('counter.sign_out', s.name, s.name);
      sessions.delete(session);
    },
    lock(session) {
      const s = sessions.get(session);
      if (s) s.locked = true;
    },
    forget(session) {
      sessions.delete(session);
    },
    require(session, minRole = 'cashier', touch = true) {
      const s = live(session);
      if (!s) return fail('signed_out', 'Masuk dulu dengan nama dan PIN.');
      if (s.locked) return fail('signed_out', 'Layar terkunci. Masukkan PIN untuk melanjutkan.');
      if (touch) s.lastActivity = deps.now();
      if (RANK[s.role] < RANK[minRole]) return fail('forbidden', minRole === 'owner' ? 'Hanya pemilik yang boleh mengubah ini.' : 'Perlu supervisor.');
      return ok({ name: s.name, role: s.role });
    },
    actorOf: (session) => sessions.get(session)?.name ?? 'system',
    async createUser(name, role, pin) {
      if (!PIN_PATTERN.test(pin)) return fail('invalid_request', 'PIN 4 sampai 8 angka.');
      const n = normalizeName(name);
      const taken = nameTaken(n);
      if (taken) return taken;
      const hashed = await hashPin(pin, pepper);
      const takenSince = nameTaken(n);
      if (takenSince) return takenSince;
      const at = deps.now();
      insertUser(db, { id: ulid(at), name: n, role, pin: hashed, at });
      return ok(undefined);
    },
    setActive(name, active) {
      const u = getUserByName(db, normalizeName(name));
      if (!u) return fail('invalid_request', 'Akun tidak ditemukan.');
      if (u.role === 'owner' && !active) return fail('not_allowed_in_state', 'Akun pemilik tidak bisa dinonaktifkan.');
      setUserActive(db, u.id, active, deps.now());
      return ok(undefined);
    },
    unlockUser(session, name) {
      const by = signedIn(session);
      if (!by) return fail('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const u = getUserByName(db, normalizeName(name));
      if (!u) return fail('invalid_request', 'Akun tidak ditemukan.');
      if (by.role !== 'owner' && u.role !== 'cashier') return fail('forbidden', 'Supervisor hanya bisa membuka kunci akun kasir. Minta pemilik.');
      unlockUser(db, u.id, deps.now());
      deps.note('counter.unlock', u.name);
      return ok(undefined);
    },
    async resetPin(name, pin) {
      if (!PIN_PATTERN.test(pin)) return fail('invalid_request', 'PIN 4 sampai 8 angka.');
      const u = getUserByName(db, normalizeName(name));
      if (!u) return fail('invalid_request', 'Akun tidak ditemukan.');
      setUserPin(db, u.id, await hashPin(pin, pepper), deps.now());
      deps.note('counter.pin_reset', u.name);
      return ok(undefined);
    },
    users() {
      const at = deps.now();
      return listUsers(db).map((u) => ({ name: u.name, role: u.role, active: u.active === 1, lockedUntil: u.locked_until !== null && u.locked_until > at ? u.locked_until : null }));
    },
    setIdleLockMinutes(minutes) {
      writeSetting(db, IDLE_KEY, String(minutes), deps.now());
    },
  };
}
