// A card as the cashier keyed or swiped it, checked before anything is recorded: a typo gets a
// clear message here rather than a decline from the bank. Only the last four digits and the
// brand leave this function; the number itself goes to the provider in memory and nowhere else.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { CardInput } from '../../../shared/payment';
import { passesLuhn } from '../../../shared/domain/luhn';

export type CardFacts = { last4: string; brand: string };

export function cardBrand(pan: string): string {
  if (/^4/.test(pan)) return 'VISA';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(pan)) return 'MASTERCARD';
  if (/^3[47]/.test(pan)) return 'AMEX';
  if (/^35(2[89]|[3-8])/.test(pan)) return 'JCB';
  if (/^9360/.test(pan)) return 'GPN';
  return 'CARD';
}

/** `;4176669999000104=31121011234567890?` → the PAN and YYMM expiry (ISO 7813 track 2). */
export function parseTrack2(track2: string): { pan: string; yymm: string } | null {
  const m = /^;?(\d{12,19})[=D](\d{4})\d*\??$/.exec(track2.trim());
  return m ? { pan: m[1]!, yymm: m[2]! } : null;
}

const bad = (message: string): Result<never> => (err(appError('invalid_card', message)));

export function checkCard(card: CardInput, now: number): Result<CardFacts> {
  let pan: string;
  let mm: number;
  let yy: number;
  if (card.entry === 'swiped') {
    const t = parseTrack2(card.track2);
    if (!t) return bad('Gesekan kartu tidak terbaca. Gesek sekali lagi, atau ketik nomornya.');
    pan = t.pan;
    yy = Number(t.yymm.slice(0, 2));
    mm = Number(t.yymm.slice(2));
  } else {
    pan = card.number;
    mm = Number(card.expiry.slice(0, 2));
    yy = Number(card.expiry.slice(2));
  }
  if (!passesLuhn(pan)) return bad('Nomor kartu salah ketik (angka kontrol tidak cocok). Periksa lagi.');
  if (mm < 1 || mm > 12) return bad('Bulan masa berlaku kartu tidak valid.');
  const d = new Date(now);
  const current = (d.getUTCFullYear() % 100) * 12 + d.getUTCMonth();
  if (yy * 12 + (mm - 1) < current) return bad('Kartu sudah kedaluwarsa.');
  return ok({ last4: pan.slice(-4), brand: cardBrand(pan) });
}
