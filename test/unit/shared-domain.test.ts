import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAmount, formatRupiah, parseRupiahInput, sumRupiah } from '../../shared/domain/money';
import { formatToken, parseCustomerNumber, passesLuhn } from '../../shared/domain/pln';
import { businessDate, formatLocalDateTime } from '../../shared/domain/time';
import { ulid, ULID_PATTERN } from '../../shared/domain/ids';
import { customerFacingLines } from '../../shared/domain/provider-lines';

describe('money: integer rupiah, id-ID formatting', () => {
  it('formats with dots for thousands and no decimals', () => {
    expect(formatRupiah(201_600)).toBe('Rp 201.600');
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatAmount(50_000_000)).toBe('50.000.000');
  });
  it('parses what a cashier types', () => {
    expect(parseRupiahInput('205.000')).toBe(205_000);
    expect(parseRupiahInput('Rp 50.000')).toBe(50_000);
    expect(parseRupiahInput('12,5')).toBeNull();
    expect(parseRupiahInput('')).toBeNull();
  });
  it('refuses non-integer amounts', () => {
    expect(() => sumRupiah(1, 0.5)).toThrow();
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1e9 })), (xs) => sumRupiah(...xs) === xs.reduce((a, b) => a + b, 0)));
  });
  it('round-trips every amount through format and parse', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => parseRupiahInput(formatAmount(n)) === n));
  });
});

describe('PLN identifiers', () => {
  it('11 digits is a meter, 12 an IDPEL; spaces and dashes ignored', () => {
    expect(parseCustomerNumber('142 3378 4991')).toEqual({ kind: 'meter', value: '14233784991' });
    expect(parseCustomerNumber('5321-1000-0060')).toEqual({ kind: 'idpel', value: '532110000060' });
    expect(parseCustomerNumber('1234567890')).toBeNull();
    expect(parseCustomerNumber('1234567890123')).toBeNull();
    expect(parseCustomerNumber('1234567890a')).toBeNull();
  });
  it('Luhn matches the real meter numbers checked in domain.md', () => {
    expect(passesLuhn('14233784991')).toBe(true);
    expect(passesLuhn('56603035868')).toBe(true);
    expect(passesLuhn('56301991814')).toBe(false);
  });
  it('shows the token in five groups of four', () => {
    expect(formatToken('25930960810610721376')).toBe('2593 0960 8106 1072 1376');
  });
});

describe('outlet time', () => {
  const t = Date.parse('2026-11-22T17:30:00Z');
  it('the business day follows the outlet zone, not the machine', () => {
    expect(businessDate(t, 'Asia/Jakarta')).toBe('2026-11-23');
    expect(businessDate(Date.parse('2026-11-22T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-11-22');
    expect(businessDate(Date.parse('2026-11-22T15:59:59Z'), 'Asia/Makassar')).toBe('2026-11-22');
    expect(formatLocalDateTime(t, 'Asia/Jayapura')).toBe('23/11/2026 02:30:00');
  });
});

describe('ids', () => {
  it('ULIDs fit every provider id field and sort by time', () => {
    const a = ulid(1_000);
    const b = ulid(2_000);
    expect(a).toMatch(ULID_PATTERN);
    expect(a < b).toBe(true);
    expect(`LKT-${a}`.length).toBeLessThanOrEqual(50);
  });
});

describe('provider display lines shown to the customer', () => {
  it('drop SAT’s own price and total, keep the bill facts in order', () => {
    const lines = [
      { name: 'IDPEL', value: '2121212' },
      { name: 'RP TAG PLN', value: 'Rp 25.000' },
      { name: 'Total Bayar', value: 'Rp 27.500' },
      { name: 'TOTAL TAGIHAN', value: '1 BULAN' },
      { name: 'Harga', value: 'Rp 49.500' },
      { name: ' TOTAL BAYAR ', value: 'Rp 27.500' },
      { name: 'Total Tagihan', value: 'Rp 412.100' },
      { name: 'Harga Jual', value: '27500' },
    ];
    expect(customerFacingLines(lines).map((l) => l.name)).toEqual(['IDPEL', 'RP TAG PLN', 'TOTAL TAGIHAN']);
  });
});

describe('product names read the Indonesian way', () => {
  it('writes thousands in a name with dots, leaving other numbers alone', async () => {
    const { localizeAmountsInName } = await import('../../shared/domain/money');
    expect(localizeAmountsInName('GoPay 50,000')).toBe('GoPay 50.000');
    expect(localizeAmountsInName('Google Play 1,000,000')).toBe('Google Play 1.000.000');
    expect(localizeAmountsInName('Telkomsel Data 8GB 30 Hari')).toBe('Telkomsel Data 8GB 30 Hari');
    expect(localizeAmountsInName('Paket 2,5GB')).toBe('Paket 2,5GB');
  });
});
