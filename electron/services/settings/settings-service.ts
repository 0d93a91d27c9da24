// Outlet profile, mode (training/production), UI language and the VSI production endpoint.
// Plain settings live in the ledger's settings table; the VSI secret goes to the vault and only
// its mask ever leaves this module.
import { z } from 'zod';
import { Locale, Mode, Outlet, DtFormat, type SettingsView } from '../../../shared/contract';
import { appError, type AppError, type Result } from '../../../shared/domain/errors';
import type { Ledger } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/queries/settings';
import type { Vault } from '../../secrets/vault';
import { maskSecret } from '../../log/mask';

const VsiProduction = z.object({ baseUrl: z.string(), clientId: z.string(), dtFormat: DtFormat });
export type VsiProduction = z.infer<typeof VsiProduction>;

export const VSI_SECRET = 'vsi.production.secret';

export const DEFAULT_OUTLET: Outlet = {
  name: 'Loket PPOB',
  address: '',
  cashierName: 'Kasir',
  counterFee: 0,
  timeZone: 'Asia/Jakarta',
};

const DEFAULT_VSI: VsiProduction = { baseUrl: '', clientId: '', dtFormat: 'YYYYMMDD' };

function readJson<T>(db: Ledger, key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = readSetting(db, key);
  if (raw === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** VSI's hash binds neither amount nor customer: production traffic must be HTTPS (loopback excepted, for testing against `npm run sim`). */
export function checkVsiBaseUrl(value: string): AppError | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return appError('settings_invalid', 'Alamat endpoint VSI tidak valid (contoh: https://h2h.vendor.co.id/api).');
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return appError('settings_invalid', 'Endpoint VSI harus memakai https:// (kunci akses tidak melindungi nominal dan nomor pelanggan).');
}

export type SettingsService = {
  mode(): z.infer<typeof Mode>;
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
};

export function createSettingsService(db: Ledger, vault: Vault, now: () => number): SettingsService {
  const listeners: Array<() => void> = [];
  const notify = (): void => {
    for (const l of listeners) l();
  };

  const service: SettingsService = {
    mode: () => readJson(db, 'mode', Mode, 'training'),
    locale: () => readJson(db, 'locale', Locale, 'id'),
    outlet: () => readJson(db, 'outlet', Outlet, DEFAULT_OUTLET),
    vsiProduction: () => readJson(db, 'vsi.production', VsiProduction, DEFAULT_VSI),
    view() {
      const vsi = service.vsiProduction();
      const secretSet = vault.has(VSI_SECRET);
      return {
        mode: service.mode(),
        locale: service.locale(),
        outlet: service.outlet(),
        vsi: { ...vsi, secretSet, secretMasked: secretSet ? (readSetting(db, 'vsi.production.secretMask') ?? '••••••••') : '' },
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
        if (!vsi.baseUrl || !vsi.clientId || !vault.has(VSI_SECRET)) {
          return {
            ok: false,
            error: appError('settings_invalid', 'Isi dulu endpoint, Client ID dan secret VSI sebelum beralih ke mode produksi.'),
          };
        }
      }
      writeSetting(db, 'mode', JSON.stringify(mode), now());
      notify();
      return { ok: true, value: service.view() };
    },
    async saveVsi(input) {
      if (input.baseUrl !== '') {
        const bad = checkVsiBaseUrl(input.baseUrl);
        if (bad) return { ok: false, error: bad };
      }
      if (input.clientId !== '' && !/^[\w.-]{1,64}$/.test(input.clientId)) {
        return { ok: false, error: appError('settings_invalid', 'Client ID hanya boleh huruf, angka, titik, garis bawah dan tanda minus.') };
      }
      if (input.secret !== undefined && input.secret !== '') {
        const stored = await vault.store(VSI_SECRET, input.secret);
        if (!stored.ok) {
          return { ok: false, error: appError('vault_locked', 'Brankas kredensial terkunci; secret tidak disimpan.', stored.reason) };
        }
        // The mask (at most the last 4 characters) is what settings may show; the secret stays sealed.
        writeSetting(db, 'vsi.production.secretMask', maskSecret(input.secret), now());
      }
      writeSetting(db, 'vsi.production', JSON.stringify({ baseUrl: input.baseUrl, clientId: input.clientId, dtFormat: input.dtFormat }), now());
      if (service.mode() === 'production' && (!input.baseUrl || !input.clientId)) {
        writeSetting(db, 'mode', JSON.stringify('training'), now());
      }
      notify();
      return { ok: true, value: service.view() };
    },
    onProviderChange(listener) {
      listeners.push(listener);
    },
  };
  return service;
}
