// A rupiah amount typed at the counter, shown as it is read ("500.000", not "500000") while it is
// typed; the parent keeps the text and parses it with parseRupiahInput.
import type { InputHTMLAttributes } from 'react';
import { formatAmount } from '../../shared/domain/money';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & { value: string; onChange(text: string): void; ref?: React.Ref<HTMLInputElement> };

/** Digits only, grouped in thousands with dots; '' when nothing is typed. */
export function groupDigits(text: string): string {
  const digits = text.replace(/\D/g, '').replace(/^0+(?=\d)/, '').slice(0, 15);
  return digits === '' ? '' : formatAmount(Number(digits));
}

export function MoneyInput({ value, onChange, ...rest }: Props) {
  return <input inputMode="numeric" placeholder="Rp" {...rest} value={value} onChange={(e) => onChange(groupDigits(e.target.value))} />;
}
