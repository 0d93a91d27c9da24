// Shifts at the counter: a sale is made only in an open shift, opened with the float in the
// drawer and closed by counting it (the variance explained, a cashier's close approved by a
// supervisor). Reports X (open) and Z (closed) are built from the shift's own sales.
import { appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import type { Approval, Mode, ShiftReport } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getUser, getUserByName } from '../../db/queries/users';
import { closeShiftRow, drawerMovement, getShift, insertShift, openShiftOf, shiftSales, shiftsOverlapping, type ShiftRecord } from '../../db/queries/shifts';
import type { Logger } from '../../log/logger';
import { layoutShiftReport } from '../../receipts/layout';
import type { SessionId, SignedIn } from './counter-service';

/** Where a sale is made: the open shift, by the person signed in at this session. */
export type Seat = { shiftId: string; cashier: string };

export type Shifts = {
  seat(session: SessionId, env: Mode): Result<Seat>;
  openShift(session: SessionId, env: Mode, openingFloat: number): Result<void>;
  report(env: Mode): Result<ShiftReport>;
  closeShift(session: SessionId, env: Mode, c: { counted: number; countJson: string | null; reason: string | null; approval?: Approval }): Promise<Result<ShiftReport>>;
  shiftReport(id: string): Result<ShiftReport>;
  /** Every shift open at some moment of [start, end), with its X (still open) or Z report. */
  shiftsBetween(env: Mode, start: number, end: number): ShiftReport[];
};

const err = (code: Parameters<typeof appError>[0], message: string): Result<never> => ({ ok: false, error: appError(code, message) });

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

  return {
    seat(session, env) {
      const who = deps.signedIn(session);
      if (!who) return err('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const shift = openShiftOf(db, env);
      if (!shift) return err('no_open_shift', 'Buka shift dulu (hitung uang modal di laci), baru bisa menjual.');
      return { ok: true, value: { shiftId: shift.id, cashier: who.name } };
    },
    openShift(session, env, openingFloat) {
      const who = deps.signedIn(session);
      if (!who) return err('signed_out', 'Masuk dulu dengan nama dan PIN.');
      const open = openShiftOf(db, env);
      if (open) return err('not_allowed_in_state', `Shift ${getUser(db, open.user_id)?.name ?? ''} masih terbuka. Tutup dulu shift itu.`);
      const at = deps.now();
      insertShift(db, { id: ulid(at), env, userId: who.userId, at, openingFloat });
      deps.log.info('counter.shift_opened', { by: who.name, openingFloat });
      return { ok: true, value: undefined };
    },
    report(env) {
      const shift = openShiftOf(db, env);
      return shift ? { ok: true, value: report(shift, 'X') } : err('no_open_shift', 'Tidak ada shift yang terbuka.');
    },
    async closeShift(session, env, c) {
      const shift = openShiftOf(db, env);
      if (!shift) return err('no_open_shift', 'Tidak ada shift yang terbuka.');
      const ok = await deps.approve(session, 'tutup shift', c.approval);
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
