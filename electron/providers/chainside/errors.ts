// Chainside error codes (chainside.md §5.5) → what the counter does, mapped globally (as the PHP
// SDK does) because the per-action maps of the others miss codes the server sends.
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError } from '../contract';
import type { ErrorBody } from './schema';

export function chainsideError(code: ErrorCode, message: string, detail: string, providerCode: string | null): ProviderError {
  return { code, message, detail, providerCode };
}

export const UNCERTAIN = 'Status pesanan bitcoin di Chainside belum pasti. Loket sedang mengecek; jangan buat pesanan baru.';
export const CANNOT_REACH = 'Tidak bisa menghubungi Chainside. Periksa koneksi, lalu coba lagi atau pakai cara bayar lain.';

/** Codes after which a create certainly made no order (the rest of 4xxx/5xx may have made one). */
const DEFINITE_ON_CREATE = new Set(['0001', '1001', '1002', '1004', '1007', '1012', '1013', '2000', '3007', '3012', '3013', '4003', '4006']);

export function createIsDefinite(code: string): boolean {
  return DEFINITE_ON_CREATE.has(code);
}

export function fromErrorBody(status: number, body: ErrorBody): ProviderError {
  const detail = `Chainside ${body.error_code} (HTTP ${status}): ${body.message ?? ''}${body.request_id ? ` [request ${body.request_id}]` : ''}`;
  switch (body.error_code) {
    case '0001':
      return chainsideError('invalid_request', 'Chainside menolak data pesanan bitcoin ini.', detail, body.error_code);
    case '1001':
    case '1002':
    case '1004':
    case '1007':
    case '1013':
    case '1018':
    case '3007':
      return chainsideError('provider_auth', 'Client ID atau secret Chainside ditolak. Periksa Pengaturan → Pembayaran.', detail, body.error_code);
    case '1012':
      return chainsideError('provider_auth', 'Akun Chainside ini tidak boleh melakukan permintaan tersebut.', detail, body.error_code);
    case '2000':
      return chainsideError('provider_unavailable', 'Chainside sedang membatasi permintaan. Tunggu sebentar lalu coba lagi.', detail, body.error_code);
    case '3001':
      return chainsideError('provider_failed', 'Pesanan bitcoin tidak ditemukan di Chainside.', detail, body.error_code);
    case '4003':
      return chainsideError('provider_unavailable', 'Kurs bitcoin sedang tidak tersedia. Pakai cara bayar lain atau coba lagi nanti.', detail, body.error_code);
    case '4006':
      return chainsideError('provider_unavailable', 'Pembayaran bitcoin sedang tidak tersedia di Chainside. Pakai cara bayar lain.', detail, body.error_code);
    default:
      return chainsideError('provider_unavailable', `Chainside sedang bermasalah (${body.error_code}). Coba lagi sebentar lagi.`, detail, body.error_code);
  }
}
