// Reads the owner's logo picture with the browser's canvas, sized for the paper, and dithers it
// to the black-and-white dots a thermal printer burns.
import { dither, logoSize } from '../../../shared/dither';
import type { PrinterLogo } from '../../../shared/printing';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export async function logoFromFile(file: File, paper: 58 | 80): Promise<PrinterLogo> {
  const bitmap = await createImageBitmap(file);
  const size = logoSize(bitmap.width, bitmap.height, paper);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d is not available');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const d = dither(ctx.getImageData(0, 0, size.width, size.height));
  return { width: d.width, height: d.height, bits: toBase64(d.bits) };
}
