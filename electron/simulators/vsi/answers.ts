// VSI answer bodies, written the way the seed's examples are: XML declaration, one tag per line,
// a multi-line <text> block, Indonesian-formatted amounts in text, integers in tags.
import type { Customer, Vend } from './customers';
import { localParts } from '../../../shared/domain/time';

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const id = new Intl.NumberFormat('id-ID');
const rp = (n: number): string => id.format(n);
const rp2 = (n: number): string => `${id.format(n)},00`;

export function xmlDocument(tags: ReadonlyArray<readonly [string, string]>, opts: { quirks?: boolean } = {}): string {
  const body = tags.map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join('\n');
  return opts.quirks
    ? `<?xml version = "1.0"?>\n<root>\n${body}\n< / root >\n`
    : `<?xml version="1.0"?>\n<root>\n${body}\n</root>\n`;
}

export function errorXml(rc: number, message: string, ke: string): string {
  return xmlDocument([
    ['status', 'ERROR'],
    ['rc', String(rc).padStart(4, '0')],
    ['rcm', `[${rc}] ${message} ke:${ke}`],
  ]);
}

export function inquiryXml(c: Customer, refnum: string, ke: string): string {
  const tp = `${c.tariff.tariff}/${c.tariff.va}`;
  return xmlDocument([
    ['status', 'SUCCESS'],
    ['rc', '0000'],
    ['rcm', `[0] CEK TAGIHAN SUKSES ke:${ke} refnum:${refnum}`],
    ['text', `${c.meter}\n${c.name.slice(0, 12)}\n${tp} VA\nToken Unsold: 0\nAdm ${rp2(c.admin)}\n*Denom Belum Termasuk Admin\n`],
    ['refnum', refnum],
    ['msn', c.meter],
    ['idpel', c.idpel],
    ['nama', c.name],
    ['tarifdaya', tp],
    ['adm', String(c.admin)],
    ['jmltokenunsold', '0'],
  ]);
}

export type PurchaseView = {
  customer: Customer;
  denomination: number;
  vend: Vend;
  token: string;
  payref: string;
  /** PAY: the payref; ADV: the advice's own reference (as in the seed's ADV example). */
  rcmRef: string;
  at: Date;
  kwhStyle: 'decimal' | 'integer';
  adviceNewline: boolean;
  omitToken: boolean;
  quirks: boolean;
};

export function purchaseXml(v: PurchaseView): string {
  const c = v.customer;
  const p = localParts(v.at.getTime(), 'Asia/Jakarta');
  const kwhText = `${Math.floor(v.vend.kwhTenths / 10)},${v.vend.kwhTenths % 10}`;
  const kwhTag =
    v.kwhStyle === 'integer' ? String(Math.round(v.vend.kwhTenths / 10)) : `${Math.floor(v.vend.kwhTenths / 10)}.${v.vend.kwhTenths % 10}`;
  const groups = v.token.replace(/(\d{4})(?=\d)/g, '$1 ');
  const dashes = v.token.replace(/(\d{4})(?=\d)/g, '$1-');
  const nominal = v.denomination + c.admin;
  const tp = `${c.tariff.tariff}/${c.tariff.va}`;
  const rcm = `[0] PEMBAYARAN SUKSES ke:${c.meter}${v.adviceNewline ? '\n' : ' '}refnum:${v.rcmRef}`;
  const text = [
    `${p.day}/${p.month}/${p.year.slice(2)} ${p.hour}:${p.minute}`,
    v.payref,
    c.name.slice(0, 12),
    c.meter,
    c.idpel,
    `${tp} VA`,
    `RP ${rp(nominal)}`,
    `KWH${v.adviceNewline ? ' ' : ''}${kwhText}`,
    `STROOM/TOKEN ${groups}`,
    `ADM ${rp2(c.admin)}`,
  ].join('\n');
  const tags: Array<readonly [string, string]> = [
    ['status', 'SUCCESS'],
    ['rc', '0000'],
    ['rcm', rcm],
    ['text', text],
    ['tanggal', `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`],
    ['nama', c.name],
    ['msn', c.meter],
    ['idpel', c.idpel],
    ['tarifdaya', tp],
    ['nominal', String(nominal)],
    ['jmlkwh', kwhTag],
  ];
  if (!v.omitToken) tags.push(['token', dashes]);
  tags.push(
    ['ppn', '0'],
    ['ppj', String(v.vend.ppj)],
    ['adm', String(c.admin)],
    ['angsuran', String(c.angsuran)],
    ['materai', String(v.vend.materai)],
  );
  return xmlDocument(tags, { quirks: v.quirks });
}

/** What the vendor answers when `resp` is empty: plaintext of unknown shape. */
export function plaintext(xml: string): string {
  return xml
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<[^>]+>/g, '|')
    .replace(/\|+/g, '|')
    .trim();
}

export const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
