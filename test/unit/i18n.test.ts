import { describe, expect, it } from 'vitest';
import { id } from '../../renderer/i18n/id';
import { en } from '../../renderer/i18n/en';
import { errorText, hasKey, translator } from '../../renderer/i18n';
import { ERROR_CODES } from '../../shared/domain/errors';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('i18n', () => {
  it('Indonesian and English have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });
  it('every error code has a message in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(hasKey('id', `error.${code}`), code).toBe(true);
      expect(hasKey('en', `error.${code}`), code).toBe(true);
    }
  });
  it('fills parameters and shows errors in the cashier’s language', () => {
    expect(translator('id')('sale.refundDue', { amount: 'Rp 1' })).toBe('Kembalikan uang Rp 1 ke pelanggan');
    const e = { code: 'customer_not_found' as const, message: 'Nomor meter/ID pelanggan tidak terdaftar.' };
    expect(errorText(translator('id'), 'id', e)).toBe(e.message);
    expect(errorText(translator('en'), 'en', e)).toMatch(/not registered/);
  });
});
