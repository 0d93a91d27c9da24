// Shifts at the counter: a sale is made only in an open shift, opened with the float in the
// drawer and closed by counting it (the variance explained, a cashier's close approved by a
// supervisor); cash in and out of the drawer for a reason, approved by a supervisor. Reports X
// (open) and Z (closed) are the shift's own journal entries (book-figures.ts) — the drawer's
// expected cash is its balance in the books — plus the shift's sales for the counts. With the
// blind count on (the default) a cashier sees what the drawer should hold only after counting it.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import { formatRupiah } from '../../../shared/domain/money';
import type { Approval, Mode, ParsedReq, Role, ShiftReport } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getUser, getUserByName } from '../../db/queries/users';
import { cashMovementsOf, closeShiftRow, getShift, insertCashMovement, insertShift, openShiftOf, shiftSales, shiftsOverlapping, type ShiftRecord } from '../../db/queries/shifts';
import { drawerBalance } from '../../db/queries/journal';
import { shiftFigureRows } from '../../db/queries/figures';
import { readSetting, writeSetting } from '../../db/queries/settings';
import type { Logger } from '../../log/logger';
import { layoutShiftReport } from '../../receipts/layout';
import { figuresFrom } from '../reports/book-figures';
import type { SessionId, SignedIn } from './counter-service';

const BLIND_KEY = 'counter.blindCount';
/** More than this in or out of the drawer at once is a typing mistake, not petty cash. */
const MAX_MOVEMENT = 100_000_000;

/** Where a sale is made: the open shift, by the person signed in at this session. */
export type Seat = { shiftId: string; cashier: string };

export type Shifts = {
  seat(session: SessionId, env: Mode): Result<Seat>;
  openShift(session: SessionId, env: Mode, openingFloat: number): Result<void>;
  /** The open shift's X report, as `viewer` may see it (a cashier's hides the expected cash under a blind count). */
  report(env: Mode, viewer: Role): Result<ShiftReport>;
  /** Cash into or out of the drawer for a reason; a cashier's needs a supervisor. The X report after it. */
  moveCash(session: SessionId, env: Mode, m: ParsedReq<'shift.moveCash'>): Promise<Result<ShiftReport>>;
  blindCount(): boolean;
  setBlindCount(on: boolean): void;
  closeShift(session: SessionId, env: Mode, c: { counted: number; countJson: string | null; reason: string | null; approval?: Approval }): Promise<Result<ShiftReport>>;
  shiftReport(id: string): Result<ShiftReport>;
  /** Every shift open at some moment of [start, end), with its X (still open) or Z report. */
  shiftsBetween(env: Mode, start: number, end: number): ShiftReport[];
};

const fail = (code: Parameters<typeof appError>[0], message: string): Result<never> => err(appError(code, message));

