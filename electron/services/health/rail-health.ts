// How each provider rail has been answering (issue 15 §6): the last success (and how long it took)
// and the last failure in words, so a cashier sees before taking money that PLN tokens are down —
// PLN outages last hours. Fed by every exchange a provider client makes (the exchange layer's log
// lines, observed on the provider's logger) and by the owner's "Tes koneksi".
import type { LogFields, Logger } from '../../log/logger';

export type RailState = { provider: string; lastOkAt: number | null; latencyMs: number | null; lastFailAt: number | null; failure: string | null };

export type RailHealth = {
  ok(provider: string, latencyMs: number): void;
  failed(provider: string, failure: string): void;
  of(provider: string): RailState;
  all(): RailState[];
  /** A provider's logger that reports its exchanges here (answers under 500 are up; failures and 5xx are down). */
  observe(log: Logger, provider: string): Logger;
};

/** A transport failure in the cashier's words. */
export function failureInWords(fields: LogFields): string {
  if (fields.phase === 'connect') return fields.reason === 'timeout' ? 'tidak tersambung (waktu habis)' : 'tidak bisa tersambung';
  if (fields.reason === 'timeout') return 'jawaban tidak datang tepat waktu';
  return 'sambungan terputus sebelum ada jawaban';
}

export function createRailHealth(now: () => number): RailHealth {
  const rails = new Map<string, RailState>();
  const of = (provider: string): RailState => rails.get(provider) ?? { provider, lastOkAt: null, latencyMs: null, lastFailAt: null, failure: null };
  const health: RailHealth = {
    ok(provider, latencyMs) {
      rails.set(provider, { ...of(provider), lastOkAt: now(), latencyMs });
    },
    failed(provider, failure) {
      rails.set(provider, { ...of(provider), lastFailAt: now(), failure });
    },
    of,
    all: () => [...rails.values()],
    observe(log, provider) {
      const seen = (event: string, fields: LogFields | undefined): void => {
        if (!fields) return;
        if (event === `${provider}.exchange` && typeof fields.status === 'number') {
          if (fields.status < 500) health.ok(provider, typeof fields.ms === 'number' ? fields.ms : 0);
          else health.failed(provider, `penyedia menjawab galat ${fields.status}`);
        } else if (event === `${provider}.transport_failure`) health.failed(provider, failureInWords(fields));
      };
      const wrap = (inner: Logger): Logger => ({
        debug: (e, f) => inner.debug(e, f),
        info: (e, f) => {
          seen(e, f);
          inner.info(e, f);
        },
        warn: (e, f) => {
          seen(e, f);
          inner.warn(e, f);
        },
        error: (e, f) => inner.error(e, f),
        child: (scope) => wrap(inner.child(scope)),
        addSecret: (v) => inner.addSecret(v),
        close: () => inner.close(),
      });
      return wrap(log);
    },
  };
  return health;
}
