// The outlet's deposits at the distributors (SAT "saldo", Digiflazz "deposit"): every provider whose
// descriptor says the outlet holds a deposit there and that a route uses. Refreshed on start and
// after each order, shown with a low-balance warning, and checked before checkout so a sale the
// deposit cannot cover is stopped before anything is sent.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import { formatRupiah } from '../../../shared/domain/money';
import type { DepositView, Mode } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getBalance, openProviderCostSince, setBalance } from '../../db/queries/catalog';
import type { Logger } from '../../log/logger';
import type { ProviderAccess } from '../sales/deps';
import type { SettingsService } from '../settings/settings-service';
import { routedProviders } from '../catalog/routes';

export type DepositService = {
  /** Reads the deposit of every routed provider that holds one (or only `provider`). */
  refresh(env: Mode, provider?: string): Promise<Result<number>>;
  view(env: Mode): DepositView[];
  /** Can the deposit at `provider` cover `cost` on top of what sales in flight have committed? */
  check(env: Mode, provider: string, cost: number): Result<void>;
};

export function createDepositService(opts: {
  db: Ledger;
  now: () => number;
  log: Logger;
  providers: ProviderAccess;
  settings: SettingsService;
}): DepositService {
  const { db } = opts;
  const held = (provider: string): boolean => opts.providers.describe(provider)?.capabilities.deposit === true;
  const displayName = (provider: string): string => opts.providers.describe(provider)?.displayName ?? provider;
  return {
    async refresh(env, only) {
      const targets = only ? [only].filter(held) : routedProviders(opts.settings.routing()).filter(held);
      let total = 0;
      let failure: Result<never> | null = null;
      for (const provider of targets) {
        const d = await opts.providers.distributor(provider, env);
        const r = d.ok ? await d.value.balance() : d;
        if (!r.ok) {
          failure ??= err(appError(r.error.code, r.error.message, r.error.detail));
          continue;
        }
        setBalance(db, env, provider, r.value, opts.now());
        total += r.value;
      }
      return failure ?? ok(total);
    },
    view(env) {
      const out: DepositView[] = [];
      for (const provider of opts.providers.names().filter(held)) {
        const b = getBalance(db, env, provider);
        if (b) out.push({ provider, balance: b.balance, checkedAt: b.checked_at, low: b.balance < opts.settings.lowBalanceThreshold() });
      }
      return out;
    },
    check(env, provider, cost) {
      if (!held(provider)) return ok(undefined);
      const b = getBalance(db, env, provider);
      // Unknown balance: the provider decides (and says so definitely, without taking money).
      if (!b) return ok(undefined);
      // The reported balance already reflects orders the provider accepted; sales begun since are not in it.
      const available = b.balance - openProviderCostSince(db, env, provider, b.checked_at);
      if (cost > available) {
        return {
          ok: false,
          error: appError(
            'deposit_insufficient',
            `Saldo deposit ${displayName(provider)} ${formatRupiah(Math.max(0, available))} tidak cukup untuk ${formatRupiah(cost)}. Isi deposit dulu.`,
          ),
        };
      }
      return ok(undefined);
    },
  };
}
