// SAT answers → what the counter must do. SAT's full code table was never published (sat.md §5.2,
// §11); these are the codes seen in its SDKs, and the HTTP status decides the rest.
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError } from '../contract';
import type { ErrorBody } from './schema';

export function satError(code: ErrorCode, message: string, detail: string, providerCode: string | null): ProviderError {
  return { code, message, detail, providerCode };
}

export const UNCERTAIN = 'Status pesanan di SAT belum pasti. Jangan ulangi pembelian; Loket sedang mengecek.';

/** An `errors[]` body, first entry (Go reads only that one; we keep all of them in the detail). */
export function describeErrors(body: ErrorBody): { code: string | null; detail: string } {
  const first = body.errors[0]!;
  return {
    code: first.code ?? null,
    detail: body.errors.map((e) => `${e.status ?? '?'} - ${e.code ?? '?'} - ${e.detail ?? e.title ?? ''}`).join('; '),
  };
}

/** A Failed order's error_code: definite, with the money returned to the deposit. */
export function failedOrderError(code: string, detail: string): ProviderError {
  if (code === 'S02') return satError('product_unavailable', 'Produk sedang tidak tersedia di penyedia. Uang pelanggan dikembalikan.', `SAT ${code}: ${detail}`, code);
  if (code.startsWith('P')) return satError('provider_refused', `Pesanan ditolak penyedia (${code}). Uang pelanggan dikembalikan.`, `SAT ${code}: ${detail}`, code);
  return satError('provider_failed', `Pesanan gagal di penyedia (${code || 'tanpa kode'}). Uang pelanggan dikembalikan.`, `SAT ${code}: ${detail}`, code || null);
}

/** A 400 to a request that places nothing (inquiry, product list). */
export function requestRejected(code: string | null, detail: string): ProviderError {
  if (code === 'P04') return satError('product_unavailable', 'Produk tidak ditemukan di penyedia.', `SAT P04: ${detail}`, code);
  if (code === 'P00') return satError('customer_not_found', 'Tagihan tidak ditemukan atau sudah dibayar.', `SAT P00: ${detail}`, code);
  return satError('provider_refused', `Permintaan ditolak penyedia (${code ?? '400'}).`, `SAT ${code ?? '?'}: ${detail}`, code);
}
