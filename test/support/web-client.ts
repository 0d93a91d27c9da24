// A client of web mode as a browser is: it opens the printed token URL, keeps the session cookie
// and repeats the CSRF cookie in the X-Loket-CSRF header. Used by the integration tests and the
// e2e helper (the API calls a spec makes beside the page).
import http from 'node:http';

export type WebReply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function httpRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<WebReply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: { host: u.host, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export type WebClient = {
  readonly base: string;
  /** POST /api/<name> with this client's session; the parsed `{ok, value|error}` and the status. */
  call(name: string, body?: object): Promise<{ status: number; ok: boolean; value?: unknown; error?: { code: string; message: string; detail?: string } }>;
  readonly cookie: string;
  readonly csrf: string;
};

/** Opens `tokenUrl` (the line web mode prints) and keeps the session it gives. */
export async function enterWebMode(tokenUrl: string): Promise<WebClient> {
  const base = new URL('/', tokenUrl).toString();
  const entered = await httpRequest(tokenUrl);
  if (entered.status !== 303) throw new Error(`the token URL answered ${entered.status}, not 303`);
  const cookies = new Map<string, string>();
  for (const c of entered.headers['set-cookie'] ?? []) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = cookies.get('loket_csrf') ?? '';
  return {
    base,
    cookie,
    csrf,
    async call(name, body = {}) {
      const r = await httpRequest(`${base}api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-loket-csrf': csrf, origin: base.replace(/\/$/, '') },
        body: JSON.stringify(body),
      });
      const parsed = (r.body ? JSON.parse(r.body) : { ok: false }) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
      return { status: r.status, ...parsed };
    },
  };
}