export function createShifts(deps: {
  db: Ledger;
  now: () => number;
  log: Logger;
  outlet: () => { name: string; address: string; timeZone: string };
  /** The unlocked person at this session, or null. */
  signedIn: (session: SessionId) => SignedIn | null;
  approve: (session: SessionId, what: string, approval: Approval | undefined) => Promise<Result<{ by: string }>>;
}): Shifts {
  const { db } = deps;

  const blindCount = (): boolean => readSetting(db, BLIND_KEY) !== 'off';

  function report(s: ShiftRecord, kind: 'X' | 'Z', hideExpected = false): ShiftReport {
    const figures = figuresFrom(shiftFigureRows(db, s), cashMovementsOf(db, s.id));
    let failed = 0;
    let unfinished = 0;
    for (const r of shiftSales(db, s.id)) {
      if (r.state === 'failed' || r.state === 'cancelled') failed += r.n;
      else if (r.state !== 'succeeded') unfinished += r.n;
    }
    // While open, the drawer should hold its balance in the books; once closed, what it held then.
    const expected = s.expected_cash ?? drawerBalance(db, s.env);
    const base = {
      kind,
      shiftId: s.id,
      cashier: getUser(db, s.user_id)?.name ?? '?',
      closedBy: s.closed_by ? (getUser(db, s.closed_by)?.name ?? '?') : null,
      openedAt: s.opened_at,
      closedAt: s.closed_at,
      openingFloat: s.opening_float,
      cashMovement: expected - s.opening_float,
      expectedCash: hideExpected ? null : expected,
      countedCash: s.counted_cash,
      variance: s.variance,
      varianceReason: s.variance_reason,
      byMethod: figures.sales.byMethod,
      succeeded: { count: figures.sales.count, total: figures.sales.total, margin: figures.sales.margin },
      unfinished,
      failed,
      figures,
      training: s.env === 'training',
    };
    return { ...base, lines: layoutShiftReport(base, deps.outlet()) };
  }

  return {
    seat(session, env) {
      const who = deps.signedIn(session);
      if (!who) return fail('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const shift = openShiftOf(db, env);
      if (!shift) return fail('no_open_shift', 'Buka shift dulu (hitung uang modal di laci), baru bisa menjual.');
      return ok({ shiftId: shift.id, cashier: who.name });
    },
    openShift(session, env, openingFloat) {
      const who = deps.signedIn(session);
      if (!who) return fail('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const open = openShiftOf(db, env);
      if (open) return fail('not_allowed_in_state', `Shift ${getUser(db, open.user_id)?.name ?? ''} masih terbuka. Tutup dulu shift itu.`);
      const at = deps.now();
      insertShift(db, { id: ulid(at), env, userId: who.userId, at, openingFloat });
      deps.log.info('counter.shift_opened', { by: who.name, openingFloat });
      return ok(undefined);
    },
    report(env, viewer) {
      const shift = openShiftOf(db, env);
      return shift ? ok(report(shift, 'X', viewer === 'cashier' && blindCount())) : fail('no_open_shift', 'Tidak ada shift yang terbuka.');
    },
    blindCount,
    setBlindCount(on) {
      writeSetting(db, BLIND_KEY, on ? 'on' : 'off', deps.now());
    },
    async closeShift(session, env, c) {
      const shift = openShiftOf(db, env);
      if (!shift) return fail('no_open_shift', 'Tidak ada shift yang terbuka.');
      const expected = drawerBalance(db, env);
      const reason = c.reason?.trim() || null;
      // Asked before the supervisor's PIN, so it is typed once: the count is in, the difference can be told.
      if (c.counted !== expected && !reason) {
        const diff = c.counted - expected;
        return fail('variance_unexplained', `Uang di laci ${diff < 0 ? 'kurang' : 'lebih'} ${formatRupiah(Math.abs(diff))} dari catatan (seharusnya ${formatRupiah(expected)}). Tulis alasan selisihnya.`);
      }
      const approved = await deps.approve(session, 'tutup shift', c.approval);
      if (!approved.ok) return approved;
      const closer = getUserByName(db, approved.value.by)!;
      const booked = closeShiftRow(db, shift.id, { at: deps.now(), by: closer.id, counted: c.counted, reason, countJson: c.countJson });
      deps.log.info('counter.shift_closed', { by: closer.name, expected: booked, counted: c.counted });
      return ok(report(getShift(db, shift.id)!, 'Z'));
    },
    async moveCash(session, env, m) {
      const who = deps.signedIn(session);
      if (!who) return fail('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const shift = openShiftOf(db, env);
      if (!shift) return fail('no_open_shift', 'Buka shift dulu: uang laci hanya bergerak dalam shift.');
      if (m.amount > MAX_MOVEMENT) return fail('invalid_request', `Paling banyak ${formatRupiah(MAX_MOVEMENT)} sekali catat.`);
      const out = m.kind !== 'change_topup';
      const inDrawer = drawerBalance(db, env);
      if (out && m.amount > inDrawer) return fail('invalid_request', `Menurut catatan, di laci hanya ada ${formatRupiah(inDrawer)}.`);
      const approved = await deps.approve(session, out ? 'uang keluar dari laci' : 'uang masuk ke laci', m.approval);
      if (!approved.ok) return approved;
      const at = deps.now();
      insertCashMovement(db, { id: ulid(at), env, shiftId: shift.id, kind: m.kind, amount: m.amount, reason: m.reason.trim(), by_user: who.userId, approved_by: getUserByName(db, approved.value.by)!.id, at });
      deps.log.info('counter.cash_moved', { kind: m.kind, amount: m.amount, by: who.name, approvedBy: approved.value.by });
      return ok(report(getShift(db, shift.id)!, 'X'));
    },
    shiftReport(id) {
      const s = getShift(db, id);
      return s ? ok(report(s, s.closed_at === null ? 'X' : 'Z')) : fail('invalid_request', 'Shift tidak ditemukan.');
    },
    shiftsBetween(env, start, end) {
      return shiftsOverlapping(db, env, start, end).map((s) => report(s, s.closed_at === null ? 'X' : 'Z'));
    },
  };
}
