// What a purchase provider folder says about itself (issue 14): one descriptor per folder, listed
// once in registry.ts. The core asks a descriptor's capabilities — never a provider's name — where
// its behaviour differs, so a new provider is a folder, a registry line and a migration row.
import type { Logger } from '../log/logger';
import type { DistributorServices, PlnLookup, ProductKind, PurchaseProvider } from './contract';

export type PurchaseCapabilities = {
  /** The product kinds it sells. */
  sells: readonly ProductKind[];
  /** How it checks a PLN customer: by number alone, or against one of its catalogue products (SAT); null: cannot. */
  plnLookup: 'by_number' | 'by_product' | null;
  /** PLN token prices: denomination + the admin its inquiry quotes (VSI), or its catalogue's price per denomination. */
  tokenPricing: 'inquiry_admin' | 'catalog';
  /** It publishes a catalogue (prices, product states) Loket syncs. */
  catalog: boolean;
  /** The outlet holds a deposit there that Loket reads, checks before checkout and books. */
  deposit: boolean;
  /** It can price a bill by inquiry. */
  billInquiry: boolean;
  /** It calls back about orders (a hint: Loket then asks by status). */
  callbacks: boolean;
  /** What a success may report as charged: the cost, or also the face value (VSI reports the nominal). */
  chargedAmounts: 'cost' | 'face_or_cost';
};

/** When to ask again about an uncertain purchase: offsets after the purchase, then every `everyMs` to 30 min, then every 15 min to 24 h. */
export type StatusLadder = { first: readonly number[]; everyMs: number };

export type SettingsField = { name: string; label: string; kind: 'url' | 'text' | 'choice'; choices?: readonly string[]; required: boolean };

export type SecretSpec = {
  field: string;
  label: string;
  /** Where it is kept in the vault. */
  vaultName: string;
  /** The settings fields whose values decide where it may be sent; 'local': it never leaves this PC. */
  boundTo: readonly string[] | 'local';
  required: boolean;
};

export type ProviderSettingsSpec = {
  /** 'generic': Pengaturan draws its form from this spec; 'own': the provider has its own screen. */
  form: 'generic' | 'own';
  /** The settings row holding the non-secret fields as one JSON object of strings. */
  key: string;
  fields: readonly SettingsField[];
  secrets: readonly SecretSpec[];
};

export type PurchaseClientSet = {
  purchaser: PurchaseProvider;
  plnLookup: PlnLookup | null;
  distributor: DistributorServices | null;
};

export type CreateContext = {
  /** Non-secret settings and revealed secrets, by field name. */
  config: Readonly<Record<string, string>>;
  secrets: Readonly<Record<string, string>>;
  /** Shrinks the default timeouts (tests and demos); 1 in production. */
  scale: number;
  /** Timeouts set by the config for this provider, by name (they win over the scaled defaults). */
  timeoutOverrides: Readonly<Record<string, number>>;
  now: () => number;
  log: Logger;
  /** Where this provider's callbacks should go for orders created now, when Loket listens. */
  callbackUrl: () => string | null;
};

/** A provider that pushes order news to a path on Loket's listener, signed with a shared secret. */
export type CallbackSpec = {
  /** The listener's path for it. */
  path: string;
  /** The settings secret it is signed with. */
  secretField: string;
  /** Checks a push over its raw bytes; the ref it names, or null when it is not genuine. */
  read(secret: string): (raw: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>) => { ref: string } | null;
};

export type PurchaseDescriptor = {
  readonly role: 'purchase';
  readonly name: string;
  readonly displayName: string;
  readonly capabilities: PurchaseCapabilities;
  readonly statusLadder: StatusLadder;
  /** The books' account for the deposit held there; null when the outlet holds none. */
  readonly depositAccount: { code: string; name: string } | null;
  readonly settings: ProviderSettingsSpec;
  /** Pushes checked by the generic listener route (SAT's signed callbacks have their own). */
  readonly callback: CallbackSpec | null;
  create(ctx: CreateContext): PurchaseClientSet;
};

/** The capability a caller needs, with the descriptor's name in the message when it is missing. */
export function sells(d: PurchaseDescriptor, kind: ProductKind): boolean {
  return d.capabilities.sells.includes(kind);
}

/** A client's timeouts: its defaults scaled for this run, then the config's overrides. */
export function timeoutsFor<T extends Record<string, number>>(defaults: T, ctx: Pick<CreateContext, 'scale' | 'timeoutOverrides'>): T {
  const out: Record<string, number> = {};
  for (const [name, ms] of Object.entries(defaults)) out[name] = ctx.timeoutOverrides[name] ?? Math.round(ms * ctx.scale);
  return out as T;
}
