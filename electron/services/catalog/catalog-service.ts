// The distributor's catalogue in the ledger: synced on start, on demand, and for one product before
// it is sold when its last sync is old. Inactive (2) and temporarily unavailable (3) products
// cannot be sold, and say why.
import { readFieldSpecs } from '../../../shared/provider-fields';
import { localizeAmountsInName } from '../../../shared/domain/money';
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { Mode, PriceRule, ProductView } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getProduct, lastCatalogSync, listPriceRules, listProducts, removePriceRule, setPriceRule, upsertProducts } from '../../db/queries/catalog';
import type { ProductRecord } from '../../db/rows';
import type { Logger } from '../../log/logger';
import type { CatalogProduct } from '../../providers/contract';
import type { ProviderAccess } from '../sales/deps';
import type { SettingsService } from '../settings/settings-service';
import { quote } from './pricing';
import { routeFor, routedProviders } from './routes';

const STALE_MS = 10 * 60_000;

export type CatalogService = {
  /** Syncs the catalogue of every routed provider that publishes one (or only `provider`). */
  sync(env: Mode, provider?: string): Promise<Result<{ products: number; syncedAt: number }>>;
  /** Syncs every routed provider whose catalogue this ledger has never held (first use, a new route). */
  ensure(env: Mode): Promise<void>;
  /** The product as sold now: re-read from its provider when its last sync is old. */
  fresh(env: Mode, provider: string, code: string): Promise<Result<ProductRecord>>;
  /** What the counter sells of a kind (or of every kind): each kind from the provider routed for it. */
  view(env: Mode, kind: ProductRecord['kind'] | null): { products: ProductView[]; syncedAt: number | null };
  /** One provider's products of a kind, priced (PLN token options of a catalogue-priced provider). */
  viewOf(env: Mode, provider: string, kind: ProductRecord['kind']): ProductView[];
  product(env: Mode, provider: string, code: string): ProductRecord | null;
  /** A provider's active products of a kind. */
  active(env: Mode, provider: string, kind: ProductRecord['kind']): ProductRecord[];
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
    extra_fields: JSON.stringify(p.extraFields ?? []),
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

  async function fetch(env: Mode, provider: string, codes?: readonly string[]): Promise<Result<CatalogProduct[]>> {
    const distributor = await opts.providers.distributor(provider, env);
    if (!distributor.ok) return distributor;
    const r = await distributor.value.listProducts(codes);
    if (!r.ok) return err(appError(r.error.code, r.error.message, r.error.detail));
    return r;
  }

  const catalogued = (provider: string): boolean => opts.providers.describe(provider)?.capabilities.catalog === true;

  function priced(p: ProductRecord): ProductView {
    const cost = p.price;
    const q = p.is_inquiry ? null : priceOf(p, cost);
    const sellable = p.status === 1;
    return {
      code: p.code,
      kind: p.kind,
      name: p.name,
      category: p.category,
      operator: p.operator,
      faceValue: p.face_value,
      providerPrice: p.price,
      sellPrice: q?.ok ? q.value.total : null,
      margin: q?.ok ? q.value.margin : 0,
      needsInquiry: p.is_inquiry === 1,
      sellable: sellable && (q === null || q.ok),
      reason: p.status === 1 ? (q && !q.ok ? q.error.message : null) : UNAVAILABLE[p.status],
      fields: readFieldSpecs(p.extra_fields),
    };
  }

  const KINDS: ProductRecord['kind'][] = ['pln_prepaid', 'digital', 'bill'];

  // One full listing per provider at a time: a provider may allow one per 5 minutes (Digiflazz
  // rc 83), so a second caller waits for the listing in flight instead of asking again.
  const inFlight = new Map<string, Promise<Result<number>>>();
  function syncOne(env: Mode, provider: string): Promise<Result<number>> {
    const key = `${env}:${provider}`;
    let p = inFlight.get(key);
    if (!p) {
      p = (async (): Promise<Result<number>> => {
        const r = await fetch(env, provider);
        if (!r.ok) {
          opts.log.warn('catalog.sync_failed', { env, provider, code: r.error.code });
          return r;
        }
        upsertProducts(db, env, provider, r.value.map(toRecord), now(), true);
        opts.log.info('catalog.synced', { env, provider, products: r.value.length });
        return ok(r.value.length);
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, p);
    }
    return p;
  }

  const service: CatalogService = {
    async sync(env, only) {
      const targets = only ? [only] : routedProviders(opts.settings.routing()).filter(catalogued);
      let products = 0;
      let failure: Result<never> | null = null;
      for (const provider of targets) {
        const r = await syncOne(env, provider);
        if (!r.ok) failure ??= r;
        else products += r.value;
      }
      if (failure && products === 0) return failure;
      return ok({ products, syncedAt: now() });
    },
    async ensure(env) {
      for (const provider of routedProviders(opts.settings.routing()).filter(catalogued)) {
        if (lastCatalogSync(db, env, provider) !== null) continue;
        const r = await service.sync(env, provider);
        if (!r.ok) opts.log.info('catalog.ensure_failed', { env, provider, code: r.error.code });
      }
    },
    async fresh(env, provider, code) {
      const known = getProduct(db, env, provider, code);
      if (known && now() - known.synced_at < STALE_MS) return ok(known);
      const r = await fetch(env, provider, [code]);
      if (!r.ok) {
        // The provider cannot be asked right now: a known product is sold at its last price.
        if (known) return ok(known);
        return r;
      }
      upsertProducts(db, env, provider, r.value.map(toRecord), now(), false);
      const p = getProduct(db, env, provider, code);
      return p ? ok(p) : err(appError('product_unavailable', 'Produk tidak ada di katalog penyedia.'));
    },
    view(env, kind) {
      const routing = opts.settings.routing();
      const products: ProductView[] = [];
      let syncedAt: number | null = null;
      for (const k of kind ? [kind] : KINDS) {
        const provider = routeFor(routing, k).primary;
        if (!catalogued(provider)) continue;
        products.push(...listProducts(db, env, provider, k).map(priced));
        const t = lastCatalogSync(db, env, provider);
        if (t !== null) syncedAt = Math.max(syncedAt ?? 0, t);
      }
      return { products, syncedAt };
    },
    viewOf: (env, provider, kind) => listProducts(db, env, provider, kind).map(priced),
    product: (env, provider, code) => getProduct(db, env, provider, code),
    active: (env, provider, kind) => listProducts(db, env, provider, kind).filter((p) => p.status === 1),
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
  return service;
}
