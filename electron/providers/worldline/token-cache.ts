// OAuth2 client credentials for Worldline (worldline.md §1.2–§1.4): the form body as the SDKs
// send it (scopes joined by a space), one request in flight, failures never cached, and — unlike
// the SDKs — cleared after a 401 from the API so the caller can fetch a new one and retry once.
import { ok, err } from '../../../shared/domain/errors';
import { rawRequest } from '../http/raw-request';
import { createCachedToken, type TokenCache } from '../http/cached-token';
import type { ProviderResult } from '../contract';
import { TokenError, TokenResponse } from './schema';
import { worldlineError } from './errors';

export type WorldlineTokenCache = TokenCache;

export const WORLDLINE_SCOPES = ['processing_payment', 'processing_refund', 'processing_operation_reverse', 'services_ping'];

export function createWorldlineTokenCache(opts: {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  now: () => number;
  connectTimeoutMs: number;
  timeoutMs: number;
}): WorldlineTokenCache {
  async function fetchToken(): Promise<ProviderResult<{ value: string; renewAt: number }>> {
    const started = opts.now();
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: opts.clientId, client_secret: opts.clientSecret, scope: WORLDLINE_SCOPES.join(' ') });
    const r = await rawRequest({
      url: new URL(opts.tokenUrl),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(form.toString()),
      connectTimeoutMs: opts.connectTimeoutMs,
      timeoutMs: opts.timeoutMs,
    });
    if (!r.ok) {
      return err(worldlineError('provider_unavailable', 'Tidak bisa masuk ke Worldline. Periksa koneksi, lalu coba lagi.', `Worldline token ${r.error.phase}/${r.error.reason}: ${r.error.message}`, null));
    }
    let body: unknown;
    try {
      body = JSON.parse(r.value.body.toString('utf8'));
    } catch {
      body = null;
    }
    const token = TokenResponse.safeParse(body);
    if (r.value.status === 200 && token.success) {
      // Expiry counts from when the request started (the SDKs do the same), with a small margin.
      const lifetimeMs = token.data.expires_in * 1000;
      return ok({ value: token.data.access_token, renewAt: started + lifetimeMs - Math.min(60_000, Math.max(0, lifetimeMs / 10)) });
    }
    const e = TokenError.safeParse(body);
    const detail = `There was an error while retrieving the OAuth2 access token: ${e.success ? `${e.data.error} - ${e.data.error_description ?? ''}` : `HTTP ${r.value.status}`}`;
    const auth = r.value.status === 400 || r.value.status === 401 || r.value.status === 403;
    return err(worldlineError(auth ? 'provider_auth' : 'provider_unavailable', auth ? 'Client ID atau secret Worldline ditolak. Periksa pengaturan pembayaran.' : 'Worldline belum bisa melayani. Coba lagi sebentar lagi.', detail, e.success ? e.data.error : null));
  }

  return createCachedToken(fetchToken, opts.now);
}
