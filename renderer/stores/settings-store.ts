import { create } from 'zustand';
import type { CallbackSettings, Outlet, Routing, SettingsView, Mode, Req } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { call } from '../api/client';

export type SettingsSection = 'outlet' | 'vsi' | 'mode' | 'sat' | 'routing' | 'deposit' | 'callback' | 'midtrans' | 'worldline' | 'chainside' | 'printer' | `provider:${string}`;

type SettingsState = {
  view: SettingsView | null;
  error: AppError | null;
  /** The section whose save failed with `error`; null when loading failed. */
  failed: SettingsSection | null;
  saved: SettingsSection | null;
  load(): Promise<void>;
  saveOutlet(outlet: Outlet): Promise<boolean>;
  saveVsi(input: Req<'settings.saveVsi'>): Promise<boolean>;
  setMode(mode: Mode): Promise<boolean>;
  saveSat(input: Req<'settings.saveSat'>): Promise<boolean>;
  setRouting(routing: Routing): Promise<boolean>;
  setLowBalance(amount: number): Promise<boolean>;
  setCallback(callback: CallbackSettings): Promise<boolean>;
  saveMidtrans(input: Req<'settings.saveMidtrans'>): Promise<boolean>;
  saveWorldline(input: Req<'settings.saveWorldline'>): Promise<boolean>;
  saveChainside(input: Req<'settings.saveChainside'>): Promise<boolean>;
  savePrinter(input: Req<'settings.savePrinter'>): Promise<boolean>;
  /** A provider's settings through the form its descriptor describes. */
  saveProvider(input: Req<'settings.saveProvider'>): Promise<boolean>;
};

export const useSettings = create<SettingsState>((set) => {
  function apply(section: SettingsSection, r: { ok: true; value: SettingsView } | { ok: false; error: AppError }): boolean {
    if (r.ok) set({ view: r.value, error: null, failed: null, saved: section });
    else set({ error: r.error, failed: section, saved: null });
    return r.ok;
  }
  return {
    view: null,
    error: null,
    failed: null,
    saved: null,
    async load() {
      const r = await call('settings.get', {});
      if (r.ok) set({ view: r.value, error: null, failed: null });
      else set({ error: r.error, failed: null });
    },
    saveOutlet: async (outlet) => apply('outlet', await call('settings.saveOutlet', outlet)),
    saveVsi: async (input) => apply('vsi', await call('settings.saveVsi', input)),
    setMode: async (mode) => apply('mode', await call('settings.setMode', { mode })),
    saveSat: async (input) => apply('sat', await call('settings.saveSat', input)),
    setRouting: async (routing) => apply('routing', await call('settings.setRouting', routing)),
    setLowBalance: async (amount) => apply('deposit', await call('settings.setLowBalance', { amount })),
    setCallback: async (callback) => apply('callback', await call('settings.setCallback', callback)),
    saveMidtrans: async (input) => apply('midtrans', await call('settings.saveMidtrans', input)),
    saveWorldline: async (input) => apply('worldline', await call('settings.saveWorldline', input)),
    saveChainside: async (input) => apply('chainside', await call('settings.saveChainside', input)),
    savePrinter: async (input) => apply('printer', await call('settings.savePrinter', input)),
    saveProvider: async (input) => apply(`provider:${input.provider}`, await call('settings.saveProvider', input)),
  };
});
