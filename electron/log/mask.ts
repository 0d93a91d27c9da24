// What must never reach a log line or the renderer in clear: secrets we know by value, PLN
// tokens (20 digits), card numbers (14–19 digits passing Luhn) and VSI's hc hash.
import { passesLuhn } from '../../shared/domain/luhn';

const TOKEN = /\b(\d{4})[ -]?(\d{4})[ -]?(\d{4})[ -]?(\d{4})[ -]?(\d{4})\b/g;
// 14+ digits: 13-digit epoch-millisecond timestamps are common in our logs; 13-digit PANs are obsolete.
const LONG_DIGITS = /\b\d{14,19}\b/g;
const HC_PARAM = /([?&]hc=)[0-9a-fA-F]+/g;

export function maskToken(token: string): string {
  const digits = token.replace(/\D/g, '');
  return digits.length >= 4 ? `**** **** **** **** ${digits.slice(-4)}` : '****';
}

/** Keeps the last `visible` characters of a credential, never more than a quarter of it. */
export function maskSecret(value: string, visible = 4): string {
  if (value === '') return '';
  const keep = Math.min(visible, Math.floor(value.length / 4));
  return '•'.repeat(8) + (keep > 0 ? value.slice(-keep) : '');
}

export function maskText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  out = out.replace(HC_PARAM, '$1***');
  out = out.replace(TOKEN, (_m, _a, _b, _c, _d, last: string) => `****-****-****-****-${last}`);
  out = out.replace(LONG_DIGITS, (m) => (passesLuhn(m) ? `${m.slice(0, 6)}${'*'.repeat(m.length - 10)}${m.slice(-4)}` : m));
  return out;
}
