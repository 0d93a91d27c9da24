// One receipt, laid out once (layout.ts), printed as ESC/POS: the same lines the screen shows,
// styled for the paper (the token and headings bold, double-height where the layout marks them
// large), the payment's QR where the slip shows one, the owner's logo on top, the feed and cut,
// and the cash drawer's kick after a cash sale's original struk. The bytes come from a well-kept
// encoder; no ESC/POS table is written here by hand.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptLine } from '../../shared/contract';
import { columnsOf, type PrinterLogo, type PrinterSettings } from '../../shared/printing';

/** Code page names as the encoder spells them, and the ESC t numbers Loket assigns them (the decoder reads these back). */
export const CODEPAGE_NAME = { cp437: 'cp437', cp850: 'cp850', cp858: 'cp858', cp1252: 'windows1252' } as const;
export const CODEPAGE_NUMBER: Record<string, number> = { cp437: 0, cp850: 2, cp858: 19, windows1252: 16 };

export type PrintableReceipt = { lines: readonly ReceiptLine[]; qr: string | null; barcode?: string | null };

/** The logo's 1-bit rows as the RGBA image the encoder dithers (already black and white). */
function logoImage(logo: PrinterLogo): { width: number; height: number; data: Uint8ClampedArray; colorSpace: 'srgb' } {
  const bits = Buffer.from(logo.bits, 'base64');
  const rowBytes = Math.ceil(logo.width / 8);
  const data = new Uint8ClampedArray(logo.width * logo.height * 4);
  for (let y = 0; y < logo.height; y++) {
    for (let x = 0; x < logo.width; x++) {
      const black = ((bits[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      const i = (y * logo.width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = black ? 0 : 255;
      data[i + 3] = 255;
    }
  }
  return { width: logo.width, height: logo.height, data, colorSpace: 'srgb' };
}

export function encodeReceipt(r: PrintableReceipt, p: PrinterSettings, opts: { kick: boolean }): Uint8Array {
  const e = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: columnsOf(p.paper), codepageMapping: CODEPAGE_NUMBER, imageMode: 'raster' });
  e.initialize().codepage(p.codepage === 'auto' ? 'auto' : CODEPAGE_NAME[p.codepage]);
  if (p.logo) e.align('center').image(logoImage(p.logo), p.logo.width, p.logo.height, 'threshold').align('left');
  for (const l of r.lines) {
    e.align(l.align === 'center' ? 'center' : 'left');
    if (l.style === 'bold' || l.style === 'large') e.bold(true);
    if (l.style === 'large') e.size(1, 2);
    e.line(l.text);
    if (l.style === 'large') e.size(1, 1);
    if (l.style === 'bold' || l.style === 'large') e.bold(false);
  }
  e.align('left');
  if (r.qr) e.align('center').qrcode(r.qr, 2, p.paper === 80 ? 7 : 6, 'm').align('left');
  if (r.barcode) e.align('center').barcode(r.barcode, 'code128', { height: 60, text: true }).align('left');
  if (p.feedLines > 0) e.newline(p.feedLines);
  if (p.cut !== 'none') e.cut(p.cut);
  if (opts.kick && p.drawerKick !== 'off') e.pulse(p.drawerKick === 'pin5' ? 1 : 0, 100, 500);
  return e.encode();
}
