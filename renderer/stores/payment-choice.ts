// The payment step's choice, shared by every sale flow: which method the cashier picked, which bank
// for a transfer, and the PaymentChoice the core receives. Card details never enter a store: the
// card form hands them to pay() once.
import type { CardInput, PaymentChoice } from '../../shared/payment';
import { parseRupiahInput } from '../../shared/domain/money';

export type PayTab = 'cash' | 'qris' | 'gopay' | 'shopeepay' | 'va' | 'card' | 'bitcoin';
export type VaBank = 'va_bca' | 'va_bni' | 'va_bri' | 'va_permata' | 'mandiri_bill';

export const PAY_TABS: ReadonlyArray<{ tab: PayTab; key: string }> = [
  { tab: 'cash', key: 't' },
  { tab: 'qris', key: 'q' },
  { tab: 'gopay', key: 'g' },
  { tab: 'shopeepay', key: 's' },
  { tab: 'va', key: 'v' },
  { tab: 'card', key: 'k' },
  { tab: 'bitcoin', key: 'b' },
];

export const VA_BANKS: readonly VaBank[] = ['va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill'];

export type PaymentChoiceState = { payMethod: PayTab; vaBank: VaBank; tenderedText: string };

export const INITIAL_CHOICE: PaymentChoiceState = { payMethod: 'cash', vaBank: 'va_bca', tenderedText: '' };

/** What the core is asked for, or null while the choice is incomplete (cash short of the total, no card). */
export function paymentChoice(s: PaymentChoiceState, total: number, card: CardInput | null): PaymentChoice | null {
  switch (s.payMethod) {
    case 'cash': {
      const tendered = parseRupiahInput(s.tenderedText);
      return tendered !== null && tendered >= total ? { method: 'cash', tendered } : null;
    }
    case 'va':
      return { method: s.vaBank };
    case 'card':
      return card ? { method: 'card', card } : null;
    default:
      return { method: s.payMethod };
  }
}
