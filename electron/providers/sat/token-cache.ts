// OAuth2 client credentials (sat.md §1.2): one token request in flight, the token reused until
// 10 minutes before it expires, failures never cached, and clear() after a 401.
import { ok, err } from '../../../shared/domain/errors';
import { rawRequest } from '../http/raw-request';
import { createCachedToken, type TokenCache } from '../http/cached-token';
import type { ProviderError, ProviderResult } from '../contract';
import { TokenResponse } from './schema';
import { satError } from './errors';

export type { TokenCache };

const REFRESH_BEFORE_S = 600;

export function createTokenCache(opts: {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  now: () => number;
  connectTimeoutMs: number;
  timeoutMs: number;
}): TokenCache {
  type Fetched = ProviderResult<{ value: string; renewAt: number }>;
  async function fetchToken(): Promise<Fetched> {
    const basic = Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`).toString('base64');
    const r = await rawRequest({
      url: new URL(opts.tokenUrl),
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: Buffer.from('grant_type=client_credentials'),
      connectTimeoutMs: opts.connectTimeoutMs,
      timeoutMs: opts.timeoutMs,
    });
    const fail = (code: ProviderError['code'], message: string, detail: string): Fetched => (err(satError(code, message, detail, null)));
    if (!r.ok) return fail('provider_unavailable', 'Tidak bisa masuk ke SAT. Periksa koneksi, lalu coba lagi.', `SAT token: ${r.error.phase}/${r.error.reason} ${r.error.message}`);
    if (r.value.status === 400 || r.value.status === 401) {
      return fail('provider_auth', 'Client ID atau secret SAT ditolak. Periksa pengaturan.', `SAT token HTTP ${r.value.status}`);
    }
    let parsed: ReturnType<typeof TokenResponse.safeParse>;
    try {
      parsed = TokenResponse.safeParse(JSON.parse(r.value.body.toString('utf8')));
    } catch {
      return fail('provider_bad_response', 'Jawaban login SAT tidak bisa dibaca.', `SAT token HTTP ${r.value.status}: not JSON`);
    }
    if (r.value.status !== 200 || !parsed.success) {
      return fail('provider_bad_response', 'Jawaban login SAT tidak bisa dibaca.', `SAT token HTTP ${r.value.status}`);
    }
    const lifetime = parsed.data.expires_in ?? 3600;
    const margin = lifetime > 2 * REFRESH_BEFORE_S ? REFRESH_BEFORE_S : lifetime / 2;
    return ok({ value: parsed.data.access_token, renewAt: opts.now() + (lifetime - margin) * 1000 });
  }

  return createCachedToken(fetchToken, opts.now);
}
