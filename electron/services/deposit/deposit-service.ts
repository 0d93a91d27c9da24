// The outlet's deposit at the distributor (SAT "saldo"): refreshed on start and after each order,
// shown with a low-balance warning, and checked before checkout so a sale the deposit cannot
// cover is stopped before anything is sent.
import { appError, type Result } from '../../../shared/domain/errors';
import { formatRupiah } from '../../../shared/domain/money';
import type { DepositView, Mode } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getBalance, openProviderCostSince, setBalance } from '../../db/queries/catalog';
import type { Logger } from '../../log/logger';
import type { ProviderAccess } from '../sales/deps';
import type { SettingsService } from '../settings/settings-service';

export type DepositService = {
  refresh(env: Mode): Promise<Result<number>>;
  view(env: Mode): DepositView[];
  /** Can the deposit cover `cost` on top of what sales in flight have committed? */
  check(env: Mode, cost: number): Result<void>;
};

export function createDepositService(opts: {
  db: Ledger;
  now: () => number;
  log: Logger;
  providers: ProviderAccess;
  settings: SettingsService;
}): DepositService {
  const { db } = opts;
  return {
    async refresh(env) {
      const sat = await opts.providers.distributor(env);
      if (!sat.ok) return sat;
      const r = await sat.value.balance();
      if (!r.ok) return { ok: false, error: appError(r.error.code, r.error.message, r.error.detail) };
      setBalance(db, env, 'sat', r.value, opts.now());
      return { ok: true, value: r.value };
    },
    view(env) {
      const b = getBalance(db, env, 'sat');
      if (!b) return [];
      return [{ provider: 'sat', balance: b.balance, checkedAt: b.checked_at, low: b.balance < opts.settings.lowBalanceThreshold() }];
    },
    check(env, cost) {
      const b = getBalance(db, env, 'sat');
      // Unknown balance: the provider decides (and says so definitely, without taking money).
      if (!b) return { ok: true, value: undefined };
      // The reported balance already reflects orders SAT accepted; sales begun since are not in it.
      const available = b.balance - openProviderCostSince(db, env, 'sat', b.checked_at);
      if (cost > available) {
        return {
          ok: false,
          error: appError(
            'deposit_insufficient',
            `Saldo deposit SAT ${formatRupiah(Math.max(0, available))} tidak cukup untuk ${formatRupiah(cost)}. Isi deposit dulu.`,
          ),
        };
      }
      return { ok: true, value: undefined };
    },
  };
}
