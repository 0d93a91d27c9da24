// One HTTP exchange with the facts the money path needs: the exact bytes received, and — when it
// fails — whether the request can have reached the server. Only a failure before the TCP (or TLS)
// connection was established proves the request was never sent.
import { ok, err } from '../../../shared/domain/errors';
import http from 'node:http';
import https from 'node:https';

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

export type TransportFailure = {
  /** 'connect': provably not sent. 'sent': the server may have received and processed it. */
  phase: 'connect' | 'sent';
  reason: 'refused' | 'dns' | 'timeout' | 'reset' | 'too_large' | 'other';
  message: string;
};

export type RawRequestOptions = {
  url: URL;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: Buffer;
  connectTimeoutMs: number;
  /** From the start of the request to the last byte of the response. */
  timeoutMs: number;
  maxBodyBytes?: number;
};

export type RawResult = { ok: true; value: RawResponse } | { ok: false; error: TransportFailure };

const DEFAULT_MAX_BODY = 1024 * 1024;

function classify(error: NodeJS.ErrnoException): TransportFailure['reason'] {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'other';
  }
}

export function rawRequest(options: RawRequestOptions): Promise<RawResult> {
  return new Promise((resolve) => {
    const isHttps = options.url.protocol === 'https:';
    const transport = isHttps ? https : http;
    let connected = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (result: RawResult): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      resolve(result);
    };
    const fail = (phase: TransportFailure['phase'], reason: TransportFailure['reason'], message: string): void =>
      finish(err({ phase, reason, message }));

    const headers: Record<string, string> = { ...options.headers };
    if (options.body) headers['content-length'] = String(options.body.length);
    // A fresh connection per exchange: a reused keep-alive socket closed by the server makes an
    // unsent request look "sent", which would turn a clean failure into an uncertain payment.
    const req = transport.request(options.url, { method: options.method, headers, agent: false });

    req.on('socket', (socket) => {
      const markConnected = (): void => {
        connected = true;
      };
      if (isHttps) socket.once('secureConnect', markConnected);
      else if (socket.connecting) socket.once('connect', markConnected);
      else markConnected();
    });

    timers.push(
      setTimeout(() => {
        if (!connected) {
          fail('connect', 'timeout', `connect timeout after ${options.connectTimeoutMs} ms`);
          req.destroy();
        }
      }, options.connectTimeoutMs),
    );
    timers.push(
      setTimeout(() => {
        fail(connected ? 'sent' : 'connect', 'timeout', `no complete response after ${options.timeoutMs} ms`);
        req.destroy();
      }, options.timeoutMs),
    );

    req.on('error', (error: NodeJS.ErrnoException) => {
      fail(connected ? 'sent' : 'connect', classify(error), error.message);
    });

    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          fail('sent', 'too_large', `response body over ${limit} bytes`);
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        finish(ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      res.on('error', (error: NodeJS.ErrnoException) => fail('sent', classify(error), error.message));
      res.on('aborted', () => fail('sent', 'reset', 'response aborted'));
    });

    req.end(options.body);
  });
}
