// Digiflazz response codes → what the counter must do (digiflazz.md §4.3–§4.4). The rc decides,
// never the message; an rc not in the published table is "unknown", never "failed".
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError } from '../contract';

/** S success · P pending/unknown · FY failed, a transaction was made (nothing taken) · FN refused, none made · X conflict. */
export type RcClass = 'S' | 'P' | 'FY' | 'FN' | 'X';

const FY = new Set(['01', '02', '50', '51', '52', '53', '54', '55', '57', '58', '59', '60', '70', '71', '72', '73', '74', '84', '85', '86']);
const FN = new Set(['40', '41', '42', '43', '44', '45', '56', '61', '62', '63', '64', '65', '66', '67', '68', '69', '80', '81', '82', '83', '87', '88']);

export function rcClass(rc: string): RcClass {
  if (rc === '00') return 'S';
  if (rc === '47' || rc === '49') return 'X';
  if (FY.has(rc)) return 'FY';
  if (FN.has(rc)) return 'FN';
  return 'P';
}

export const UNCERTAIN = 'Status transaksi di Digiflazz belum pasti. Jangan ulangi pembelian; Loket sedang mengecek.';

export function digiflazzError(code: ErrorCode, message: string, detail: string, providerCode: string | null): ProviderError {
  return { code, message, detail, providerCode };
}

/** A definite failure or refusal, in the cashier's words. */
export function failureOf(rc: string, message: string): ProviderError {
  const detail = `Digiflazz rc ${rc}: ${message}`;
  const e = (code: ErrorCode, text: string): ProviderError => digiflazzError(code, text, detail, rc);
  switch (rc) {
    case '41':
    case '42':
      return e('provider_auth', 'Akses ke Digiflazz ditolak (username atau API key salah, atau key mode Development/Production tertukar). Periksa Pengaturan.');
    case '45':
      return e('provider_auth', 'IP outlet ini belum di-whitelist di Digiflazz. Tambahkan di panel Digiflazz.');
    case '44':
    case '61':
      return e('deposit_insufficient', 'Saldo deposit Digiflazz tidak cukup. Isi deposit dulu.');
    case '43':
    case '53':
    case '55':
    case '62':
    case '66':
    case '67':
    case '68':
    case '71':
      return e('product_unavailable', 'Produk sedang tidak tersedia di Digiflazz. Coba produk lain atau nanti.');
    case '58':
      return e('provider_cutoff', 'Produk sedang cut-off di Digiflazz. Coba lagi setelah jam cut-off.');
    case '51':
      return e('customer_blocked', 'Nomor tujuan diblokir.');
    case '52':
    case '54':
    case '57':
    case '59':
      return e('invalid_customer_number', 'Nomor tujuan salah atau tidak sesuai operator. Periksa nomornya.');
    case '60':
      return e('customer_not_found', 'Tagihan belum tersedia atau sudah dibayar.');
    case '73':
      return e('kwh_limit_exceeded', 'kWh pelanggan melebihi batas. Pembelian token ditolak PLN.');
    case '69':
      return e('price_changed', 'Harga di Digiflazz naik melebihi batas harga. Muat ulang katalog.');
    case '84':
    case '87':
      return e('amount_out_of_range', 'Nominal tidak valid untuk produk ini.');
    case '85':
    case '86':
      return e('provider_unavailable', 'Digiflazz membatasi permintaan. Coba lagi 1 menit lagi.');
    case '83':
      return e('provider_unavailable', 'Daftar harga Digiflazz hanya boleh diambil 5 menit sekali. Katalog yang tersimpan tetap dipakai.');
    case '40':
      return e('provider_refused', 'Permintaan ditolak Digiflazz (data tidak valid).');
    default:
      return e('provider_failed', `Transaksi gagal di Digiflazz (${rc}). Uang pelanggan dikembalikan.`);
  }
}
