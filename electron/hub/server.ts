// Loket Pusat's HTTP API (issue 18), on loopback unless told otherwise. The owner's tools send the
// owner token as `Authorization: Bearer …`; a counter sends the credential it got at enrollment.
// Bodies are JSON (a counter's batches may come gzip-compressed), parsed with the shared schemas;
// errors are `{ error: { code, message } }` with the cashier's-language message.
import http from 'node:http';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { Attestation, EnrollRequest, HubPriceRule, HubRuleKey, NewCounterRequest, ReplicateBatch } from '../../shared/hub-contract';
import type { AppError, Result } from '../../shared/domain/errors';
import type { Hub } from './hub';
import { SECURITY_HEADERS, serveStatic } from '../web/static-files';

const COOKIE = 'pusat_owner';

const unzip = promisify(gunzip);
const MAX_BODY = 8 * 1024 * 1024;

export type HubServer = { url: string; port: number; close(): Promise<void> };

type Reply = { status: number; body: unknown; type?: string; fileName?: string };

const STATUS: Partial<Record<AppError['code'], number>> = { forbidden: 403, conflict: 409, invalid_request: 400 };
const fail = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } });
const NOT_OWNER = fail(401, 'forbidden', 'Token pemilik diperlukan: buka tautan yang dicetak Loket Pusat saat dijalankan.');
const NOT_COUNTER = fail(401, 'forbidden', 'Loket ini belum terdaftar di Loket Pusat.');
const BAD_DAY = fail(400, 'invalid_request', 'Tanggal harus YYYY-MM-DD.');
const isDay = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date));
const fromResult = <T>(r: Result<T>, okStatus = 200): Reply => (r.ok ? { status: okStatus, body: r.value } : { status: STATUS[r.error.code] ?? 500, body: { error: r.error } });

function bearer(req: http.IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(c as Buffer);
  }
  const raw = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? unzip(raw) : raw;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

async function parsed<S extends z.ZodTypeAny>(req: http.IncomingMessage, schema: S): Promise<Parsed<z.infer<S>>> {
  const raw = await readBody(req).catch(() => null);
  if (raw === null) return { ok: false, reply: fail(413, 'invalid_request', 'Kiriman terlalu besar atau rusak.') };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, reply: fail(400, 'invalid_request', 'Kiriman bukan JSON.') };
  }
  const r = schema.safeParse(json);
  return r.success
    ? { ok: true, value: r.data as z.infer<S> }
    : { ok: false, reply: fail(400, 'invalid_request', `Kiriman tidak sesuai: ${r.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`) };
}

function cookie(req: http.IncomingMessage, name: string): string | null {
  const m = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(req.headers.cookie ?? '');
  return m ? decodeURIComponent(m[1]!) : null;
}

/**
 * `staticDir`: the built renderer, whose pusat.html is the owner's screen; without it the hub is
 * API only. The printed link's token is exchanged for an HttpOnly, SameSite=Strict cookie; the
 * page's calls carry `x-pusat`, which no other site's page can send.
 */
