// Outlet profile, mode (training/production), UI language and the VSI production endpoint.
// Plain settings live in the ledger's settings table; the VSI secret goes to the vault and only
// its mask ever leaves this module.
import type { PurchaseProviderInfo } from '../../../shared/contract';
import { z } from 'zod';
import { Locale, Mode, Outlet, DtFormat, Routing, CallbackSettings, type SettingsView } from '../../../shared/contract';
import { DEFAULT_PRINTER, PrinterSettings } from '../../../shared/printing';
import { err, ok, appError, type AppError, type Result } from '../../../shared/domain/errors';
import type { Ledger } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/queries/settings';
import type { Vault } from '../../secrets/vault';
import { maskSecret } from '../../log/mask';
import { httpsProblem, readJson } from './stored';
import { providerSettingsView, saveProviderSettings, type SettingsOf } from './provider-settings';
import { CHAINSIDE_SECRET, createPaymentSettings, MIDTRANS_SERVER_KEY, WORLDLINE_SECRET, type PaymentSettings } from './payment-settings';
import { chainsideBinding, checkSecretDestination, LOCAL_ONLY, midtransBinding, satBinding, vsiBinding, worldlineBinding } from './secret-bindings';

const VsiProduction = z.object({ baseUrl: z.string(), clientId: z.string(), dtFormat: DtFormat });
export type VsiProduction = z.infer<typeof VsiProduction>;

export const VSI_SECRET = 'vsi.production.secret';
export const SAT_SECRET = 'sat.production.clientSecret';
export const SAT_PRIVATE_KEY = 'sat.production.privateKey';
export const SAT_PUBLIC_KEY = 'sat.production.satPublicKey';

// `downlineId`: this outlet's id as the partner's downstream reseller (SAT `downline_id`); '' for none.
const SatProduction = z.object({ baseUrl: z.string(), tokenUrl: z.string(), clientId: z.string(), downlineId: z.string().default('') });
export type SatProduction = z.infer<typeof SatProduction>;
const DEFAULT_SAT: SatProduction = { baseUrl: '', tokenUrl: '', clientId: '', downlineId: '' };

const KeyFacts = z.object({ privateKey: z.string(), satPublicKey: z.string() }).partial();

/** Checks pasted PEM keys (SAT: the partner's private key, SAT's public key) and fingerprints them. */
export type KeyValidator = (input: {
  privateKeyPem: string | null;
  satPublicKeyPem: string | null;
}) => { ok: true; privateKey: string | null; satPublicKey: string | null } | { ok: false; error: AppError };

export const DEFAULT_ROUTING: Routing = { primary: 'vsi', fallback: null, digital: { primary: 'sat', fallback: null }, bill: { primary: 'sat' } };
export const DEFAULT_CALLBACK: CallbackSettings = { enabled: false, port: 4781, path: '/sat/callback' };

export const DEFAULT_OUTLET: Outlet = {
  name: 'Loket PPOB',
  address: '',
  cashierName: 'Kasir',
  counterFee: 0,
  timeZone: 'Asia/Jakarta',
};

const DEFAULT_VSI: VsiProduction = { baseUrl: '', clientId: '', dtFormat: 'YYYYMMDD' };

/** VSI's hash binds neither amount nor customer: production traffic must be HTTPS (loopback excepted, for testing against `npm run sim`). */
export function checkVsiBaseUrl(value: string): AppError | null {
  const problem = httpsProblem(value);
  if (problem === 'invalid') return appError('settings_invalid', 'Alamat endpoint VSI tidak valid (contoh: https://h2h.vendor.co.id/api).');
  if (problem === 'not_https') return appError('settings_invalid', 'Endpoint VSI harus memakai https:// (kunci akses tidak melindungi nominal dan nomor pelanggan).');
  return null;
}

export type SatSettingsInput = {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  /** '' for none. */
  downlineId?: string;
  clientSecret?: string | undefined;
  privateKeyPem?: string | undefined;
  satPublicKeyPem?: string | undefined;
};

