// The owner's books: balances per account (training and production apart), statements, deposit
// top-ups, and each provider's deposit in the books against what the provider itself reports.
import { ulid } from '../../../shared/domain/ids';
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { BooksView, Mode, ParsedReq, Res } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { accountStatement, journalProblems, postDepositTopUp, trialBalance } from '../../db/queries/journal';
import type { DepositService } from '../deposit/deposit-service';

export type BooksService = {
  view(env: Mode): BooksView;
  statement(env: Mode, req: ParsedReq<'books.statement'>): Res<'books.statement'>;
  /** A top-up of a provider's deposit; refused for a provider whose deposit the books do not keep. */
  recordDeposit(env: Mode, req: ParsedReq<'books.recordDeposit'>): Result<BooksView>;
};

/** The providers whose deposit the books keep, with its account (from the registry's descriptors). */
export type DepositAccounts = () => readonly { provider: string; account: string }[];

export function createBooksService(deps: { db: Ledger; now: () => number; deposits: DepositService; depositAccounts: DepositAccounts }): BooksService {
  const view = (env: Mode): BooksView => {
    const accounts = trialBalance(deps.db, env).map((a) => ({ ...a, kind: a.kind as BooksView['accounts'][number]['kind'] }));
    const reported = deps.deposits.view(env);
    const deposits = deps.depositAccounts().map(({ provider, account }) => {
      const books = accounts.find((a) => a.code === account)?.balance ?? 0;
      const r = reported.find((d) => d.provider === provider) ?? null;
      return { provider, account, books, reported: r?.balance ?? null, checkedAt: r?.checkedAt ?? null, difference: r ? r.balance - books : null };
    });
    return { accounts, deposits, problems: journalProblems(deps.db) };
  };
  return {
    view,
    statement: (env, req) => ({ lines: accountStatement(deps.db, env, req.account, req.limit, req.beforeEntry) }),
    recordDeposit(env, req) {
      if (!deps.depositAccounts().some((d) => d.provider === req.provider)) {
        return err(appError('invalid_request', 'Penyedia ini tidak punya deposit di buku.', req.provider));
      }
      const at = deps.now();
      postDepositTopUp(deps.db, env, ulid(at), at, req);
      return ok(view(env));
    },
  };
}
