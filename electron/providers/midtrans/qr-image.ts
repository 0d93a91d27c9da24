// GoPay's desktop flow (midtrans.md, GoPay "generate-qr-code" action): the customer scans an image
// Midtrans serves, not the deeplink (which is for a phone that holds the app). The core fetches the
// image — the renderer never talks to a provider — only from the configured Midtrans address, and
// hands it on as a data URL when it is really a small PNG, GIF or JPEG.
import type { Exchange } from '../http/exchange';

type Answer = Extract<Exchange, { kind: 'answer' }>;

/** A QR image is a few kilobytes; anything far larger is not what we asked for. */
export const QR_IMAGE_MAX_BYTES = 256 * 1024;

const MAGIC: ReadonlyArray<{ type: 'png' | 'gif' | 'jpeg'; bytes: number[] }> = [
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/**
 * The path (under the configured base) of an action's URL, or null when the URL points anywhere
 * else: the server key is sent with the request, so it never goes to a host it was not given for.
 */
export function qrImagePath(actionUrl: string, baseUrl: string): string | null {
  let url: URL;
  let base: URL;
  try {
    url = new URL(actionUrl);
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${prefix}/`)) return null;
  return `${url.pathname.slice(prefix.length)}${url.search}`;
}

/** The answer as a `data:image/…;base64,` URL, judged by its bytes (not only its content type); null otherwise. */
export function qrImageDataUrl(a: Answer): string | null {
  if (a.status !== 200 || a.body.length === 0 || a.body.length > QR_IMAGE_MAX_BYTES) return null;
  const kind = MAGIC.find((m) => m.bytes.every((b, i) => a.body[i] === b));
  return kind ? `data:image/${kind.type};base64,${a.body.toString('base64')}` : null;
}