export async function startHubServer(hub: Hub, opts: { port?: number; host?: string; staticDir?: string } = {}): Promise<HubServer> {
  const owner = (req: http.IncomingMessage): boolean => {
    const t = bearer(req) ?? (req.headers['x-pusat'] === '1' ? cookie(req, COOKIE) : null);
    return t !== null && same(t, hub.ownerToken);
  };

  /** The enrolled counter the request's credential belongs to, or null. */
  const counter = async (req: http.IncomingMessage): Promise<string | null> => {
    const t = bearer(req);
    return t === null ? null : hub.counterOf(t);
  };

  async function route(req: http.IncomingMessage, url: URL): Promise<Reply> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/api/v1/counters' && req.method === 'POST') {
      if (!owner(req)) return NOT_OWNER;
      const body = await parsed(req, NewCounterRequest);
      if (!body.ok) return body.reply;
      return fromResult(await hub.newCounter(body.value.outlet, body.value.counter), 201);
    }
    if (path === '/api/v1/summary' && req.method === 'GET') {
      if (!owner(req)) return NOT_OWNER;
      const date = url.searchParams.get('date') ?? '';
      if (!isDay(date)) return BAD_DAY;
      return { status: 200, body: await hub.summary(date) };
    }
    if (path === '/api/v1/shifts' && req.method === 'GET') {
      if (!owner(req)) return NOT_OWNER;
      const date = url.searchParams.get('date') ?? '';
      if (!isDay(date)) return BAD_DAY;
      return { status: 200, body: await hub.shifts(date) };
    }
    if (path === '/api/v1/books' && req.method === 'GET') {
      if (!owner(req)) return NOT_OWNER;
      const date = url.searchParams.get('date') ?? '';
      if (!isDay(date)) return BAD_DAY;
      const env = url.searchParams.get('env');
      if (env !== null && env !== 'training' && env !== 'production') return fail(400, 'invalid_request', 'env harus training atau production.');
      return { status: 200, body: await hub.books(date, env ?? undefined) };
    }
    if (path === '/api/v1/report.pdf' && req.method === 'GET') {
      if (!owner(req)) return NOT_OWNER;
      const date = url.searchParams.get('date') ?? '';
      if (!isDay(date)) return BAD_DAY;
      return { status: 200, body: Buffer.from(await hub.dayReportPdf(date)), type: 'application/pdf', fileName: `loket-pusat-${date}.pdf` };
    }
    if (path === '/api/v1/flags' && req.method === 'GET') {
      if (!owner(req)) return NOT_OWNER;
      return { status: 200, body: await hub.allFlags() };
    }
    if (path === '/api/v1/attest' && req.method === 'POST') {
      const counterId = await counter(req);
      if (counterId === null) return NOT_COUNTER;
      const body = await parsed(req, Attestation);
      if (!body.ok) return body.reply;
      return { status: 200, body: await hub.attest(counterId, body.value) };
    }
    if (path === '/api/v1/unresolved' && req.method === 'GET') {
      if (!owner(req)) return NOT_OWNER;
      return { status: 200, body: await hub.unresolved() };
    }
    if (path === '/api/v1/rules' && (req.method === 'GET' || req.method === 'POST')) {
      if (!owner(req)) return NOT_OWNER;
      if (req.method === 'POST') {
        const body = await parsed(req, HubPriceRule);
        if (!body.ok) return body.reply;
        const r = await hub.setRule(body.value);
        if (!r.ok) return fromResult(r);
      }
      return { status: 200, body: { rules: await hub.rules() } };
    }
    if (path === '/api/v1/rules/remove' && req.method === 'POST') {
      if (!owner(req)) return NOT_OWNER;
      const body = await parsed(req, HubRuleKey);
      if (!body.ok) return body.reply;
      const r = await hub.removeRule(body.value);
      if (!r.ok) return fromResult(r);
      return { status: 200, body: { rules: await hub.rules() } };
    }
    if (path === '/api/v1/counter/rules' && req.method === 'GET') {
      const counterId = await counter(req);
      if (counterId === null) return NOT_COUNTER;
      const since = Number(url.searchParams.get('since') ?? '0');
      return { status: 200, body: await hub.rulesFor(counterId, Number.isInteger(since) && since >= 0 ? since : 0) };
    }
    if (path === '/api/v1/enroll' && req.method === 'POST') {
      const body = await parsed(req, EnrollRequest);
      if (!body.ok) return body.reply;
      return fromResult(await hub.enroll(body.value.code));
    }
    if (path === '/api/v1/replicate' && req.method === 'POST') {
      const counterId = await counter(req);
      if (counterId === null) return NOT_COUNTER;
      const body = await parsed(req, ReplicateBatch);
      if (!body.ok) return body.reply;
      return fromResult(await hub.replicate(counterId, body.value));
    }
    return fail(404, 'invalid_request', 'Tidak ada di sini.');
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub.local');
    if (!url.pathname.startsWith('/api/')) {
      const token = url.searchParams.get('token');
      if (token !== null) {
        // The printed link: its token becomes the owner's cookie, and the address loses it.
        if (!same(token, hub.ownerToken)) {
          res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Token salah. Buka tautan yang dicetak Loket Pusat.');
          return;
        }
        res.writeHead(303, { location: '/', 'set-cookie': `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`, ...SECURITY_HEADERS }).end();
        return;
      }
      if (!opts.staticDir) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Loket Pusat: API only');
        return;
      }
      void serveStatic(opts.staticDir, req, res, '/pusat.html');
      return;
    }
    route(req, url)
      .catch((e: unknown) => fail(500, 'internal', `Loket Pusat gagal: ${(e as Error).message}`))
      .then((r) => {
        if (res.destroyed) return;
        res
          .writeHead(r.status, {
            'content-type': r.type ?? 'application/json; charset=utf-8',
            'cache-control': 'no-store',
            ...(r.fileName ? { 'content-disposition': `attachment; filename="${r.fileName}"` } : {}),
          })
          .end(Buffer.isBuffer(r.body) || typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
      });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
