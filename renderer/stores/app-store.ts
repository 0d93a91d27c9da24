import { create } from 'zustand';
import type { AppInfo, Locale } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { call, onSessionLost } from '../api/client';
import { translator, type Translate } from '../i18n';

export type Screen = 'token' | 'bills' | 'digital' | 'transactions' | 'crypto' | 'books' | 'shift' | 'settings';

type AppState = {
  info: AppInfo | null;
  locale: Locale;
  t: Translate;
  screen: Screen;
  error: AppError | null;
  /** Web mode without a session: only the way in is shown. */
  sessionLost: boolean;
  loadInfo(): Promise<void>;
  setScreen(screen: Screen): void;
  setLocale(locale: Locale): Promise<void>;
};

/** A provider as people read it ("Digiflazz"), from the core's registry; its code in capitals until the info has loaded. */
export function providerLabel(info: AppInfo | null, name: string): string {
  return info?.providerNames[name] ?? name.toUpperCase();
}

export const useApp = create<AppState>((set, get) => ({
  info: null,
  locale: 'id',
  t: translator('id'),
  screen: 'token',
  error: null,
  sessionLost: false,
  async loadInfo() {
    const r = await call('app.info', {});
    if (!r.ok) {
      set({ error: r.error });
      return;
    }
    const locale = r.value.locale;
    set({ info: r.value, error: null, ...(locale !== get().locale ? { locale, t: translator(locale) } : {}) });
    document.documentElement.lang = locale;
  },
  setScreen(screen) {
    set({ screen });
  },
  async setLocale(locale) {
    set({ locale, t: translator(locale) });
    document.documentElement.lang = locale;
    await call('settings.setLocale', { locale });
  },
}));

onSessionLost(() => useApp.setState({ sessionLost: true }));
