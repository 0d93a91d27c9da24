// Reads a request body up to a limit. A body over the limit gets a 413 answer, not a reset: the
// rest is read and dropped (up to a hard ceiling, past which the connection is cut) so the client
// receives the status instead of a broken pipe.
import type http from 'node:http';

export type Body = { ok: true; text: string } | { ok: false; status: 413 | 400; reason: string };

const DRAIN_CEILING = 8 * 1024 * 1024;

export function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    if (over && declared > DRAIN_CEILING) {
      resolve({ ok: false, status: 413, reason: `declared body of ${declared} bytes` });
      req.resume();
      return;
    }
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      if (size > DRAIN_CEILING) {
        resolve({ ok: false, status: 413, reason: `body over ${DRAIN_CEILING} bytes` });
        req.destroy();
        return;
      }
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? { ok: false, status: 413, reason: `body over ${limit} bytes` } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ ok: false, status: 400, reason: 'body could not be read' }));
  });
}
