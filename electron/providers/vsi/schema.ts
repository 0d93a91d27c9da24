// Zod schemas of VSI's answers (vsi.md §1.3). Every field is a string as received; numbers are
// parsed by the helpers below so that a malformed amount is a validation failure, not NaN.
import { z } from 'zod';

const text = z.string();
const opt = text.optional();

export const VsiEnvelope = z
  .object({
    status: opt,
    rc: opt,
    rcm: opt,
  })
  .passthrough();

export const VsiInquiryFields = z
  .object({
    refnum: text,
    msn: text,
    idpel: text,
    nama: text,
    tarifdaya: opt,
    segmenpower: opt,
    adm: opt,
    admin: opt,
    jmltokenunsold: opt,
    text: opt,
  })
  .passthrough();

export const VsiPurchaseFields = z
  .object({
    token: opt,
    text: opt,
    tanggal: opt,
    date: opt,
    nama: opt,
    msn: opt,
    idpel: opt,
    tarifdaya: opt,
    segmenpower: opt,
    nominal: opt,
    jmlkwh: opt,
    ppn: opt,
    ppj: opt,
    materai: opt,
    adm: opt,
    admin: opt,
    angsuran: opt,
    refnum: opt,
  })
  .passthrough();

export type VsiInquiryFields = z.infer<typeof VsiInquiryFields>;
export type VsiPurchaseFields = z.infer<typeof VsiPurchaseFields>;

/** Integer rupiah from an XML amount tag ("201600"); Indonesian grouping tolerated ("201.600"). */
export function parseVsiInteger(value: string | undefined): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (/^\d{1,3}(\.\d{3})+$/.test(v)) return Number(v.replace(/\./g, ''));
  return null;
}

export type TariffPower = { tariff: string; powerVa: number | null; display: string };

/** "R2/7000", "R1 /000001300", "R1M /900VA" → {tariff, powerVa}; the raw string if it does not parse. */
export function parseTariffPower(raw: string): TariffPower {
  const m = /^\s*([A-Z]+\d*[A-Z]*)\s*\/\s*0*(\d*)\s*(VA)?\s*$/i.exec(raw);
  if (!m) return { tariff: raw.trim(), powerVa: null, display: raw.trim() };
  const tariff = m[1]!.toUpperCase();
  const powerVa = m[2] ? Number(m[2]) : null;
  return { tariff, powerVa, display: powerVa ? `${tariff}/${powerVa} VA` : tariff };
}

export function collapseSpaces(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
