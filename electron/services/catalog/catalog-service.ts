// The distributor's catalogue in the ledger: synced on start, on demand, and for one product before
// it is sold when its last sync is old. Inactive (2) and temporarily unavailable (3) products
// cannot be sold, and say why.
import { localizeAmountsInName } from '../../../shared/domain/money';
import { appError, type Result } from '../../../shared/domain/errors';
import type { Mode, PriceRule, ProductView } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getProduct, lastCatalogSync, listPriceRules, listProducts, removePriceRule, setPriceRule, upsertProducts } from '../../db/queries/catalog';
import type { ProductRecord } from '../../db/rows';
import type { Logger } from '../../log/logger';
import type { CatalogProduct } from '../../providers/contract';
import type { ProviderAccess } from '../sales/deps';
import type { SettingsService } from '../settings/settings-service';
import { quote } from './pricing';

const STALE_MS = 10 * 60_000;

export type CatalogService = {
  sync(env: Mode): Promise<Result<{ products: number; syncedAt: number }>>;
  /** The product as sold now: re-read from the provider when its last sync is old. */
  fresh(env: Mode, code: string): Promise<Result<ProductRecord>>;
  view(env: Mode, kind: ProductRecord['kind'] | null): { products: ProductView[]; syncedAt: number | null };
  product(env: Mode, code: string): ProductRecord | null;
  /** Active products of a kind (PLN tokens via the distributor). */
  active(env: Mode, kind: ProductRecord['kind']): ProductRecord[];
  rules(): { rules: PriceRule[]; defaultMargin: number };
  setRule(rule: PriceRule): { rules: PriceRule[]; defaultMargin: number };
  removeRule(scope: PriceRule['scope'], key: string): { rules: PriceRule[]; defaultMargin: number };
  quote(product: { code: string; category: string; kind: ProductRecord['kind'] }, cost: number): Result<{ margin: number; total: number }>;
};

export const UNAVAILABLE: Record<2 | 3, string> = {
  2: 'Produk dinonaktifkan penyedia.',
  3: 'Produk sedang gangguan di penyedia. Coba lagi nanti.',
};

function toRecord(p: CatalogProduct): Omit<ProductRecord, 'env' | 'provider' | 'synced_at'> {
  return {
    code: p.code,
    kind: p.kind,
    name: localizeAmountsInName(p.name),
    category: p.category,
    operator: p.operator,
    price: p.price,
    face_value: p.faceValue,
    is_inquiry: p.isInquiry ? 1 : 0,
    status: p.status,
  };
}

export function createCatalogService(opts: {
  db: Ledger;
  now: () => number;
  log: Logger;
  providers: ProviderAccess;
  settings: SettingsService;
}): CatalogService {
  const { db, now } = opts;
  const rulesView = (): { rules: PriceRule[]; defaultMargin: number } => ({
    rules: listPriceRules(db).map(({ scope, key, mode, amount }) => ({ scope, key, mode, amount })),
    defaultMargin: opts.settings.outlet().counterFee,
  });
  const priceOf = (p: { code: string; category: string; kind: ProductRecord['kind'] }, cost: number): Result<{ margin: number; total: number }> =>
    quote(listPriceRules(db), opts.settings.outlet().counterFee, p, cost);

  async function fetch(env: Mode, codes?: readonly string[]): Promise<Result<CatalogProduct[]>> {
    const sat = await opts.providers.distributor(env);
    if (!sat.ok) return sat;
    const r = await sat.value.listProducts(codes);
    if (!r.ok) return { ok: false, error: appError(r.error.code, r.error.message, r.error.detail) };
    return r;
  }

  return {
    async sync(env) {
      const r = await fetch(env);
      if (!r.ok) return r;
      const at = now();
      upsertProducts(db, env, 'sat', r.value.map(toRecord), at, true);
      opts.log.info('catalog.synced', { env, products: r.value.length });
      return { ok: true, value: { products: r.value.length, syncedAt: at } };
    },
    async fresh(env, code) {
      const known = getProduct(db, env, code);
      if (known && now() - known.synced_at < STALE_MS) return { ok: true, value: known };
      const r = await fetch(env, [code]);
      if (!r.ok) {
        // The provider cannot be asked right now: a known product is sold at its last price.
        if (known) return { ok: true, value: known };
        return r;
      }
      upsertProducts(db, env, 'sat', r.value.map(toRecord), now(), false);
      const p = getProduct(db, env, code);
      return p ? { ok: true, value: p } : { ok: false, error: appError('product_unavailable', 'Produk tidak ada di katalog penyedia.') };
    },
    view(env, kind) {
      const products = listProducts(db, env, kind).map((p): ProductView => {
        const cost = p.price;
        const priced = p.is_inquiry ? null : priceOf(p, cost);
        const sellable = p.status === 1;
        return {
          code: p.code,
          kind: p.kind,
          name: p.name,
          category: p.category,
          operator: p.operator,
          faceValue: p.face_value,
          providerPrice: p.price,
          sellPrice: priced?.ok ? priced.value.total : null,
          margin: priced?.ok ? priced.value.margin : 0,
          needsInquiry: p.is_inquiry === 1,
          sellable: sellable && (priced === null || priced.ok),
          reason: p.status === 1 ? (priced && !priced.ok ? priced.error.message : null) : UNAVAILABLE[p.status],
        };
      });
      return { products, syncedAt: lastCatalogSync(db, env) };
    },
    product: (env, code) => getProduct(db, env, code),
    active: (env, kind) => listProducts(db, env, kind).filter((p) => p.status === 1),
    rules: rulesView,
    setRule(rule) {
      setPriceRule(db, rule, now());
      return rulesView();
    },
    removeRule(scope, key) {
      removePriceRule(db, scope, key);
      return rulesView();
    },
    quote: priceOf,
  };
}
