// Midtrans' status codes (midtrans.md §6) → what the counter must do. Codes arrive by two channels
// (an HTTP status, or HTTP 200 with `status_code` in the body); both land here as one string.
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError } from '../contract';

export function midtransError(code: ErrorCode, message: string, detail: string, providerCode: string | null): ProviderError {
  return { code, message, detail, providerCode };
}

export const UNCERTAIN = 'Status pembayaran di Midtrans belum pasti. Loket sedang mengecek; jangan minta pelanggan membayar lagi.';

/** A refused charge: nothing was created, the customer can pay another way. */
export function chargeRefused(code: string, detail: string): ProviderError {
  switch (code) {
    case '401':
      return midtransError('provider_auth', 'Server key Midtrans ditolak. Periksa pengaturan pembayaran.', detail, code);
    case '402':
      return midtransError('provider_config', 'Metode pembayaran ini belum aktif di akun Midtrans.', detail, code);
    case '429':
      return midtransError('provider_unavailable', 'Midtrans sedang membatasi permintaan. Coba lagi sebentar lagi atau pakai cara bayar lain.', detail, code);
    default:
      return midtransError('provider_refused', `Midtrans menolak pembayaran ini (${code}). Pakai cara bayar lain.`, detail, code);
  }
}

/** A refused refund: the money stays with the outlet until a supervisor returns it another way. */
export function refundRefused(code: string, detail: string): ProviderError {
  switch (code) {
    case '412':
      return midtransError('provider_refused', 'Midtrans tidak bisa mengembalikan dana pembayaran ini. Kembalikan secara manual.', detail, code);
    case '414':
      return midtransError('provider_refused', 'Saldo merchant di Midtrans tidak cukup untuk refund. Kembalikan secara manual atau isi saldo.', detail, code);
    case '401':
      return midtransError('provider_auth', 'Server key Midtrans ditolak. Periksa pengaturan pembayaran.', detail, code);
    default:
      return midtransError('provider_refused', `Refund ditolak Midtrans (${code}).`, detail, code);
  }
}