export type SettingsService = {
  mode(): z.infer<typeof Mode>;
  satProduction(): SatProduction;
  routing(): Routing;
  /** Saves a provider's production settings through its descriptor's spec (the generic form). */
  saveProvider(input: { provider: string; fields: Record<string, string>; secrets: Record<string, string> }): Promise<Result<SettingsView>>;
  /** A provider's production settings row (non-secret fields), read through its schema; {} when unset. */
  providerSettings(key: string): Record<string, string>;
  lowBalanceThreshold(): number;
  callback(): CallbackSettings;
  saveSat(input: SatSettingsInput): Promise<Result<SettingsView>>;
  setRouting(routing: Routing): SettingsView;
  setLowBalanceThreshold(amount: number): SettingsView;
  setCallback(callback: CallbackSettings): Result<SettingsView>;
  locale(): z.infer<typeof Locale>;
  outlet(): Outlet;
  vsiProduction(): VsiProduction;
  view(): SettingsView;
  saveOutlet(outlet: Outlet): SettingsView;
  setLocale(locale: z.infer<typeof Locale>): SettingsView;
  setMode(mode: z.infer<typeof Mode>): Result<SettingsView>;
  saveVsi(input: { baseUrl: string; clientId: string; secret?: string | undefined; dtFormat: z.infer<typeof DtFormat> }): Promise<Result<SettingsView>>;
  /** Called after any change that affects provider clients. */
  onProviderChange(listener: () => void): void;
  printer(): PrinterSettings;
  /** What a printer's settings lack (an address, a port), in words; null when it can be printed to. */
  checkPrinter(p: PrinterSettings): AppError | null;
  /** The owner's printer; an address or a port it needs is asked for in words. */
  savePrinter(p: PrinterSettings): Result<SettingsView>;
  /** At start: secrets sealed before bindings are bound to where today's settings send them. */
  adoptUnboundSecrets(): Promise<void>;
  payments: PaymentSettings;
};

/** What the settings need from the provider registry: who is registered, and their settings specs. */
export type ProviderCatalog = { purchaseProviders(): PurchaseProviderInfo[]; settingsOf(name: string): SettingsOf | null; withGenericForm(): SettingsOf[] };

const NO_PROVIDERS: ProviderCatalog = { purchaseProviders: () => [], settingsOf: () => null, withGenericForm: () => [] };

