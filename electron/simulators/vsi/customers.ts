// Deterministic fake PLN customers. Any valid number is a customer; numbers starting with "99"
// pick a scenario by their last two digits (README "VSI simulator scenarios").
import { createHash } from 'node:crypto';

export type Scenario =
  | 'success'
  | 'inq_unknown' // 14: INQ 0014
  | 'deposit' // 46: PAY 0046
  | 'kwh_limit' // 47: PAY 0047
  | 'vending_failed' // 51: PAY 0051, advice finds nothing
  | 'vending_pending' // 52: PAY 0052, advice 0018 for pendingMs, then success
  | 'timeout_advice' // 68: PAY 0068, advice 0018 for pendingMs, then success
  | 'timeout_no_refund' // 70: PAY 0070, advice 0018 for pendingMs, then success
  | 'in_process' // 18: PAY 0018, advice 0018 for pendingMs, then success
  | 'hang_commit' // 30: PAY hangs past the client timeout, commits success
  | 'hang_lost' // 32: PAY hangs, never commits: advice 0096 forever
  | 'slow_inquiry' // 33: INQ answers after hangMs
  | 'http500_commit' // 50: PAY commits success, answers HTTP 500
  | 'html502' // 02: a proxy's HTML 502, nothing committed
  | 'garbage_commit' // 60: PAY commits success, answers a truncated body
  | 'quirks' // 61: success in the seed's malformed dialect
  | 'no_token_commit'; // 62: PAY 0000 without <token>, committed

const SCENARIOS: Record<string, Scenario> = {
  '14': 'inq_unknown',
  '46': 'deposit',
  '47': 'kwh_limit',
  '51': 'vending_failed',
  '52': 'vending_pending',
  '68': 'timeout_advice',
  '70': 'timeout_no_refund',
  '18': 'in_process',
  '30': 'hang_commit',
  '32': 'hang_lost',
  '33': 'slow_inquiry',
  '50': 'http500_commit',
  '02': 'html502',
  '60': 'garbage_commit',
  '61': 'quirks',
  '62': 'no_token_commit',
};

export function scenarioOf(number: string): Scenario {
  if (!number.startsWith('99')) return 'success';
  return SCENARIOS[number.slice(-2)] ?? 'success';
}

export type TariffClass = { tariff: string; va: number; rateHundredths: number };

// Tariff adjustment table (domain.md §2.3), Rp/kWh in hundredths.
const TARIFFS: readonly TariffClass[] = [
  { tariff: 'R1', va: 450, rateHundredths: 41_500 },
  { tariff: 'R1', va: 900, rateHundredths: 60_500 },
  { tariff: 'R1M', va: 900, rateHundredths: 135_200 },
  { tariff: 'R1', va: 1300, rateHundredths: 144_470 },
  { tariff: 'R1', va: 2200, rateHundredths: 144_470 },
  { tariff: 'R2', va: 3500, rateHundredths: 169_953 },
  { tariff: 'R2', va: 5500, rateHundredths: 169_953 },
  { tariff: 'R3', va: 6600, rateHundredths: 169_953 },
  { tariff: 'B2', va: 6600, rateHundredths: 144_470 },
];

const NAMES = [
  'SITI AMINAH',
  'BUDI SANTOSO',
  'DEWI LESTARI',
  'AGUS SETIAWAN',
  'RATNA SARI DEWI',
  'HENDRA WIJAYA',
  'NUR HIDAYAH',
  'MUHAMMAD YUSUF HAKIM',
  "MA'RUF AMIN SUBAGYO",
  'I GUSTI AYU PUTU SRI WAHYUNI',
  'KOPERASI TANI MAKMUR & SEJAHTERA',
];

export type Customer = {
  meter: string;
  idpel: string;
  name: string;
  tariff: TariffClass;
  ppjBasisPoints: number;
  admin: number;
  angsuran: number;
  scenario: Scenario;
};

function hashInt(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** The customer behind a typed meter (11) or IDPEL (12) number, or null if not a valid length. */
export function customerFor(number: string): Customer | null {
  if (!/^\d{11,12}$/.test(number)) return null;
  const scenario = scenarioOf(number);
  // The seed's own example customer: both of its numbers succeed with its data.
  if (number === '88888888888' || number === '885555555555') {
    return {
      meter: '88888888888',
      idpel: '885555555555',
      name: "TestDu''mmyPanjang8855555",
      tariff: { tariff: 'R2', va: 7000, rateHundredths: 169_953 },
      ppjBasisPoints: 0,
      admin: 1600,
      angsuran: 0,
      scenario: 'success',
    };
  }
  const meter = number.length === 11 ? number : number.slice(1);
  const idpel = number.length === 12 ? number : `5${number}`;
  const h = hashInt(meter);
  return {
    meter,
    idpel,
    name: scenario === 'quirks' ? "TestDu''mmyPanjang8811111" : NAMES[h % NAMES.length]!,
    tariff: TARIFFS[(h >>> 4) % TARIFFS.length]!,
    ppjBasisPoints: [300, 500, 800, 1000][(h >>> 8) % 4]!,
    admin: [1600, 2500, 3000][(h >>> 12) % 3]!,
    angsuran: (h >>> 16) % 10 === 0 ? 5000 : 0,
    scenario,
  };
}

/** Stamp duty on purchases above Rp5,000,000 (domain.md §2.2). */
export function materaiFor(denomination: number): number {
  return denomination > 5_000_000 ? 10_000 : 0;
}

export type Vend = { energy: number; ppj: number; materai: number; kwhTenths: number };

/** The vendor formula: energy = (denom − materai − angsuran) / (1 + PPJ); kWh = energy / tariff. */
export function vend(c: Customer, denomination: number): Vend {
  const materai = materaiFor(denomination);
  const base = denomination - materai - c.angsuran;
  const energy = Math.floor((base * 10_000) / (10_000 + c.ppjBasisPoints));
  const kwhTenths = Math.round((energy * 1000) / c.tariff.rateHundredths);
  return { energy, ppj: base - energy, materai, kwhTenths };
}
