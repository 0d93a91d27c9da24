// The HTTP exchange under every way a connection can go wrong, and what each means for the money
// path: "connect" = provably not sent (a purchase may be declared failed, a payment retried as
// new), "sent" = the server may have it (resolve by status with the same id, never buy again).
// These are the cases the exchange layer must keep — or better — through any rewrite (issue 14).
import net from 'node:net';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest as rawDirect, type RawRequestOptions, type RawResult } from '../../electron/providers/http/raw-request';
import { createExchange } from '../../electron/providers/http/exchange';
import { createLogger } from '../../electron/log/logger';

// Every case runs through the raw transport and through the ky exchange layer built over it: the
// classification may not get worse through ky (issue 14).
const exchange = createExchange({ provider: 'test', log: createLogger({ level: 'error' }) });
async function viaKy(o: RawRequestOptions): Promise<RawResult> {
  const ex = await exchange({ ...o, label: 'pay' });
  if (ex.kind === 'answer') {
    const headers: Record<string, string> = {};
    ex.headers.forEach((v, k) => (headers[k] = v));
    return { ok: true, value: { status: ex.status, headers, body: ex.body } };
  }
  expect(ex.kind).toBe(ex.failure.phase === 'connect' ? 'not_sent' : 'lost');
  return { ok: false, error: ex.failure };
}

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

const opts = (url: string, extra: Partial<RawRequestOptions> = {}): RawRequestOptions => ({
  url: new URL(url),
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{"ref":"LKT-1"}'),
  connectTimeoutMs: 1_000,
  timeoutMs: 1_500,
  ...extra,
});

/** A TCP server that does `onSocket` with each connection, telling the test when it got the request bytes. */
function tcp(onSocket: (s: net.Socket, gotRequest: () => boolean) => void): net.Server {
  return net.createServer((s) => {
    let received = '';
    s.on('data', (d) => (received += d.toString('latin1')));
    s.on('error', () => undefined);
    onSocket(s, () => received.includes('\r\n\r\n'));
  });
}

describe.each([
  ['rawRequest', rawDirect],
  ['the ky exchange layer', viaKy],
] as const)('%s classifies every failure by whether the request can have been sent', (_name, rawRequest) => {
  it('a refused port: connect / refused (provably not sent)', async () => {
    const port = await listen(net.createServer());
    servers.pop()!.close();
    const r = await rawRequest(opts(`http://127.0.0.1:${port}/pay`));
    expect(r).toMatchObject({ ok: false, error: { phase: 'connect', reason: 'refused' } });
  });

  it('accepted, then closed before any answer: sent (the server may have read it)', async () => {
    const port = await listen(tcp((s) => s.once('data', () => s.destroy())));
    const r = await rawRequest(opts(`http://127.0.0.1:${port}/pay`));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.phase).toBe('sent');
  });

  it('accepted and never answered: sent / timeout', async () => {
    const port = await listen(tcp(() => undefined));
    const r = await rawRequest(opts(`http://127.0.0.1:${port}/pay`, { timeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, error: { phase: 'sent', reason: 'timeout' } });
  });

  it('a body cut short of its Content-Length is never taken as an answer: sent', async () => {
    const port = await listen(
      tcp((s) =>
        s.once('data', () => {
          s.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"status":"suc');
          s.end();
        }),
      ),
    );
    const r = await rawRequest(opts(`http://127.0.0.1:${port}/pay`));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.phase).toBe('sent');
  });

  it('a body larger than allowed: sent / too_large (and the rest is not read)', async () => {
    const port = await listen(
      tcp((s) =>
        s.once('data', () => {
          s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${64 * 1024}\r\n\r\n`);
          s.write(Buffer.alloc(64 * 1024, 0x61));
        }),
      ),
    );
    const r = await rawRequest(opts(`http://127.0.0.1:${port}/pay`, { maxBodyBytes: 1024 }));
    expect(r).toMatchObject({ ok: false, error: { phase: 'sent', reason: 'too_large' } });
  });

  it('a TLS handshake reset by the server: connect (no HTTP byte can have left)', async () => {
    let sawRequest = false;
    const port = await listen(
      tcp((s, gotRequest) =>
        s.once('data', () => {
          sawRequest = gotRequest();
          s.resetAndDestroy();
        }),
      ),
    );
    const r = await rawRequest(opts(`https://127.0.0.1:${port}/pay`));
    expect(r).toMatchObject({ ok: false, error: { phase: 'connect' } });
    // What the server got was a ClientHello, not the request.
    expect(sawRequest).toBe(false);
  });

  it('a server that closes its keep-alive sockets after each answer: every request gets a fresh connection and an answer', async () => {
    let connections = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive' });
        res.end('{"ok":true}');
        // The server drops the idle connection at once, as many do behind a load balancer.
        res.on('finish', () => req.socket.destroy());
      });
    });
    server.on('connection', () => connections++);
    const port = await listen(server);
    for (let i = 0; i < 3; i++) {
      const r = await rawRequest(opts(`http://127.0.0.1:${port}/pay`));
      expect(r).toMatchObject({ ok: true, value: { status: 200 } });
    }
    expect(connections).toBe(3);
  });

  it('an answer, whole: the exact bytes and the status', async () => {
    const body = Buffer.from('{"status":"success","sn":"1234 5678"}\n');
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(body);
      });
    });
    const port = await listen(server);
    const r = await rawRequest(opts(`http://127.0.0.1:${port}/pay`));
    expect(r.ok && r.value.status).toBe(201);
    expect(r.ok && r.value.body.equals(body)).toBe(true);
  });
});
