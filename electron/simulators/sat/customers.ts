// Deterministic simulated customers and their bills. Scenario customer numbers (README):
// ending 0002 → the order fails (S02); 0500 → checkout answers 500 S00 but the order exists;
// 0502 → the first checkout is lost at a proxy (HTML 502, nothing created), a re-send goes through; 0408 → checkout hangs past
// the client timeout, order created; 0777 → status answers carry a bad signature; 9999 → no bill.
import { createHash } from 'node:crypto';
import type { SimProduct } from './catalog';

export type SatScenario = 'success' | 'fail_s02' | 'checkout_500' | 'checkout_502' | 'checkout_hang' | 'bad_signature' | 'no_bill';

export function satScenario(clientNumber: string): SatScenario {
  if (clientNumber.endsWith('0002')) return 'fail_s02';
  if (clientNumber.endsWith('0500')) return 'checkout_500';
  if (clientNumber.endsWith('0502')) return 'checkout_502';
  if (clientNumber.endsWith('0408')) return 'checkout_hang';
  if (clientNumber.endsWith('0777')) return 'bad_signature';
  if (clientNumber.endsWith('9999')) return 'no_bill';
  return 'success';
}

const NAMES = ['SITI AMINAH', 'BUDI SANTOSO', 'DEWI LESTARI', 'AGUS SETIAWAN', 'RINA WULANDARI', 'HENDRA GUNAWAN', 'YULI ASTUTI', 'JOKO PRASETYO'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MEI', 'JUN', 'JUL', 'AGU', 'SEP', 'OKT', 'NOV', 'DES'];
const TARIFFS = ['R1/900 VA', 'R1/1300 VA', 'R1/2200 VA', 'R2/3500 VA'];

function h(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

const rp = (n: number): string => `Rp ${new Intl.NumberFormat('id-ID').format(n)}`;

/** "BUD* SANTO**": SAT masks names in inquiries (sat.md §4.4). */
export function maskName(name: string): string {
  return name
    .split(' ')
    .map((w) => (w.length <= 2 ? w : w.slice(0, Math.ceil(w.length * 0.6)) + '*'.repeat(w.length - Math.ceil(w.length * 0.6))))
    .join(' ');
}

export type Bill = {
  clientName: string;
  base: number;
  admin: number;
  lines: Array<{ name: string; value: string }>;
  meterId: string;
  period: string;
};

export function customerName(clientNumber: string): string {
  return NAMES[h(clientNumber) % NAMES.length]!;
}

/** The bill (postpaid) or the customer check (PLN token) SAT's inquiry answers for a number. */
export function billFor(p: SimProduct, clientNumber: string, now: number): Bill {
  const name = customerName(clientNumber);
  const k = h(`${p.code}:${clientNumber}`);
  const month = new Date(now).getUTCMonth();
  const period = `${MONTHS[(month + 11) % 12]}${String(new Date(now).getUTCFullYear()).slice(2)}`;
  if (p.delivery === 'token') {
    const nominal = p.nominal ?? 0;
    return {
      clientName: name,
      base: nominal,
      admin: p.admin,
      meterId: clientNumber.length === 11 ? clientNumber : clientNumber.slice(1),
      period: '',
      lines: [
        { name: 'No. Meter', value: clientNumber.length === 11 ? clientNumber : clientNumber.slice(1) },
        { name: 'IDPEL', value: clientNumber.length === 12 ? clientNumber : `5${clientNumber}` },
        { name: 'Nama', value: name },
        { name: 'Tarif/Daya', value: TARIFFS[k % TARIFFS.length]! },
      ],
    };
  }
  const base = 25_000 + (k % 8_750) * 100;
  const total = base + p.admin;
  const common = [
    { name: 'No. Pelanggan', value: clientNumber },
    { name: 'Nama', value: maskName(name) },
  ];
  const byCategory: Record<string, Array<{ name: string; value: string }>> = {
    'Listrik PLN': [
      { name: 'IDPEL', value: clientNumber },
      { name: 'Nama', value: maskName(name) },
      { name: 'Tarif/Daya', value: TARIFFS[k % TARIFFS.length]! },
      { name: 'BL/TH', value: period },
      { name: 'Stand Meter', value: `${String(k % 90_000).padStart(5, '0')}-${String((k % 90_000) + 120 + (k % 300)).padStart(5, '0')}` },
      { name: 'RP TAG PLN', value: rp(base) },
      { name: 'ADMIN BANK', value: rp(p.admin) },
      { name: 'TOTAL BAYAR', value: rp(total) },
    ],
    BPJS: [
      { name: 'No. VA', value: clientNumber },
      { name: 'Nama', value: maskName(name) },
      { name: 'Jumlah Peserta', value: `${1 + (k % 4)} orang` },
      { name: 'Periode', value: `${1 + (k % 3)} bulan` },
      { name: 'Tagihan', value: rp(base) },
      { name: 'Biaya Admin', value: rp(p.admin) },
      { name: 'Total Bayar', value: rp(total) },
    ],
    PDAM: [
      { name: 'Nama PDAM', value: p.name },
      ...common,
      { name: 'Periode', value: period },
      { name: 'Pemakaian', value: `${5 + (k % 40)} M3` },
      { name: 'Jumlah Tagihan', value: rp(base) },
      { name: 'Biaya Admin', value: rp(p.admin) },
      { name: 'Total Tagihan', value: rp(total) },
    ],
  };
  const lines = byCategory[p.category] ?? [
    ...common,
    { name: 'Periode', value: period },
    { name: 'Tagihan', value: rp(base) },
    { name: 'Biaya Admin', value: rp(p.admin) },
    { name: 'Total Bayar', value: rp(total) },
  ];
  return { clientName: maskName(name), base, admin: p.admin, lines, meterId: p.category === 'Listrik PLN' ? clientNumber : '', period };
}

export type Fulfilment = { serial: string; voucher: string; lines: Array<{ name: string; value: string }> };

function digits(seed: string, n: number): string {
  let out = '';
  let i = 0;
  while (out.length < n) out += createHash('sha256').update(`${seed}:${i++}`).digest().toString('hex').replace(/\D/g, '');
  return out.slice(0, n);
}

/** What a successful order delivers, per product type (sat.md §4.6, Appendix A6/A8). */
export function fulfil(p: SimProduct, clientNumber: string, requestId: string, now: number): Fulfilment {
  const seed = `${requestId}:${p.code}`;
  switch (p.delivery) {
    case 'token': {
      const t = digits(seed, 20);
      const bill = billFor(p, clientNumber, now);
      const kwh = ((p.nominal ?? 0) / 1444.7).toFixed(1).replace('.', ',');
      return {
        voucher: t.replace(/(\d{4})(?=\d)/g, '$1 '),
        serial: `${t.slice(0, 4)} ${t.slice(4, 12)} ${t.slice(12, 16)} ${t.slice(16)}`,
        lines: [...bill.lines, { name: 'kWh', value: kwh }, { name: 'Token', value: t.replace(/(\d{4})(?=\d)/g, '$1 ') }],
      };
    }
    case 'voucher': {
      const code = createHash('sha256').update(seed).digest('base64').replace(/[^A-Z0-9]/gi, '').toUpperCase().slice(0, 16);
      const serial = `V${digits(seed, 11)}`;
      return { voucher: code.replace(/(.{4})(?=.)/g, '$1-'), serial, lines: [{ name: 'Nomor Referensi', value: serial }] };
    }
    case 'bill': {
      const ref = digits(seed, 12);
      const bill = billFor(p, clientNumber, now);
      return { voucher: '', serial: ref, lines: [...bill.lines, { name: 'No.Reff', value: ref }] };
    }
    default: {
      const sn = `${p.operator.slice(0, 4).toUpperCase()}${digits(seed, 10)}`;
      return { voucher: '', serial: sn, lines: [{ name: 'Nomor', value: clientNumber }, { name: 'Serial Number', value: sn }] };
    }
  }
}
