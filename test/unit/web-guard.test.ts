import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkApiCaller, checkHost } from '../../electron/web/request-guard';

const req = (headers: Record<string, string>): http.IncomingMessage => ({ headers }) as unknown as http.IncomingMessage;

describe('web mode request guard', () => {
  it('accepts only its own Host (no DNS rebinding)', () => {
    expect(checkHost(req({ host: '127.0.0.1:4780' }), 4780).ok).toBe(true);
    expect(checkHost(req({ host: 'localhost:4780' }), 4780).ok).toBe(true);
    expect(checkHost(req({ host: 'attacker.example:4780' }), 4780).ok).toBe(false);
    expect(checkHost(req({ host: '127.0.0.1:9999' }), 4780).ok).toBe(false);
    expect(checkHost(req({}), 4780).ok).toBe(false);
  });
  it('refuses API calls from other origins or other sites, and non-JSON bodies', () => {
    const json = { 'content-type': 'application/json' };
    expect(checkApiCaller(req({ ...json, origin: 'http://127.0.0.1:4780', 'sec-fetch-site': 'same-origin' }), 4780).ok).toBe(true);
    expect(checkApiCaller(req({ ...json }), 4780).ok).toBe(true);
    expect(checkApiCaller(req({ ...json, origin: 'https://evil.example' }), 4780)).toMatchObject({ ok: false, status: 403 });
    expect(checkApiCaller(req({ ...json, origin: 'null' }), 4780).ok).toBe(false);
    expect(checkApiCaller(req({ ...json, 'sec-fetch-site': 'cross-site' }), 4780).ok).toBe(false);
    expect(checkApiCaller(req({ 'content-type': 'text/plain' }), 4780)).toMatchObject({ ok: false, status: 415 });
  });
});
