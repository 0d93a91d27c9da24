import type { AppInfo, Locale } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { type Translate } from '../i18n';
export type Screen = 'token' | 'transactions' | 'settings';
type AppState = {
    info: AppInfo | null;
    locale: Locale;
    t: Translate;
    screen: Screen;
    error: AppError | null;
    loadInfo(): Promise<void>;
    setScreen(screen: Screen): void;
    setLocale(locale: Locale): Promise<void>;
};
export declare const useApp: import("zustand").UseBoundStore<import("zustand").StoreApi<AppState>>;
export {};
