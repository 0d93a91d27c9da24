// The one "renew the token and retry once" (issue 14): an exchange sent with a bearer token; after
// a 401 the token is dropped, a new one fetched and the request sent once more — never more, so a
// provider that keeps refusing is told apart from one whose token merely expired early.
import { ok } from '../../../shared/domain/errors';
import type { ProviderResult } from '../contract';
import type { TokenCache } from './cached-token';
import type { Exchange } from './exchange';

export async function withBearer(tokens: TokenCache, send: (token: string) => Promise<Exchange>): Promise<ProviderResult<Exchange>> {
  const token = await tokens.get();
  if (!token.ok) return token;
  let ex = await send(token.value);
  if (ex.kind === 'answer' && ex.status === 401) {
    tokens.clear();
    const again = await tokens.get();
    if (!again.ok) return again;
    ex = await send(again.value);
  }
  return ok(ex);
}
