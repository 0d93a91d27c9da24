// The one table of screens (issue 14): each screen's F-key, its label, whether it sells (and so
// needs an open shift), the sale flow a key press starts afresh, and what it renders. Navigation,
// keys, the shift guard and routing all read it.
import type { ComponentType } from 'react';
import type { Screen } from './stores/app-store';
import { TokenSaleScreen } from './screens/TokenSale/TokenSaleScreen';
import { BillsScreen } from './screens/Bills/BillsScreen';
import { DigitalScreen } from './screens/Digital/DigitalScreen';
import { TransactionsScreen } from './screens/Transactions/TransactionsScreen';
import { SettingsScreen } from './screens/Settings/SettingsScreen';
import { CryptoScreen } from './screens/Crypto/CryptoScreen';
import { BooksScreen } from './screens/Books/BooksScreen';
import { ShiftScreen } from './screens/Counter/ShiftScreen';
import { useSale } from './stores/sale-store';
import { useBill } from './stores/bill-store';
import { useDigital } from './stores/digital-store';

type FlowStore = { getState(): { step: string; sale: { state: string; payment: { state: string; refundBy: string | null } } | null; reset(): void } };

export type ScreenEntry = {
  screen: Screen;
  key: 'F2' | 'F3' | 'F4' | 'F6' | 'F7' | 'F8' | 'F9' | 'F10';
  label: string;
  /** Sells at the counter: only in an open shift. */
  needsShift: boolean;
  /** The sale flow an F-key press may start afresh (when its sale is finished). */
  flow: FlowStore | null;
  /** The kind of product it sells: its rail's health shows above it. */
  kind: 'pln_prepaid' | 'bill' | 'digital' | null;
  Component: ComponentType;
};

export const SCREENS: readonly ScreenEntry[] = [
  { screen: 'token', key: 'F2', label: 'nav.token', needsShift: true, flow: useSale, kind: 'pln_prepaid', Component: TokenSaleScreen },
  { screen: 'bills', key: 'F4', label: 'nav.bills', needsShift: true, flow: useBill, kind: 'bill', Component: BillsScreen },
  { screen: 'digital', key: 'F7', label: 'nav.digital', needsShift: true, flow: useDigital, kind: 'digital', Component: DigitalScreen },
  { screen: 'transactions', key: 'F3', label: 'nav.transactions', needsShift: false, flow: null, kind: null, Component: TransactionsScreen },
  { screen: 'shift', key: 'F6', label: 'nav.shift', needsShift: false, flow: null, kind: null, Component: ShiftScreen },
  { screen: 'crypto', key: 'F8', label: 'nav.crypto', needsShift: true, flow: null, kind: null, Component: CryptoScreen },
  { screen: 'books', key: 'F10', label: 'nav.books', needsShift: false, flow: null, kind: null, Component: BooksScreen },
  { screen: 'settings', key: 'F9', label: 'nav.settings', needsShift: false, flow: null, kind: null, Component: SettingsScreen },
];

export function screenEntry(screen: Screen): ScreenEntry {
  return SCREENS.find((s) => s.screen === screen) ?? SCREENS[0]!;
}

/** F-key on a sale screen: a finished sale (no cash owed back) makes way for the next one. */
export function freshStart(store: FlowStore): void {
  const s = store.getState();
  const p = s.sale?.payment;
  if (s.step === 'result' && s.sale?.state !== 'awaiting_payment' && !(p?.state === 'refund_due' && p.refundBy === 'cash')) s.reset();
}
