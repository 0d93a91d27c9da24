// VSI authentication (vsi.md §1.2): hc = sha256_hex(cid + dt + secret). It binds neither the
// amount nor the customer, so it is an access token per `dt`, which is why HTTPS is mandatory.
import { createHash } from 'node:crypto';

export type DtFormat = 'YYYYMMDD' | 'YYYYMMDDHHmmss';

const wib = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Jakarta',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `dt` is always computed in WIB, whatever the counter's own zone, fresh for every request. */
export function vsiDt(nowMs: number, format: DtFormat): string {
  const p: Record<string, string> = {};
  for (const part of wib.formatToParts(new Date(nowMs))) p[part.type] = part.value;
  const date = `${p.year}${p.month}${p.day}`;
  return format === 'YYYYMMDD' ? date : `${date}${p.hour}${p.minute}${p.second}`;
}

export function vsiHash(cid: string, dt: string, secret: string): string {
  return createHash('sha256').update(cid + dt + secret, 'utf8').digest('hex');
}
