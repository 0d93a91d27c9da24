// The owner's payment providers for production: Midtrans (server key in the vault, sandbox or
// production), Worldline (OAuth2 client, acquirer and merchant ids) and Chainside (webPOS client id,
// secret in the vault). Training always uses the simulators; of all this it reads only the
// confirmations a bitcoin order needs.
import { z } from 'zod';
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { PaymentSettingsView } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/queries/settings';
import { checkHttpsUrl, readJson } from './stored';
import type { Vault } from '../../secrets/vault';
import { maskSecret } from '../../log/mask';
import { chainsideBinding, checkSecretDestination, midtransBinding, worldlineBinding } from './secret-bindings';

export const MIDTRANS_SERVER_KEY = 'midtrans.production.serverKey';
export const WORLDLINE_SECRET = 'worldline.production.clientSecret';
export const CHAINSIDE_SECRET = 'chainside.production.secret';

const MidtransProduction = z.object({ environment: z.enum(['sandbox', 'production']), baseUrl: z.string() });
export type MidtransProduction = z.infer<typeof MidtransProduction>;
const WorldlineProduction = z.object({
  apiUrl: z.string(),
  tokenUrl: z.string(),
  clientId: z.string(),
  acquirerId: z.string(),
  merchantId: z.string(),
  terminalId: z.string(),
  /** IDR's decimals in the acquirer contract (issue 15 §1): ISO 4217's 2 unless the contract counts whole rupiah. */
  amountDecimals: z.union([z.literal(0), z.literal(2)]).default(2),
});
export type WorldlineProduction = z.infer<typeof WorldlineProduction>;

const ChainsideSettings = z.object({
  environment: z.enum(['sandbox', 'live']),
  baseUrl: z.string(),
  clientId: z.string(),
  /** Confirmations an order needs before it counts as paid (training too): 0 = seen in the mempool. */
  requiredConfirmations: z.number().int().min(0).max(6),
});
export type ChainsideSettings = z.infer<typeof ChainsideSettings>;
const DEFAULT_CHAINSIDE: ChainsideSettings = { environment: 'sandbox', baseUrl: '', clientId: '', requiredConfirmations: 1 };
export type ChainsideInput = ChainsideSettings & { secret?: string | undefined };

const DEFAULT_MIDTRANS: MidtransProduction = { environment: 'sandbox', baseUrl: '' };
const DEFAULT_WORLDLINE: WorldlineProduction = { apiUrl: '', tokenUrl: '', clientId: '', acquirerId: '', merchantId: '', terminalId: '', amountDecimals: 2 };

export type MidtransInput = MidtransProduction & { serverKey?: string | undefined };
export type WorldlineInput = WorldlineProduction & { clientSecret?: string | undefined };

export type PaymentSettings = {
  midtrans(): MidtransProduction;
  worldline(): WorldlineProduction;
  view(): PaymentSettingsView;
  saveMidtrans(input: MidtransInput): Promise<Result<void>>;
  saveWorldline(input: WorldlineInput): Promise<Result<void>>;
  chainside(): ChainsideSettings;
  saveChainside(input: ChainsideInput): Promise<Result<void>>;
};

function badUrl(value: string, what: string): Result<never> | null {
  if (value === '') return null;
  const bad = checkHttpsUrl(value, what, 'https://…');
  return bad ? err(bad) : null;
}

