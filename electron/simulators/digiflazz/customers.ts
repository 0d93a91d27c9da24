// Who a customer number is and what happens when it is bought for, in the Digiflazz simulator.
// The documented test numbers (digiflazz.md §1.5, Appendix A) behave as documented; Loket's own
// training numbers pick a fault by their last four digits (README of this folder):
//   1232 → Gagal rc 02 (a transaction was made, nothing taken)   — as the documented 0878000012xx
//   1233 → Pending, then Sukses;        1234 → Pending, then Gagal
//   0408 → committed, then the answer hangs past the client's timeout (lost answer)
//   0500 → committed, then the connection is dropped;  0502 → committed, then an HTML 502
//   0046 → an unlisted rc "46" (must be read as unknown, never as failed), Sukses on re-query
//   9999 → no bill (rc 60) / unknown meter (rc 54)
import { createHash } from 'node:crypto';

export type Fate =
  | 'success'
  | 'fail'
  | 'pending_success'
  | 'pending_fail'
  | 'hang'
  | 'drop'
  | 'html502'
  | 'unknown_rc'
  | 'no_customer'
  | 'inquiry_fail'
  | 'payment_fail';

const DOCUMENTED: Record<string, Fate> = {
  '087800001230': 'success',
  '087800001232': 'fail',
  '087800001233': 'pending_success',
  '087800001234': 'pending_fail',
  '530000000001': 'success',
  '530000000002': 'success',
  '530000000003': 'inquiry_fail',
  '530000000006': 'payment_fail',
  '630000000001': 'pending_success',
  '630000000002': 'pending_success',
  '630000000006': 'pending_fail',
};

export function fateOf(customerNo: string): Fate {
  const documented = DOCUMENTED[customerNo];
  if (documented) return documented;
  const tail = customerNo.slice(-4);
  switch (tail) {
    case '1232':
      return 'fail';
    case '1233':
      return 'pending_success';
    case '1234':
      return 'pending_fail';
    case '0408':
      return 'hang';
    case '0500':
      return 'drop';
    case '0502':
      return 'html502';
    case '0046':
      return 'unknown_rc';
    case '9999':
      return 'no_customer';
    default:
      return 'success';
  }
}

const NAMES = ['SITI AMINAH', 'BUDI SANTOSO', 'DEWI LESTARI', 'AGUS SETIAWAN', 'RINA WULANDARI', 'HENDRA GUNAWAN', 'YULI ASTUTI', 'JOKO PRASETYO'];
const SEGMENTS = ['R1 /000000900', 'R1 /000001300', 'R1 /000002200', 'R2 /000003500'];

function h(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export const nameOf = (customerNo: string): string => NAMES[h(customerNo) % NAMES.length]!;

/** The inquiry-pln answer fields for a meter or customer id. */
export function plnCustomer(customerNo: string): { meter_no: string; subscriber_id: string; name: string; segment_power: string } {
  const meter = customerNo.length === 11 ? customerNo : `1${customerNo.slice(-10)}`;
  const subscriber = customerNo.length === 12 ? customerNo : `5${customerNo.slice(-11)}`;
  return { meter_no: meter, subscriber_id: subscriber, name: nameOf(customerNo), segment_power: SEGMENTS[h(`seg:${customerNo}`) % SEGMENTS.length]! };
}

/** 20 digits, unique per reference (a token is never handed out twice). */
export function tokenFor(refId: string, customerNo: string): string {
  const d = createHash('sha256').update(`${refId}:${customerNo}`).digest();
  let out = '';
  for (let i = 0; out.length < 20; i++) out += String(d[i % d.length]! % 10);
  return out;
}

export type SimBill = {
  customer_name: string;
  periods: Array<{ periode: string; nilai_tagihan: number; denda: number }>;
};

/** The customer's open bill(s) for a postpaid product: one, or two for the documented …0002 numbers. */
export function billOf(sku: string, customerNo: string, now: number): SimBill {
  const k = h(`${sku}:${customerNo}`);
  const d = new Date(now);
  const count = customerNo === '530000000002' || customerNo === '630000000002' ? 2 : 1;
  const periods = [];
  for (let i = count; i >= 1; i--) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    periods.push({
      periode: `${m.getUTCFullYear()}${String(m.getUTCMonth() + 1).padStart(2, '0')}`,
      nilai_tagihan: 40_000 + (k % 1_200) * 100 + i * 1_000,
      denda: i === 2 ? 5_000 : 0,
    });
  }
  return { customer_name: nameOf(customerNo), periods };
}
