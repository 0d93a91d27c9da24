// When to ask a provider again about an uncertain purchase.
// VSI (vsi.md §1.6): +5 s, +30 s, +60 s after the PAY, every 2 min to 30 min, every 15 min to 24 h,
// then daily. SAT (sat.md §6): the order is asynchronous by design, so sooner and denser:
// +2 s, +5 s, +10 s, +30 s, then every minute to 30 min, every 15 min to 24 h, then daily.
// `scale` shrinks every ladder for tests and demos (LOKET_TIME_SCALE); 1 in production.
import type { ProviderName } from '../../providers/contract';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

function ladder(first: readonly number[], every: number): number[] {
  const offsets = [...first];
  for (let t = offsets.at(-1)! + every; t <= 30 * MINUTE; t += every) offsets.push(t);
  for (let m = 45; m <= 24 * 60; m += 15) offsets.push(m * MINUTE);
  return offsets;
}

const LADDERS: Record<ProviderName, readonly number[]> = {
  vsi: ladder([5 * SECOND, 30 * SECOND, 60 * SECOND, 2 * MINUTE], 2 * MINUTE),
  sat: ladder([2 * SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND, 60 * SECOND], MINUTE),
};

export type AdviceTiming = {
  scale: number;
  /** NOT-FOUND answers needed before Loket suggests the purchase failed (vsi.md §1.5). */
  notFoundCount: number;
  /** …and the minimum time since the PAY over which they must be spread. */
  notFoundWindowMs: number;
};

export const DEFAULT_ADVICE_TIMING: AdviceTiming = { scale: 1, notFoundCount: 3, notFoundWindowMs: 10 * MINUTE };

/** The next ladder point strictly after `now` for a purchase sent at `paySentAt`. */
export function nextAdviceAt(provider: ProviderName, paySentAt: number, now: number, scale: number): number {
  for (const offset of LADDERS[provider]) {
    const at = paySentAt + Math.round(offset * scale);
    if (at > now) return at;
  }
  const day = Math.max(1, Math.round(DAY * scale));
  const elapsedDays = Math.floor((now - paySentAt) / day) + 1;
  return paySentAt + elapsedDays * day;
}

/** Past the ladder's last rung: still checked daily, but a person must follow it up. */
export function isOverdue(paySentAt: number, now: number, scale: number): boolean {
  return now - paySentAt >= Math.round(DAY * scale);
}
