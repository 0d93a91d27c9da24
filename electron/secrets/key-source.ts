export type KeySource = {
  /** Shown in settings ("file <data>/master.key", "Electron safeStorage"); never the key. */
  readonly description: string;
  /** The 32-byte vault key, or an explanation why none is available (vault locked). */
  getKey(): Promise<{ ok: true; key: Buffer } | { ok: false; reason: string }>;
  /**
   * A restore makes a recovered key this ledger's key (before the restored ledger opens). Refused
   * when this source already holds a different key — two keys for one folder would leave either the
   * restored audit chain or the credentials unreadable — unless `replace` says the held key guards
   * nothing (the fresh, empty ledger a first start made, which the restore replaces).
   */
  adopt(key: Buffer, opts?: { replace?: boolean }): Promise<{ ok: true } | { ok: false; reason: string }>;
};

export const KEY_BYTES = 32;

export function parseMasterKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(t)) {
    const b = Buffer.from(t, 'base64');
    if (b.length === KEY_BYTES) return b;
  }
  return null;
}

/** A key held in memory (tests, the bench): adopts only itself. */
export function fixedKeySource(key: Buffer | null, description = 'fixed key'): KeySource {
  return {
    description,
    getKey: async () => (key ? { ok: true, key } : { ok: false, reason: 'no key' }),
    adopt: async (k) => (key?.equals(k) ? { ok: true } : { ok: false, reason: `${description} holds another key` }),
  };
}
