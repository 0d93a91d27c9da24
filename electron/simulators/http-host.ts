// The HTTP plumbing every simulator shares: read the whole body, let the simulator answer, delay
// the answer (its latency or a fault's hang), drop the connection when a fault says so, and close
// with every timer and socket gone.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type SimReply = {
  status: number;
  body: string;
  /** Binary answers (an image): sent instead of `body`. */
  bytes?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Destroy the socket instead of answering (a connection reset). */
  drop?: boolean;
};

export type SimRequest = { req: http.IncomingMessage; url: URL; raw: Buffer; control: boolean };

export type SimHost = { port: number; close(): Promise<void> };

export async function serveSimulator(opts: {
  port: number | undefined;
  /** Answers one request; a throw becomes `onError`'s reply. Control-plane paths start with /__sim/. */
  handle(r: SimRequest): SimReply;
  onError(e: Error): SimReply;
  /** Added to every provider answer (not to the control plane). */
  latencyMs(): number;
  defaultContentType: string;
}): Promise<SimHost> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const control = url.pathname.startsWith('/__sim/');
      let reply: SimReply;
      try {
        reply = opts.handle({ req, url, raw: Buffer.concat(chunks), control });
      } catch (e) {
        reply = opts.onError(e as Error);
      }
      const send = (): void => {
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': reply.contentType ?? opts.defaultContentType, ...reply.headers }).end(reply.bytes ?? reply.body);
      };
      const delay = (reply.delayMs ?? 0) + (control ? 0 : opts.latencyMs());
      if (delay <= 0) return send();
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, delay);
      timers.add(t);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
