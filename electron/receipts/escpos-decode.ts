// The virtual printer: reads ESC/POS bytes back into what the paper shows — text with its
// styles, QR codes, raster images, feeds, the cut and the drawer kick. It reads what Loket's
// encoder writes (and the common commands of any ESC/POS stream), so training, the tests and
// `npm run printer -- decode` see exactly what a printer would print from the same bytes.
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import type { Paper, PaperItem } from '../../shared/printing';
import { CODEPAGE_NUMBER } from './escpos';

const BY_NUMBER = new Map(Object.entries(CODEPAGE_NUMBER).map(([name, n]) => [n, name]));
const tables = new Map<string, number[]>();
function table(name: string): number[] {
  let t = tables.get(name);
  if (!t) {
    t = CodepageEncoder.getCodepoints(name as never, true);
    tables.set(name, t);
  }
  return t;
}

type Run = { text: string; bold: boolean; underline: boolean; width: number; height: number };

export function decodeEscPos(bytes: Uint8Array, columns: number): Paper {
  const items: PaperItem[] = [];
  let runs: Run[] = [];
  let style = { bold: false, underline: false, width: 1, height: 1 };
  let align: 'left' | 'center' | 'right' = 'left';
  let page = 'cp437';
  let qrData: string | null = null;
  let qrSize = 6;
  const text = (ch: string): void => {
    const last = runs.at(-1);
    if (last && last.bold === style.bold && last.underline === style.underline && last.width === style.width && last.height === style.height) last.text += ch;
    else runs.push({ text: ch, ...style });
  };
  const endLine = (): void => {
    items.push({ t: 'line', runs, align });
    runs = [];
  };
  let i = 0;
  const n = bytes.length;
  const at = (k: number): number => bytes[i + k] ?? 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      endLine();
      i += 1;
    } else if (b === 0x0d) i += 1;
    else if (b === 0x1b) {
      const c = at(1);
      if (c === 0x40) {
        style = { bold: false, underline: false, width: 1, height: 1 };
        align = 'left';
        i += 2;
      } else if (c === 0x45) (style = { ...style, bold: at(2) !== 0 }), (i += 3);
      else if (c === 0x2d) (style = { ...style, underline: at(2) !== 0 }), (i += 3);
      else if (c === 0x61) (align = at(2) === 1 || at(2) === 49 ? 'center' : at(2) === 2 || at(2) === 50 ? 'right' : 'left'), (i += 3);
      else if (c === 0x74) (page = BY_NUMBER.get(at(2)) ?? page), (i += 3);
      else if (c === 0x64) (items.push({ t: 'feed', lines: at(2) }), (i += 3));
      else if (c === 0x70) (items.push({ t: 'kick', pin: at(2) === 1 || at(2) === 49 ? 5 : 2 }), (i += 5));
      else if (c === 0x4d || c === 0x21 || c === 0x33 || c === 0x47 || c === 0x56 || c === 0x7b || c === 0x20) i += 3;
      else if (c === 0x32) i += 2;
      else i += 2;
    } else if (b === 0x1c) i += 2; // FS . (Kanji off) and its kin
    else if (b === 0x1d) {
      const c = at(1);
      if (c === 0x21) {
        const v = at(2);
        style = { ...style, width: (v >> 4) + 1, height: (v & 0x0f) + 1 };
        i += 3;
      } else if (c === 0x56) {
        const m = at(2);
        items.push({ t: 'cut', partial: m === 1 || m === 49 || m === 66 });
        i += m >= 65 ? 4 : 3;
      } else if (c === 0x28 && at(2) === 0x6b) {
        // GS ( k pL pH cn fn …: the QR symbol's store (fn 80), size (fn 67) and print (fn 81).
        const len = at(3) + at(4) * 256;
        const fn = at(6);
        if (fn === 0x43) qrSize = at(7);
        if (fn === 0x50) qrData = Buffer.from(bytes.subarray(i + 8, i + 5 + len)).toString('latin1');
        if (fn === 0x51 && qrData !== null) {
          items.push({ t: 'qr', data: qrData, size: qrSize });
          qrData = null;
        }
        i += 5 + len;
      } else if (c === 0x76 && at(2) === 0x30) {
        // GS v 0 m xL xH yL yH d…: a raster image, 1 bit per dot.
        const rowBytes = at(4) + at(5) * 256;
        const height = at(6) + at(7) * 256;
        const data = bytes.subarray(i + 8, i + 8 + rowBytes * height);
        items.push({ t: 'image', width: rowBytes * 8, height, bits: Buffer.from(data).toString('base64') });
        i += 8 + rowBytes * height;
      } else if (c === 0x6b) {
        // GS k m n d…: a barcode. CODE128 data starts with its code set ({A, {B or {C), which is not printed.
        const len = at(3);
        const data = Buffer.from(bytes.subarray(i + 4, i + 4 + len)).toString('latin1');
        items.push({ t: 'barcode', data: at(2) === 73 ? data.replace(/^\{[ABC]/, '') : data });
        i += 4 + len;
      } else if (c === 0x42 || c === 0x48 || c === 0x66 || c === 0x68 || c === 0x77 || c === 0x4c || c === 0x57) i += c === 0x4c || c === 0x57 ? 4 : 3;
      else i += 2;
    } else if (b < 0x20) i += 1;
    else {
      text(String.fromCodePoint(b < 0x80 ? b : (table(page)[b] ?? 0x3f)));
      i += 1;
    }
  }
  if (runs.length > 0) endLine();
  return { columns, items, bytes: n };
}

/** The paper as plain text, line by line (tests, logs): QR, cut and kick as markers. */
export function paperText(p: Paper): string {
  return p.items
    .map((it) => {
      switch (it.t) {
        case 'line':
          return it.runs.map((r) => r.text).join('');
        case 'qr':
          return `[QR ${it.data}]`;
        case 'barcode':
          return `[BARCODE ${it.data}]`;
        case 'image':
          return `[IMAGE ${it.width}x${it.height}]`;
        case 'feed':
          return '';
        case 'cut':
          return it.partial ? '[CUT PARTIAL]' : '[CUT]';
        case 'kick':
          return `[DRAWER PIN ${it.pin}]`;
      }
    })
    .join('\n');
}
