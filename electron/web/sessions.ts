// Web mode's sessions, the way Jupyter guards its loopback server: a port on 127.0.0.1 is open to
// every process on the machine, so being local proves nothing. At start web mode makes a random
// launch token and prints it in the URL; only a browser that opens that URL gets a session — an
// HttpOnly cookie (`loket_session`) naming it, and a readable `loket_csrf` cookie whose value
// every write must repeat in the X-Loket-CSRF header (double submit: a page of another site can
// neither read our cookie nor set our header). The core sees only the session's public id, never
// the cookie. Each session has its own person signed in (services/counter).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'loket_session';
export const CSRF_COOKIE = 'loket_csrf';
export const CSRF_HEADER = 'x-loket-csrf';

/** `id` is what the core knows the session by; `secret` and `csrf` stay between the browser and this host. */
export type WebSession = { readonly id: string; readonly secret: string; readonly csrf: string; lastSeen: number };

export type WebSessions = {
  readonly launchToken: string;
  /** A session for whoever presents the launch token, or null. */
  exchange(token: string): WebSession | null;
  /** The session a request's Cookie header names, or null. */
  fromCookies(cookieHeader: string | undefined): WebSession | null;
  csrfMatches(session: WebSession, header: string | string[] | undefined): boolean;
  setCookieHeaders(session: WebSession): string[];
};

const MAX_SESSIONS = 32;
const token = (): string => randomBytes(32).toString('base64url');
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
/** Equal-time comparison of two strings of any length (both hashed first). */
const same = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

export function createWebSessions(opts: { now: () => number; launchToken?: string; onEnd?: (id: string) => void }): WebSessions {
  const launchToken = opts.launchToken ?? token();
  const bySecret = new Map<string, WebSession>();
  let counter = 0;

  function evictOldest(): void {
    let oldest: WebSession | null = null;
    for (const s of bySecret.values()) if (!oldest || s.lastSeen < oldest.lastSeen) oldest = s;
    if (!oldest) return;
    bySecret.delete(oldest.secret);
    opts.onEnd?.(oldest.id);
  }

  return {
    launchToken,
    exchange(presented) {
      if (!same(presented, launchToken)) return null;
      if (bySecret.size >= MAX_SESSIONS) evictOldest();
      const s: WebSession = { id: `web-${++counter}-${randomBytes(4).toString('hex')}`, secret: token(), csrf: token(), lastSeen: opts.now() };
      bySecret.set(s.secret, s);
      return s;
    },
    fromCookies(header) {
      const presented = parseCookies(header).get(SESSION_COOKIE);
      if (!presented) return null;
      // A Map lookup by the secret itself: its timing reveals nothing an attacker can use, since
      // a miss and a hit on another secret are indistinguishable without knowing a secret.
      const s = bySecret.get(presented) ?? null;
      if (s) s.lastSeen = opts.now();
      return s;
    },
    csrfMatches(session, header) {
      return typeof header === 'string' && same(header, session.csrf);
    },
    setCookieHeaders(session) {
      return [`${SESSION_COOKIE}=${session.secret}; HttpOnly; SameSite=Strict; Path=/`, `${CSRF_COOKIE}=${session.csrf}; SameSite=Strict; Path=/`];
    },
  };
}
