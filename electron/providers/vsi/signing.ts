// VSI authentication (vsi.md §1.2): hc = sha256_hex(cid + dt + secret). It binds neither the
// amount nor the customer, so it is an access token per `dt`, which is why HTTPS is mandatory.
import { createHash } from 'node:crypto';
import { localParts } from '../../../shared/domain/time';

export type DtFormat = 'YYYYMMDD' | 'YYYYMMDDHHmmss';

/** `dt` is always computed in WIB, whatever the counter's own zone, fresh for every request. */
export function vsiDt(nowMs: number, format: DtFormat): string {
  const p = localParts(nowMs, 'Asia/Jakarta');
  const date = `${p.year}${p.month}${p.day}`;
  return format === 'YYYYMMDD' ? date : `${date}${p.hour}${p.minute}${p.second}`;
}

export function vsiHash(cid: string, dt: string, secret: string): string {
  return createHash('sha256').update(cid + dt + secret, 'utf8').digest('hex');
}
