// When to ask again about a payment. A customer scanning a QR pays within a minute or two, so
// waiting payments are asked often at first and less later; past their expiry they are closed.
// An uncertain charge or refund is asked on its own ladder. `scale` shrinks every interval for
// tests and demos (LOKET_TIME_SCALE); 1 in production.
const SECOND = 1000;
const MINUTE = 60 * SECOND;

export type PaymentTiming = {
  scale: number;
  /** How long the customer has to pay, per kind of method, in seconds (sent as custom_expiry). */
  expirySeconds: { qr: number; transfer: number };
  /** After the expiry, how long to keep asking before the payment is cancelled outright. */
  expiryGraceMs: number;
};

export const DEFAULT_PAYMENT_TIMING: PaymentTiming = {
  scale: 1,
  expirySeconds: { qr: 15 * 60, transfer: 60 * 60 },
  expiryGraceMs: 30 * SECOND,
};

/** Next status call for a payment the customer has not paid yet. */
export function nextWaitingCheck(createdAt: number, now: number, expiresAt: number | null, t: PaymentTiming): number {
  const elapsed = now - createdAt;
  const every = elapsed < 2 * MINUTE * t.scale ? 2 * SECOND : elapsed < 10 * MINUTE * t.scale ? 5 * SECOND : 15 * SECOND;
  const next = now + Math.max(20, Math.round(every * t.scale));
  // One look right after the expiry, then the grace runs out.
  return expiresAt !== null && next > expiresAt && now < expiresAt ? expiresAt + Math.round(SECOND * t.scale) : next;
}

const UNKNOWN_LADDER = [2 * SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND, MINUTE];
const REFUND_LADDER = [5 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE];

function ladder(steps: readonly number[], attempt: number, now: number, scale: number): number {
  const step = steps[Math.min(attempt, steps.length - 1)]!;
  return now + Math.max(20, Math.round(step * scale));
}

/** After an answer that settled nothing (a charge lost on the way, a provider that could not be asked). */
export const nextUnknownCheck = (attempt: number, now: number, scale: number): number => ladder(UNKNOWN_LADDER, attempt, now, scale);

/** After a refund whose answer was lost: asked again with the same key. */
export const nextRefundCheck = (attempt: number, now: number, scale: number): number => ladder(REFUND_LADDER, attempt, now, scale);
