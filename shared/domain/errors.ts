// Errors cross every boundary as values: a stable code (what the UI translates), a message in
// the cashier's language as a fallback, and detail for the log (never shown as the main text).
import { z } from 'zod';

export const ERROR_CODES = [
  // input and flow
  'invalid_request',
  'invalid_customer_number',
  'invalid_denomination',
  'insufficient_cash',
  'invalid_card',
  'inquiry_expired',
  'inquiry_not_found',
  'sale_not_found',
  'meter_has_pending_sale',
  /** The same product for the same customer minutes ago: the cashier must confirm a second purchase. */
  'repeat_unconfirmed',
  'not_allowed_in_state',
  'sale_interrupted',
  'sale_busy',
  'price_changed',
  'product_unavailable',
  'price_below_cost',
  'settings_invalid',
  'vault_locked',
  'forbidden',
  /** Loket Pusat: what was asked clashes with what the hub holds (a counter already enrolled, a gap in a stream). */
  'conflict',
  /** Web mode: this browser has no session; open the link Loket printed. */
  'session_required',
  'internal',
  'print_failed',
  // backups and restores
  'backup_busy',
  'restore_refused',
  'recovery_key_invalid',
  // who works the counter
  'signed_out',
  'pin_invalid',
  'account_locked',
  'approval_required',
  'no_open_shift',
  /** The drawer counted differs from the books and no reason was given. */
  'variance_unexplained',
  // provider outcomes the cashier must understand
  'customer_not_found',
  'customer_blocked',
  'amount_out_of_range',
  'kwh_limit_exceeded',
  'deposit_insufficient',
  'request_expired',
  'provider_cutoff',
  'provider_refused',
  'provider_config',
  'provider_auth',
  'provider_clock',
  'provider_unavailable',
  'provider_timeout',
  'provider_bad_response',
  'provider_failed',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: z.string().optional(),
});
export type AppError = z.infer<typeof AppError>;

export function appError(code: ErrorCode, message: string, detail?: string): AppError {
  return detail === undefined ? { code, message } : { code, message, detail };
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
