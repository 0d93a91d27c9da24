// VSI rc codes → what the counter must do (vsi.md §1.5). Codes are compared as integers
// ("0014" and "[14]" are the same code); anything not listed is uncertain on PAY/ADV.
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError } from '../contract';

type FinalRule = { code: ErrorCode; message: string };

const config = (what: string): FinalRule => ({
  code: 'provider_config',
  message: `Akun loket di penyedia bermasalah (${what}). Hubungi pemilik/penyedia.`,
});

/** Definite failures on PAY: checks that run before anything is forwarded to the biller. */
const FINAL_ON_PAY: ReadonlyMap<number, FinalRule> = new Map<number, FinalRule>([
  [4, config('biller tidak terdaftar')],
  [6, config('sentral diblok')],
  [7, config('PPID diblok')],
  [8, { code: 'provider_clock', message: 'Waktu akses ditolak penyedia. Periksa jam komputer.' }],
  [9, config('akun tidak aktif')],
  [11, config('perlu sign on')],
  [13, { code: 'amount_out_of_range', message: 'Nominal tidak dilayani untuk pelanggan ini.' }],
  [14, { code: 'customer_not_found', message: 'Nomor meter/ID pelanggan tidak terdaftar.' }],
  [15, { code: 'customer_not_found', message: 'Nomor meter tidak terdaftar.' }],
  [16, { code: 'customer_blocked', message: 'Pelanggan PRR: tidak bisa membeli token di loket.' }],
  [17, { code: 'customer_blocked', message: 'Pelanggan punya tunggakan: arahkan ke kantor PLN.' }],
  [26, { code: 'deposit_insufficient', message: 'Kuota transaksi agen tidak cukup.' }],
  [29, { code: 'provider_auth', message: 'Kunci akses penyedia ditolak. Periksa Client ID dan secret.' }],
  [30, { code: 'provider_refused', message: 'Permintaan ditolak penyedia (pesan tidak valid).' }],
  [31, config('kode bank tidak terdaftar')],
  [32, config('sentral tidak terdaftar')],
  [33, config('produk tidak terdaftar')],
  [34, config('PPID tidak terdaftar')],
  [35, config('akun tidak terdaftar')],
  [41, { code: 'amount_out_of_range', message: 'Nominal di bawah batas minimum.' }],
  [42, { code: 'amount_out_of_range', message: 'Nominal di atas batas maksimum.' }],
  [43, { code: 'provider_refused', message: 'Daya baru lebih kecil dari daya sekarang.' }],
  [44, { code: 'provider_refused', message: 'Nilai daya tidak valid.' }],
  [45, { code: 'provider_refused', message: 'Biaya administrasi tidak valid.' }],
  [46, { code: 'deposit_insufficient', message: 'Saldo deposit loket di penyedia tidak cukup.' }],
  [47, { code: 'kwh_limit_exceeded', message: 'Melebihi batas kWh meter. Tawarkan nominal lebih kecil.' }],
  [48, { code: 'request_expired', message: 'Data cek pelanggan sudah kedaluwarsa. Ulangi cek.' }],
  [53, config('produk tidak ditemukan')],
  [56, config('nomor telepon tidak diketahui')],
  [60, config('akun sudah didaftarkan')],
  [66, config('akun sudah didaftarkan')],
  [69, config('sertifikat tidak dikenal')],
  [72, { code: 'provider_refused', message: 'Permintaan tidak dapat dilayani penyedia.' }],
  [77, config('ID disuspend')],
  [88, { code: 'provider_refused', message: 'Penyedia menyatakan transaksi sudah dibayar.' }],
  [89, { code: 'provider_refused', message: 'Tagihan/produk tidak tersedia.' }],
  [90, { code: 'provider_cutoff', message: 'Penyedia sedang proses cut off. Coba lagi nanti.' }],
  [92, { code: 'request_expired', message: 'Referensi cek pelanggan tidak dikenal. Ulangi cek.' }],
  [93, { code: 'request_expired', message: 'Referensi cek pelanggan tidak valid. Ulangi cek.' }],
  [94, { code: 'provider_failed', message: 'Transaksi dibatalkan oleh penyedia.' }],
  [95, config('kode merchant tidak terdaftar')],
  [96, { code: 'provider_failed', message: 'Transaksi tidak ditemukan di penyedia.' }],
  [98, { code: 'request_expired', message: 'Referensi cek pelanggan tidak valid. Ulangi cek.' }],
]);

