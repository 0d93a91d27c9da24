// Shifts: open with a float, the X report, cash in and out, the close (blind count, variance,
// approval) — each close backed up when the owner asked for it — and the printed X/Z.
import { ok } from '../../../shared/domain/errors';
import { layoutShiftReport } from '../../receipts/layout';
import type { Core, Handlers } from './core';

type Names = 'shift.open' | 'shift.report' | 'shift.moveCash' | 'shift.close' | 'shift.print';

export function shiftHandlers(core: Core): Handlers<Names> {
  const { counter, settings, printing, backups, log } = core;
  return {
    'shift.open': (req, caller) => {
      const r = counter.openShift(caller.session, settings.mode(), req.openingFloat);
      return r.ok ? ok(counter.status(caller.session, settings.mode())) : r;
    },
    'shift.report': (_req, caller) => {
      const who = counter.require(caller.session, 'cashier', false);
      return who.ok ? counter.report(settings.mode(), who.value.role) : who;
    },
    'shift.moveCash': (req, caller) => counter.moveCash(caller.session, settings.mode(), req),
    'shift.close': async (req, caller) => {
      const closed = await counter.closeShift(caller.session, settings.mode(), {
        counted: req.counted,
        countJson: req.denominations ? JSON.stringify(req.denominations) : null,
        reason: req.reason,
        ...(req.approval ? { approval: req.approval } : {}),
      });
      // Every shift close is backed up (when the owner has a folder and has not turned it off).
      if (closed.ok && backups.settings().atShiftClose) {
        const r = backups.run('shift_close');
        if (!r.started) log.info('backup.shift_close_skipped', { reason: r.reason });
      }
      return closed;
    },
    'shift.print': async (req, caller) => {
      const who = counter.require(caller.session);
      if (!who.ok) return who;
      // An open shift's X as this person may see it (a cashier's hides the expected cash under a blind count).
      const open = counter.report(settings.mode(), who.value.role);
      const r = open.ok && open.value.shiftId === req.shiftId ? open : counter.shiftReport(req.shiftId);
      if (!r.ok) return r;
      const { lines: _shown, ...report } = r.value;
      void _shown;
      const columns = printing.columns();
      const lines = layoutShiftReport(report, settings.outlet(), columns);
      const outcome = await printing.print(settings.mode(), { lines, qr: null, document: report.kind === 'Z' ? 'z_report' : 'x_report', saleId: null, copyNumber: 0, kick: false });
      return ok({ receipt: { saleId: report.shiftId, kind: 'shift_report', columns, copyNumber: 0, lines, qr: null, paper: outcome.paper }, outcome });
    },
  };
}
