// Who may talk to the till: only pages this server served, over loopback.
import type http from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function checkHost(req: http.IncomingMessage, port: number): GuardVerdict {
  const host = (req.headers.host ?? '').toLowerCase();
  return allowedHosts(port).has(host) ? { ok: true } : { ok: false, status: 421, reason: `host ${host || '(none)'} not allowed` };
}

export function checkApiCaller(req: http.IncomingMessage, port: number): GuardVerdict {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const allowed = [...allowedHosts(port)].map((h) => `http://${h}`);
    if (!allowed.includes(origin.toLowerCase())) return { ok: false, status: 403, reason: `origin ${origin} not allowed` };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, reason: `cross-site request (${String(site)})` };
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return { ok: false, status: 415, reason: 'content-type must be application/json' };
  return { ok: true };
}
