// Who a write is made for. Calls from different sessions interleave at every await, so "the
// person signed in" cannot be one variable: each call runs in its own async scope carrying the
// person it was checked for, and the audit seal reads it when the transaction ends. Work nobody
// asked for at that moment (the schedulers' advice and status checks, background syncs) runs
// outside every scope and is sealed as 'system'.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<string>();

export const SYSTEM_ACTOR = 'system';

/** Runs `work` (and everything it starts) on behalf of `actor`. */
export function actingAs<T>(actor: string, work: () => T): T {
  return scope.run(actor, work);
}

/** Runs `work` on behalf of nobody: timers armed here do not inherit a caller's name. */
export function asSystem<T>(work: () => T): T {
  return scope.exit(work);
}

export function currentActor(): string {
  return scope.getStore() ?? SYSTEM_ACTOR;
}
