// An OAuth2 access token shared by every call of one client: reused until it is due for renewal,
// one request in flight for all callers at once, failures never cached, dropped on demand (after
// the API answered 401). Each provider supplies how to fetch one and when it is due.
import { ok } from '../../../shared/domain/errors';
import type { ProviderResult } from '../contract';

export type TokenCache = { get(): Promise<ProviderResult<string>>; clear(): void };

export function createCachedToken(fetchToken: () => Promise<ProviderResult<{ value: string; renewAt: number }>>, now: () => number): TokenCache {
  let token: { value: string; renewAt: number } | null = null;
  let inFlight: Promise<ProviderResult<string>> | null = null;
  return {
    get() {
      if (token && now() < token.renewAt) return Promise.resolve(ok(token.value));
      inFlight ??= fetchToken()
        .then((r): ProviderResult<string> => {
          if (!r.ok) return r;
          token = r.value;
          return ok(r.value.value);
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    clear() {
      token = null;
    },
  };
}
