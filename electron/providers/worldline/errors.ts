// Worldline answers → what the counter must do. Declines carry the issuer's reason; HTTP errors
// follow the SDKs' mapping (worldline.md §4.2) but with one question first: can the card have
// been charged? If it can, the answer is "unknown" and the authorization is reversed.
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError } from '../contract';

export function worldlineError(code: ErrorCode, message: string, detail: string, providerCode: string | null): ProviderError {
  return { code, message, detail, providerCode };
}

export const UNCERTAIN = 'Jawaban bank untuk kartu ini belum pasti. Loket membatalkan otorisasinya; jangan gesek ulang sebelum ada kepastian.';

const DECLINE_MESSAGES: Record<string, string> = {
  '5': 'Kartu ditolak bank penerbit (do not honour). Minta cara bayar lain.',
  '14': 'Nomor kartu tidak valid menurut bank.',
  '51': 'Saldo atau limit kartu tidak cukup.',
  '54': 'Kartu sudah kedaluwarsa.',
  '55': 'PIN salah.',
  '61': 'Melebihi batas transaksi kartu.',
};

export function declined(responseCode: string, description: string | undefined): ProviderError {
  return worldlineError('provider_refused', DECLINE_MESSAGES[responseCode] ?? `Kartu ditolak (${responseCode}). Minta cara bayar lain.`, `Worldline ${responseCode}: ${description ?? ''}`, responseCode);
}
