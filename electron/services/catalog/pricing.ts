// What the counter charges: the provider's cost plus the owner's rule for the product, else for
// its category, else the outlet's "Adm loket" as a markup. A fixed price applies to prepaid
// products; on a bill (whose amount varies) its amount is added as the counter's fee.
import { ok, appError, type Result } from '../../../shared/domain/errors';
import { formatRupiah } from '../../../shared/domain/money';
import type { PriceRuleRecord } from '../../db/rows';

export type Quote = { margin: number; total: number };

export type Priced = { code: string; category: string; kind: 'pln_prepaid' | 'bill' | 'digital' };

export function ruleFor(rules: readonly PriceRuleRecord[], p: Priced): PriceRuleRecord | null {
  return rules.find((r) => r.scope === 'product' && r.key === p.code) ?? rules.find((r) => r.scope === 'category' && r.key === p.category) ?? null;
}

export function quote(rules: readonly PriceRuleRecord[], defaultMargin: number, p: Priced, cost: number): Result<Quote> {
  const rule = ruleFor(rules, p);
  const mode = rule?.mode ?? 'markup';
  const amount = rule?.amount ?? defaultMargin;
  const total = mode === 'fixed' && p.kind !== 'bill' ? amount : cost + amount;
  if (total < cost) {
    return {
      ok: false,
      error: appError(
        'price_below_cost',
        `Harga jual ${formatRupiah(total)} di bawah harga modal ${formatRupiah(cost)}. Periksa pengaturan harga.`,
        `${p.code}: rule ${mode} ${amount}, cost ${cost}`,
      ),
    };
  }
  return ok({ margin: total - cost, total });
}
