// Who works the counter and in which shift. One counter, one session: a person signs in with a
// name and PIN; after the owner's idle time the screen locks until the same PIN (or another
// person) signs in. What a cashier may not do alone needs a supervisor's name and PIN at the
// counter. A sale is made only in an open shift; a shift closes by counting the drawer.
import { appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import type { Approval, CounterStatus, Mode, Role, ShiftReport } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { countUsers, getUser, getUserByName, insertUser, listUsers, recordPinFailure, recordPinSuccess, setUserActive, type UserRecord } from '../../db/queries/users';
import { closeShiftRow, drawerMovement, getShift, insertShift, openShiftOf, shiftSales, shiftsOverlapping, type ShiftRecord } from '../../db/queries/shifts';
import { readSetting, writeSetting } from '../../db/queries/settings';
import type { Logger } from '../../log/logger';
import { layoutShiftReport } from '../../receipts/layout';
import { hashPin, PIN_PATTERN, pinMatches } from './pin';

const RANK: Record<Role, number> = { cashier: 0, supervisor: 1, owner: 2 };
const FAILURES_BEFORE_LOCK = 5;
const LOCK_MS = 5 * 60_000;
const IDLE_KEY = 'counter.idleLockMinutes';

type Session = { userId: string; name: string; role: Role; lastActivity: number; locked: boolean };

export type CounterService = {
  status(env: Mode): CounterStatus;
  setupOwner(name: string, pin: string): Promise<Result<void>>;
  signIn(name: string, pin: string): Promise<Result<void>>;
  signOut(): void;
  lock(): void;
  /** The session, or why there is none; `touch`: it is the person's own action (the idle clock restarts). */
  require(minRole?: Role, touch?: boolean): Result<{ name: string; role: Role }>;
  /** The signed-in person may do it, or a supervisor (or owner) approves it with their PIN. */
  approve(what: string, approval: Approval | undefined, minRole?: Role): Promise<Result<{ by: string }>>;
  createUser(name: string, role: Role, pin: string): Promise<Result<void>>;
  setActive(name: string, active: boolean): Result<void>;
  users(): { name: string; role: Role; active: boolean }[];
  setIdleLockMinutes(minutes: number): void;
  counter(env: Mode): Result<{ shiftId: string; cashier: string }>;
  openShift(env: Mode, openingFloat: number): Result<void>;
  report(env: Mode): Result<ShiftReport>;
  closeShift(env: Mode, c: { counted: number; countJson: string | null; reason: string | null; approval?: Approval }): Promise<Result<ShiftReport>>;
  shiftReport(id: string): Result<ShiftReport>;
  /** Every shift open at some moment of [start, end), with its X (still open) or Z report. */
  shiftsBetween(env: Mode, start: number, end: number): ShiftReport[];
};

export function createCounterService(deps: {
  db: Ledger;
  now: () => number;
  log: Logger;
  outlet: () => { name: string; address: string; timeZone: string };
  /** Every action is attributed to the person signed in (the audit's actor). */
  onActor: (name: string) => void;
  note: (kind: string, subject: string) => void;
}): CounterService {
  const { db } = deps;
  let session: Session | null = null;
  const idleMinutes = (): number => Number(readSetting(db, IDLE_KEY) ?? '5');
  const err = (code: Parameters<typeof appError>[0], message: string): Result<never> => ({ ok: false, error: appError(code, message) });

  /** A name and PIN checked against the account, with the lockout after repeated failures. */
  async function check(name: string, pin: string): Promise<Result<UserRecord>> {
    const u = getUserByName(db, name.trim());
    const at = deps.now();
    if (!u || u.active === 0) {
      // The same slow hash either way, so a wrong name and a wrong PIN take as long.
      await hashPin(pin);
      return err('pin_invalid', 'Nama atau PIN salah.');
    }
    if (u.locked_until !== null && u.locked_until > at) return err('account_locked', `Terlalu banyak PIN salah. Coba lagi setelah ${Math.ceil((u.locked_until - at) / 60_000)} menit, atau minta pemilik.`);
    if (!(await pinMatches(pin, u.pin_salt, u.pin_hash))) {
      recordPinFailure(db, u.id, at, FAILURES_BEFORE_LOCK, at + LOCK_MS);
      deps.note('counter.pin_failed', u.name);
      return err('pin_invalid', 'Nama atau PIN salah.');
    }
    recordPinSuccess(db, u.id, at);
    return { ok: true, value: u };
  }

  function begin(u: UserRecord): void {
    session = { userId: u.id, name: u.name, role: u.role, lastActivity: deps.now(), locked: false };
    deps.onActor(u.name);
    deps.note('counter.sign_in', `${u.name} (${u.role})`);
  }

  function live(): Session | null {
    if (session && !session.locked && deps.now() - session.lastActivity > idleMinutes() * 60_000) {
      session.locked = true;
      deps.note('counter.idle_lock', session.name);
    }
    return session;
  }

  function report(s: ShiftRecord, kind: 'X' | 'Z'): ShiftReport {
    const to = s.closed_at ?? deps.now();
    const movement = drawerMovement(db, s.env, s.opened_at, to);
    const rows = shiftSales(db, s.id);
    const byMethod = new Map<string, { method: string; count: number; total: number }>();
    let succeeded = { count: 0, total: 0, margin: 0 };
    let failed = 0;
    let unfinished = 0;
    for (const r of rows) {
      if (r.state === 'succeeded') {
        succeeded = { count: succeeded.count + r.n, total: succeeded.total + r.total, margin: succeeded.margin + r.margin };
        const m = byMethod.get(r.method) ?? { method: r.method, count: 0, total: 0 };
        byMethod.set(r.method, { method: r.method, count: m.count + r.n, total: m.total + r.total });
      } else if (r.state === 'failed' || r.state === 'cancelled') failed += r.n;
      else unfinished += r.n;
    }
    const base = {
      kind,
      shiftId: s.id,
      cashier: getUser(db, s.user_id)?.name ?? '?',
      closedBy: s.closed_by ? (getUser(db, s.closed_by)?.name ?? '?') : null,
      openedAt: s.opened_at,
      closedAt: s.closed_at,
      openingFloat: s.opening_float,
      cashMovement: movement,
      expectedCash: s.expected_cash ?? s.opening_float + movement,
      countedCash: s.counted_cash,
      variance: s.variance,
      varianceReason: s.variance_reason,
      byMethod: [...byMethod.values()],
      succeeded,
      unfinished,
      failed,
    };
    return { ...base, lines: layoutShiftReport(base, deps.outlet()) };
  }

  async function approve(what: string, approval: Approval | undefined, minRole: Role = 'supervisor'): Promise<Result<{ by: string }>> {
    const s = live();
    if (!s || s.locked) return err('signed_out', 'Masuk dulu dengan nama dan PIN.');
    if (RANK[s.role] >= RANK[minRole]) return { ok: true, value: { by: s.name } };
    if (!approval) return err('approval_required', 'Perlu persetujuan supervisor: nama dan PIN supervisor.');
    const u = await check(approval.name, approval.pin);
    if (!u.ok) return u;
    if (RANK[u.value.role] < RANK[minRole]) return err('approval_required', `${u.value.name} bukan supervisor.`);
    deps.note('counter.approval', `${what} oleh ${u.value.name} untuk ${s.name}`);
    return { ok: true, value: { by: u.value.name } };
  }

  return {
    approve,
    status(env) {
      const s = live();
      const shift = openShiftOf(db, env);
      return {
        needsOwner: countUsers(db) === 0,
        user: s ? { name: s.name, role: s.role } : null,
        locked: s?.locked ?? false,
        shift: shift ? { id: shift.id, cashier: getUser(db, shift.user_id)?.name ?? '?', openedAt: shift.opened_at, openingFloat: shift.opening_float } : null,
        idleLockMinutes: idleMinutes(),
      };
    },
    async setupOwner(name, pin) {
      if (countUsers(db) > 0) return err('not_allowed_in_state', 'Akun pemilik sudah ada. Masuk dengan nama dan PIN.');
      if (!PIN_PATTERN.test(pin)) return err('invalid_request', 'PIN 4 sampai 8 angka.');
      const { salt, hash } = await hashPin(pin);
      const at = deps.now();
      insertUser(db, { id: ulid(at), name: name.trim(), role: 'owner', salt, hash, at });
      begin(getUserByName(db, name.trim())!);
      return { ok: true, value: undefined };
    },
    async signIn(name, pin) {
      const u = await check(name, pin);
      if (!u.ok) return u;
      if (session && session.userId !== u.value.id) deps.note('counter.sign_out', session.name);
      begin(u.value);
      return { ok: true, value: undefined };
    },
    signOut() {
      if (session) deps.note('counter.sign_out', session.name);
      session = null;
      deps.onActor('system');
    },
    lock() {
      if (session) session.locked = true;
    },
    require(minRole = 'cashier', touch = true) {
      const s = live();
      if (!s) return err('signed_out', 'Masuk dulu dengan nama dan PIN.');
      if (s.locked) return err('signed_out', 'Layar terkunci. Masukkan PIN untuk melanjutkan.');
      if (touch) s.lastActivity = deps.now();
      if (RANK[s.role] < RANK[minRole]) return err('forbidden', minRole === 'owner' ? 'Hanya pemilik yang boleh mengubah ini.' : 'Perlu supervisor.');
      return { ok: true, value: { name: s.name, role: s.role } };
    },
    async createUser(name, role, pin) {
      if (!PIN_PATTERN.test(pin)) return err('invalid_request', 'PIN 4 sampai 8 angka.');
      if (getUserByName(db, name.trim())) return err('invalid_request', `Nama ${name.trim()} sudah dipakai.`);
      const { salt, hash } = await hashPin(pin);
      const at = deps.now();
      insertUser(db, { id: ulid(at), name: name.trim(), role, salt, hash, at });
      return { ok: true, value: undefined };
    },
    setActive(name, active) {
      const u = getUserByName(db, name);
      if (!u) return err('invalid_request', 'Akun tidak ditemukan.');
      if (u.role === 'owner' && !active) return err('not_allowed_in_state', 'Akun pemilik tidak bisa dinonaktifkan.');
      setUserActive(db, u.id, active, deps.now());
      return { ok: true, value: undefined };
    },
    users: () => listUsers(db).map((u) => ({ name: u.name, role: u.role, active: u.active === 1 })),
    setIdleLockMinutes(minutes) {
      writeSetting(db, IDLE_KEY, String(minutes), deps.now());
    },
    counter(env) {
      const s = live();
      if (!s || s.locked) return err('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const shift = openShiftOf(db, env);
      if (!shift) return err('no_open_shift', 'Buka shift dulu (hitung uang modal di laci), baru bisa menjual.');
      return { ok: true, value: { shiftId: shift.id, cashier: s.name } };
    },
    openShift(env, openingFloat) {
      const s = live();
      if (!s || s.locked) return err('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const open = openShiftOf(db, env);
      if (open) return err('not_allowed_in_state', `Shift ${getUser(db, open.user_id)?.name ?? ''} masih terbuka. Tutup dulu shift itu.`);
      const at = deps.now();
      insertShift(db, { id: ulid(at), env, userId: s.userId, at, openingFloat });
      deps.log.info('counter.shift_opened', { by: s.name, openingFloat });
      return { ok: true, value: undefined };
    },
    report(env) {
      const shift = openShiftOf(db, env);
      return shift ? { ok: true, value: report(shift, 'X') } : err('no_open_shift', 'Tidak ada shift yang terbuka.');
    },
    async closeShift(env, c) {
      const shift = openShiftOf(db, env);
      if (!shift) return err('no_open_shift', 'Tidak ada shift yang terbuka.');
      const ok = await approve('tutup shift', c.approval);
      if (!ok.ok) return ok;
      const expected = shift.opening_float + drawerMovement(db, env, shift.opened_at, deps.now());
      const reason = c.reason?.trim() || null;
      if (c.counted !== expected && !reason) return err('invalid_request', 'Uang di laci tidak sama dengan yang seharusnya. Tulis alasan selisihnya.');
      const closer = getUserByName(db, ok.value.by)!;
      closeShiftRow(db, shift.id, { at: deps.now(), by: closer.id, expected, counted: c.counted, reason, countJson: c.countJson });
      deps.log.info('counter.shift_closed', { by: closer.name, expected, counted: c.counted });
      return { ok: true, value: report(getShift(db, shift.id)!, 'Z') };
    },
    shiftReport(id) {
      const s = getShift(db, id);
      return s ? { ok: true, value: report(s, s.closed_at === null ? 'X' : 'Z') } : err('invalid_request', 'Shift tidak ditemukan.');
    },
    shiftsBetween(env, start, end) {
      return shiftsOverlapping(db, env, start, end).map((s) => report(s, s.closed_at === null ? 'X' : 'Z'));
    },
  };
}