/** Advice answers meaning "no such transaction (yet)": final only after the NOT-FOUND rule. */
const NOT_FOUND_ON_ADVICE: ReadonlySet<number> = new Set([63, 92, 93, 96, 98]);

/** Failed downstream after forwarding: final only after one confirming advice. */
const CONFIRM_BY_ADVICE = 51;

/** Cancellation already done: the money went back, final on PAY and ADV alike. */
const REVERSED = 94;

export function rcNumber(rc: string | undefined, rcm: string | undefined): number | null {
  if (rc !== undefined && /^\s*\d{1,4}\s*$/.test(rc)) return Number(rc);
  const m = rcm === undefined ? null : /^\s*\[(\d+)\]/.exec(rcm);
  return m ? Number(m[1]) : null;
}

export function rcString(n: number): string {
  return String(n).padStart(4, '0');
}

function providerError(code: ErrorCode, message: string, rc: number | null, rcm: string): ProviderError {
  const providerCode = rc === null ? null : rcString(rc);
  return { code, message, detail: `VSI rc ${providerCode ?? '?'}: ${rcm}`, providerCode };
}

const UNCERTAIN_MESSAGE =
  'Status transaksi belum pasti. Jangan ulangi pembelian; Loket sedang mengecek ke penyedia.';

export type PayClass =
  | { kind: 'failed'; error: ProviderError; confirm: boolean }
  | { kind: 'uncertain'; error: ProviderError; notFound: boolean; acknowledged: boolean };

/** "In process" / "pending at the vending machine / biller": VSI says it holds the transaction. */
const IN_PROCESS: ReadonlySet<number> = new Set([18, 52, 73]);

/** A non-success rc on PAY. */
export function classifyPayError(rc: number | null, rcm: string): PayClass {
  if (rc === CONFIRM_BY_ADVICE) {
    return {
      kind: 'failed',
      confirm: true,
      error: providerError('provider_failed', 'Gagal di mesin vending; dipastikan dulu ke penyedia.', rc, rcm),
    };
  }
  const rule = rc === null ? undefined : FINAL_ON_PAY.get(rc);
  if (rule) return { kind: 'failed', confirm: false, error: providerError(rule.code, rule.message, rc, rcm) };
  const acknowledged = rc !== null && IN_PROCESS.has(rc);
  return { kind: 'uncertain', notFound: false, acknowledged, error: providerError('provider_timeout', UNCERTAIN_MESSAGE, rc, rcm) };
}

/**
 * A non-success rc on ADV. Only a reversal is final here: any other error concerns the advice
 * request itself (a bad hash, a clock problem) and says nothing about the purchase.
 */
export function classifyAdviceError(rc: number | null, rcm: string, confirming: boolean): PayClass {
  if (rc === REVERSED) {
    return { kind: 'failed', confirm: false, error: providerError('provider_failed', 'Transaksi dibatalkan oleh penyedia.', rc, rcm) };
  }
  if (confirming && rc === CONFIRM_BY_ADVICE) {
    return { kind: 'failed', confirm: false, error: providerError('provider_failed', 'Gagal di mesin vending (sudah dipastikan).', rc, rcm) };
  }
  const notFound = rc !== null && NOT_FOUND_ON_ADVICE.has(rc);
  const message = notFound ? 'Penyedia belum menemukan transaksi ini.' : UNCERTAIN_MESSAGE;
  const acknowledged = rc !== null && IN_PROCESS.has(rc);
  return { kind: 'uncertain', notFound, acknowledged, error: providerError('provider_timeout', message, rc, rcm) };
}

/** A non-success rc on INQ: no money at stake, so every code is "inquiry failed, can retry". */
export function classifyInquiryError(rc: number | null, rcm: string): ProviderError {
  const rule = rc === null ? undefined : FINAL_ON_PAY.get(rc);
  if (rule) return providerError(rule.code, rule.message, rc, rcm);
  return providerError('provider_unavailable', 'Penyedia belum bisa melayani cek pelanggan. Coba lagi.', rc, rcm);
}

export function transportError(uncertain: boolean, detail: string): ProviderError {
  return uncertain
    ? { code: 'provider_timeout', message: UNCERTAIN_MESSAGE, detail, providerCode: null }
    : { code: 'provider_unavailable', message: 'Tidak bisa menghubungi penyedia. Periksa koneksi, lalu coba lagi.', detail, providerCode: null };
}

export function badResponseError(detail: string): ProviderError {
  return { code: 'provider_bad_response', message: 'Jawaban penyedia tidak bisa dibaca.', detail, providerCode: null };
}
