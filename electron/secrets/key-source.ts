export type KeySource = {
  /** Shown in settings ("file <data>/master.key", "Electron safeStorage"); never the key. */
  readonly description: string;
  /** The 32-byte vault key, or an explanation why none is available (vault locked). */
  getKey(): Promise<{ ok: true; key: Buffer } | { ok: false; reason: string }>;
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
