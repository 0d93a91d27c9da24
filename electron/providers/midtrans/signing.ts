// Notification signatures (midtrans.md §7): SHA-512 hex of order_id + status_code + gross_amount +
// server key, over the exact strings in the body ("20000.00", not 20000).
import { createHash, timingSafeEqual } from 'node:crypto';
import { NotificationBody } from './schema';

export function notificationSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash('sha512').update(orderId + statusCode + grossAmount + serverKey).digest('hex');
}

/** The order a notification is about, or null when its body or signature does not hold up. */
export function verifyNotification(raw: Buffer, serverKey: string): { orderId: string } | null {
  let parsed: ReturnType<typeof NotificationBody.safeParse>;
  try {
    parsed = NotificationBody.safeParse(JSON.parse(raw.toString('utf8')));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const n = parsed.data;
  const expected = Buffer.from(notificationSignature(n.order_id, n.status_code, n.gross_amount, serverKey), 'utf8');
  const given = Buffer.from(n.signature_key.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { orderId: n.order_id } : null;
}