export function createPaymentSettings(db: Ledger, vault: Vault, now: () => number, changed: () => void): PaymentSettings {
  const mask = (key: string, secret: string): string => (vault.has(secret) ? (readSetting(db, key) ?? '••••••••') : '');

  async function seal(name: string, maskKey: string, value: string | undefined, destination: string): Promise<Result<void>> {
    if (!value) return ok(undefined);
    const stored = await vault.store(name, value, destination);
    if (!stored.ok) return err(appError('vault_locked', 'Brankas kredensial terkunci; kunci tidak disimpan.', stored.reason));
    writeSetting(db, maskKey, maskSecret(value), now());
    return ok(undefined);
  }

  const s: PaymentSettings = {
    midtrans: () => readJson(db, 'midtrans.production', MidtransProduction, DEFAULT_MIDTRANS),
    worldline: () => readJson(db, 'worldline.production', WorldlineProduction, DEFAULT_WORLDLINE),
    view: () => ({
      midtrans: { ...s.midtrans(), serverKeySet: vault.has(MIDTRANS_SERVER_KEY), serverKeyMasked: mask('midtrans.production.serverKeyMask', MIDTRANS_SERVER_KEY) },
      worldline: { ...s.worldline(), secretSet: vault.has(WORLDLINE_SECRET), secretMasked: mask('worldline.production.secretMask', WORLDLINE_SECRET) },
      chainside: { ...s.chainside(), secretSet: vault.has(CHAINSIDE_SECRET), secretMasked: mask('chainside.production.secretMask', CHAINSIDE_SECRET) },
    }),
    chainside: () => readJson(db, 'chainside.production', ChainsideSettings, DEFAULT_CHAINSIDE),
    async saveChainside(input) {
      const bad = badUrl(input.baseUrl, 'API Chainside');
      if (bad) return bad;
      if (input.clientId !== '' && !/^[\w.-]{3,128}$/.test(input.clientId)) {
        return err(appError('settings_invalid', 'Client ID Chainside hanya huruf, angka, titik dan tanda minus.'));
      }
      const destination = chainsideBinding(input);
      const allowed = checkSecretDestination(vault, CHAINSIDE_SECRET, destination, input.secret, 'Chainside');
      if (!allowed.ok) return allowed;
      const sealed = await seal(CHAINSIDE_SECRET, 'chainside.production.secretMask', input.secret, destination);
      if (!sealed.ok) return sealed;
      const { secret: _secret, ...plain } = input;
      void _secret;
      writeSetting(db, 'chainside.production', JSON.stringify(plain), now());
      changed();
      return ok(undefined);
    },
    async saveMidtrans(input) {
      const bad = badUrl(input.baseUrl, 'API Midtrans');
      if (bad) return bad;
      if (input.serverKey !== undefined && input.serverKey !== '' && !/^(SB-)?Mid-server-[\w-]{6,}$/.test(input.serverKey)) {
        return err(appError('settings_invalid', 'Server key Midtrans diawali "Mid-server-" (atau "SB-Mid-server-" untuk sandbox).'));
      }
      if (input.serverKey?.startsWith('SB-') && input.environment === 'production') {
        return err(appError('settings_invalid', 'Server key sandbox (SB-…) tidak berlaku untuk lingkungan produksi Midtrans.'));
      }
      const destination = midtransBinding(input);
      const allowed = checkSecretDestination(vault, MIDTRANS_SERVER_KEY, destination, input.serverKey, 'Midtrans');
      if (!allowed.ok) return allowed;
      const sealed = await seal(MIDTRANS_SERVER_KEY, 'midtrans.production.serverKeyMask', input.serverKey, destination);
      if (!sealed.ok) return sealed;
      writeSetting(db, 'midtrans.production', JSON.stringify({ environment: input.environment, baseUrl: input.baseUrl }), now());
      changed();
      return ok(undefined);
    },
    async saveWorldline(input) {
      for (const [url, what] of [
        [input.apiUrl, 'API Worldline'],
        [input.tokenUrl, 'token Worldline'],
      ] as const) {
        const bad = badUrl(url, what);
        if (bad) return bad;
      }
      if (input.apiUrl && new URL(input.apiUrl).pathname !== '/') {
        return err(appError('settings_invalid', 'Alamat API Worldline tanpa path (contoh: https://api.preprod.acquiring.worldline-solutions.com).'));
      }
      for (const [v, what] of [
        [input.acquirerId, 'Acquirer ID'],
        [input.merchantId, 'Merchant ID'],
      ] as const) {
        if (v !== '' && !/^[\w-]{1,40}$/.test(v)) return err(appError('settings_invalid', `${what} hanya huruf, angka dan tanda minus.`));
      }
      if (input.terminalId !== '' && !/^[\w]{1,8}$/.test(input.terminalId)) return err(appError('settings_invalid', 'Terminal ID paling banyak 8 karakter.'));
      const destination = worldlineBinding(input);
      const allowed = checkSecretDestination(vault, WORLDLINE_SECRET, destination, input.clientSecret, 'Worldline');
      if (!allowed.ok) return allowed;
      const sealed = await seal(WORLDLINE_SECRET, 'worldline.production.secretMask', input.clientSecret, destination);
      if (!sealed.ok) return sealed;
      const { clientSecret: _secret, ...plain } = input;
      void _secret;
      writeSetting(db, 'worldline.production', JSON.stringify(plain), now());
      changed();
      return ok(undefined);
    },
  };
  return s;
}
