// One layout, printed as ESC/POS and read back by the virtual printer: the text and its styles,
// the token double-height, the QR, the cut and the drawer kick — from the bytes themselves.
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../electron/receipts/escpos';
import { decodeEscPos, paperText } from '../../electron/receipts/escpos-decode';
import { DEFAULT_PRINTER } from '../../shared/printing';

const lines = [
  { text: 'Loket Berkah', style: 'bold' as const, align: 'center' as const },
  { text: 'Nominal               Rp 20.000', style: 'normal' as const, align: 'left' as const },
  { text: '1234 5678 9012 3456 7890', style: 'large' as const, align: 'center' as const },
  { text: 'Terima kasih · Résumé', style: 'small' as const, align: 'left' as const },
];

describe('ESC/POS', () => {
  it('prints the layout as it reads, and the virtual printer reads it back', () => {
    const bytes = encodeReceipt({ lines, qr: '00020101021226610016ID.CO.QRIS.WWW' }, { ...DEFAULT_PRINTER, drawerKick: 'pin2' }, { kick: true });
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x1b, 0x40]);
    const paper = decodeEscPos(bytes, 32);
    const text = paperText(paper);
    expect(text).toContain('Loket Berkah');
    expect(text).toContain('Rp 20.000');
    expect(text).toContain('Terima kasih · Résumé');
    const token = paper.items.find((it) => it.t === 'line' && it.runs.some((r) => r.text.includes('1234 5678')));
    expect(token).toMatchObject({ t: 'line', runs: expect.arrayContaining([expect.objectContaining({ height: 2, bold: true })]) });
    expect(paper.items).toContainEqual({ t: 'qr', data: '00020101021226610016ID.CO.QRIS.WWW', size: 6 });
    const cut = paper.items.findIndex((it) => it.t === 'cut');
    expect(paper.items[cut]).toEqual({ t: 'cut', partial: true });
    // The drawer opens after the paper is cut, and nothing prints after it.
    expect(paper.items.slice(cut + 1).filter((it) => it.t !== 'line' || it.runs.length > 0)).toEqual([{ t: 'kick', pin: 2 }]);
  });

  it('80 mm paper, no cut and no kick when the owner says so; a logo prints as a raster image', () => {
    const logo = { width: 16, height: 8, bits: Buffer.alloc(16, 0xf0).toString('base64') };
    const bytes = encodeReceipt({ lines, qr: null }, { ...DEFAULT_PRINTER, paper: 80, cut: 'none', logo }, { kick: true });
    const paper = decodeEscPos(bytes, 48);
    expect(paper.items.some((it) => it.t === 'cut' || it.t === 'kick' || it.t === 'qr')).toBe(false);
    expect(paper.items.find((it) => it.t === 'image')).toMatchObject({ width: 16, height: 8 });
  });
});