export function createSettingsService(db: Ledger, vault: Vault, now: () => number, validateKeys?: KeyValidator, registry: ProviderCatalog = NO_PROVIDERS): SettingsService {
  const listeners: Array<() => void> = [];
  const notify = (): void => {
    for (const l of listeners) l();
  };

  const payments = createPaymentSettings(db, vault, now, notify);
  const service: SettingsService = {
    payments,
    mode: () => readJson(db, 'mode', Mode, 'training'),
    locale: () => readJson(db, 'locale', Locale, 'id'),
    outlet: () => readJson(db, 'outlet', Outlet, DEFAULT_OUTLET),
    vsiProduction: () => readJson(db, 'vsi.production', VsiProduction, DEFAULT_VSI),
    satProduction: () => readJson(db, 'sat.production', SatProduction, DEFAULT_SAT),
    routing: () => readJson(db, 'routing', Routing, DEFAULT_ROUTING),
    providerSettings: (key) => readJson(db, key, z.record(z.string(), z.string()), {}),
    lowBalanceThreshold: () => readJson(db, 'deposit.lowBalance', z.number().int().nonnegative(), 500_000),
    callback: () => readJson(db, 'sat.callback', CallbackSettings, DEFAULT_CALLBACK),
    view() {
      const vsi = service.vsiProduction();
      const secretSet = vault.has(VSI_SECRET);
      const sat = service.satProduction();
      const facts = readJson(db, 'sat.production.keys', KeyFacts, {});
      return {
        purchaseProviders: registry.purchaseProviders(),
        providerForms: registry.withGenericForm().map((p) => providerSettingsView(db, vault, p)),
        mode: service.mode(),
        locale: service.locale(),
        outlet: service.outlet(),
        vsi: { ...vsi, secretSet, secretMasked: secretSet ? (readSetting(db, 'vsi.production.secretMask') ?? '••••••••') : '' },
        sat: {
          ...sat,
          secretSet: vault.has(SAT_SECRET),
          secretMasked: vault.has(SAT_SECRET) ? (readSetting(db, 'sat.production.secretMask') ?? '••••••••') : '',
          privateKey: vault.has(SAT_PRIVATE_KEY) ? (facts.privateKey ?? 'set') : null,
          satPublicKey: vault.has(SAT_PUBLIC_KEY) ? (facts.satPublicKey ?? 'set') : null,
        },
        routing: service.routing(),
        lowBalanceThreshold: service.lowBalanceThreshold(),
        callback: service.callback(),
        payments: payments.view(),
        printer: service.printer(),
        vaultKeySource: vault.keyDescription,
      };
    },
    saveOutlet(outlet) {
      writeSetting(db, 'outlet', JSON.stringify(outlet), now());
      return service.view();
    },
    setLocale(locale) {
      writeSetting(db, 'locale', JSON.stringify(locale), now());
      return service.view();
    },
    setMode(mode) {
      if (mode === 'production') {
        const vsi = service.vsiProduction();
        const sat = service.satProduction();
        const vsiReady = Boolean(vsi.baseUrl && vsi.clientId && vault.has(VSI_SECRET));
        const satReady = Boolean(sat.baseUrl && sat.clientId && vault.has(SAT_SECRET) && vault.has(SAT_PRIVATE_KEY) && vault.has(SAT_PUBLIC_KEY));
        if (!vsiReady && !satReady) {
          return {
            ok: false,
            error: appError('settings_invalid', 'Isi dulu kredensial VSI atau SAT sebelum beralih ke mode produksi.'),
          };
        }
      }
      writeSetting(db, 'mode', JSON.stringify(mode), now());
      notify();
      return ok(service.view());
    },
    async saveVsi(input) {
      if (input.baseUrl !== '') {
        const bad = checkVsiBaseUrl(input.baseUrl);
        if (bad) return err(bad);
      }
      if (input.clientId !== '' && !/^[\w.-]{1,64}$/.test(input.clientId)) {
        return err(appError('settings_invalid', 'Client ID hanya boleh huruf, angka, titik, garis bawah dan tanda minus.'));
      }
      const destination = vsiBinding(input);
      const allowed = checkSecretDestination(vault, VSI_SECRET, destination, input.secret, 'VSI');
      if (!allowed.ok) return allowed;
      if (input.secret !== undefined && input.secret !== '') {
        const stored = await vault.store(VSI_SECRET, input.secret, destination);
        if (!stored.ok) {
          return err(appError('vault_locked', 'Brankas kredensial terkunci; secret tidak disimpan.', stored.reason));
        }
        // The mask (at most the last 4 characters) is what settings may show; the secret stays sealed.
        writeSetting(db, 'vsi.production.secretMask', maskSecret(input.secret), now());
      }
      writeSetting(db, 'vsi.production', JSON.stringify({ baseUrl: input.baseUrl, clientId: input.clientId, dtFormat: input.dtFormat }), now());
      if (service.mode() === 'production' && (!input.baseUrl || !input.clientId)) {
        writeSetting(db, 'mode', JSON.stringify('training'), now());
      }
      notify();
      return ok(service.view());
    },
    async saveSat(input) {
      for (const url of [input.baseUrl, input.tokenUrl]) {
        if (url !== '') {
          const bad = checkVsiBaseUrl(url);
          if (bad) return err(appError('settings_invalid', bad.message.replace('VSI', 'SAT'), url));
        }
      }
      if (input.clientId !== '' && !/^[\w.:-]{1,128}$/.test(input.clientId)) {
        return err(appError('settings_invalid', 'Client ID SAT tidak valid.'));
      }
      const destination = satBinding(input);
      const allowed = checkSecretDestination(vault, SAT_SECRET, destination, input.clientSecret, 'SAT');
      if (!allowed.ok) return allowed;
      const privateKeyPem = input.privateKeyPem?.trim() || null;
      const satPublicKeyPem = input.satPublicKeyPem?.trim() || null;
      let facts = readJson(db, 'sat.production.keys', KeyFacts, {});
      if (privateKeyPem || satPublicKeyPem) {
        if (!validateKeys) return err(appError('settings_invalid', 'Kunci tidak bisa diperiksa.'));
        // The public key is checked against the private key we will sign with (pasted now, or stored).
        let storedPrivate: string | null = null;
        if (!privateKeyPem && satPublicKeyPem) {
          const r = await vault.reveal(SAT_PRIVATE_KEY, LOCAL_ONLY);
          storedPrivate = r.ok ? r.value : null;
        }
        const checked = validateKeys({ privateKeyPem: privateKeyPem ?? storedPrivate, satPublicKeyPem });
        if (!checked.ok) return checked;
        for (const [name, pem] of [
          [SAT_PRIVATE_KEY, privateKeyPem],
          [SAT_PUBLIC_KEY, satPublicKeyPem],
        ] as const) {
          if (!pem) continue;
          const stored = await vault.store(name, pem, LOCAL_ONLY);
          if (!stored.ok) return err(appError('vault_locked', 'Brankas kredensial terkunci; kunci tidak disimpan.', stored.reason));
        }
        facts = {
          ...facts,
          ...(privateKeyPem && checked.privateKey ? { privateKey: checked.privateKey } : {}),
          ...(satPublicKeyPem && checked.satPublicKey ? { satPublicKey: checked.satPublicKey } : {}),
        };
        writeSetting(db, 'sat.production.keys', JSON.stringify(facts), now());
      }
      if (input.clientSecret) {
        const stored = await vault.store(SAT_SECRET, input.clientSecret, destination);
        if (!stored.ok) return err(appError('vault_locked', 'Brankas kredensial terkunci; secret tidak disimpan.', stored.reason));
        writeSetting(db, 'sat.production.secretMask', maskSecret(input.clientSecret), now());
      }
      writeSetting(db, 'sat.production', JSON.stringify({ baseUrl: input.baseUrl, tokenUrl: input.tokenUrl, clientId: input.clientId, downlineId: input.downlineId ?? '' }), now());
      notify();
      return ok(service.view());
    },
    async saveProvider(input) {
      const p = registry.settingsOf(input.provider);
      if (!p || p.settings.form !== 'generic') return err(appError('settings_invalid', `Penyedia "${input.provider}" tidak punya formulir pengaturan ini.`));
      const saved = await saveProviderSettings(db, vault, now, p, input);
      if (!saved.ok) return saved;
      notify();
      return ok(service.view());
    },
    setRouting(routing) {
      writeSetting(db, 'routing', JSON.stringify(routing.fallback === routing.primary ? { ...routing, fallback: null } : routing), now());
      return service.view();
    },
    setLowBalanceThreshold(amount) {
      writeSetting(db, 'deposit.lowBalance', JSON.stringify(amount), now());
      return service.view();
    },
    setCallback(callback) {
      if (!callback.path.startsWith('/')) return err(appError('settings_invalid', 'Path callback harus diawali "/".'));
      writeSetting(db, 'sat.callback', JSON.stringify(callback), now());
      return ok(service.view());
    },
    printer: () => readJson(db, 'printer', PrinterSettings, DEFAULT_PRINTER),
    checkPrinter(p) {
      if (p.kind === 'network' && !/^[\w.-]{1,120}$/.test(p.host)) return appError('settings_invalid', 'Isi alamat printer jaringan (mis. 192.168.1.50).');
      if ((p.kind === 'device' || p.kind === 'serial') && p.path === '') {
        return appError('settings_invalid', p.kind === 'device' ? 'Isi alamat perangkat printer (mis. /dev/usb/lp0).' : 'Isi port serial/Bluetooth (mis. /dev/rfcomm0 atau COM3).');
      }
      return null;
    },
    savePrinter(p) {
      const problem = service.checkPrinter(p);
      if (problem) return err(problem);
      writeSetting(db, 'printer', JSON.stringify(p), now());
      return ok(service.view());
    },
    onProviderChange(listener) {
      listeners.push(listener);
    },
    async adoptUnboundSecrets() {
      const destinations: [string, string][] = [
        [VSI_SECRET, vsiBinding(service.vsiProduction())],
        [SAT_SECRET, satBinding(service.satProduction())],
        [SAT_PRIVATE_KEY, LOCAL_ONLY],
        [SAT_PUBLIC_KEY, LOCAL_ONLY],
        [MIDTRANS_SERVER_KEY, midtransBinding(payments.midtrans())],
        [WORLDLINE_SECRET, worldlineBinding(payments.worldline())],
        [CHAINSIDE_SECRET, chainsideBinding(payments.chainside())],
      ];
      for (const [name, destination] of destinations) await vault.adopt(name, destination);
    },
  };
  return service;
}
