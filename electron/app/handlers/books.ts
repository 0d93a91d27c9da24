// The owner's books (balances, statements, deposit top-ups) and the audit check of the ledger.
import { ok } from '../../../shared/domain/errors';
import { describeFinding } from '../audit-findings';
import type { Core, Handlers } from './core';

type Names = 'books.get' | 'books.statement' | 'books.recordDeposit' | 'audit.verify' | 'audit.progress';

export function booksHandlers(core: Core): Handlers<Names> {
  const { books, settings, audits } = core;
  return {
    'books.get': () => (ok(books.view(settings.mode()))),
    'books.statement': (req) => (ok(books.statement(settings.mode(), req))),
    'books.recordDeposit': (req) => books.recordDeposit(settings.mode(), req),
    'audit.verify': async () => {
      const r = await audits.verify();
      if (!r.ok) return r;
      const report = r.value;
      return {
        ok: true,
        value: {
          intact: report.findings.length === 0,
          unverifiableBefore: report.unverifiableBefore,
          entries: report.entries,
          rows: report.rows,
          ms: report.ms,
          keyed: report.keyed,
          findings: report.findings.map(describeFinding),
        },
      };
    },
    'audit.progress': () => (ok(audits.progress())),
  };
}
