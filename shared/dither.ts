// A logo for the thermal printer: any picture, scaled to the paper's width at most, turned into
// black and white dots by Floyd–Steinberg error diffusion (grey areas become a fine pattern, as
// thermal printers can only burn a dot or leave it). Pure, so the settings screen (which reads
// the picture with the browser's canvas) and the tests run the same code.

export type Rgba = { width: number; height: number; data: ArrayLike<number> };
/** 1 bit per dot, 1 = black, rows padded to whole bytes. */
export type DitheredLogo = { width: number; height: number; bits: Uint8Array };

/** Printable dots across: 58 mm paper 384, 80 mm 576. */
export const dotsAcross = (paper: 58 | 80): number => (paper === 80 ? 576 : 384);
export const MAX_LOGO_HEIGHT = 400;

/** The size a picture prints at: no wider than the paper (nor than half of it, for a logo), no taller than the limit. */
export function logoSize(width: number, height: number, paper: 58 | 80): { width: number; height: number } {
  const maxW = Math.floor(dotsAcross(paper) / 2 / 8) * 8;
  const scale = Math.min(1, maxW / width, MAX_LOGO_HEIGHT / height);
  // Whole multiples of 8 dots both ways: the printer pads to them anyway, so the preview is the print.
  const eight = (n: number): number => Math.max(8, Math.round(n / 8) * 8);
  return { width: eight(width * scale), height: Math.min(MAX_LOGO_HEIGHT, eight(height * scale)) };
}

export function dither(img: Rgba): DitheredLogo {
  const { width, height, data } = img;
  // Luminance, with transparent pixels as white paper.
  const lum = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const a = (data[i * 4 + 3] ?? 255) / 255;
    const l = 0.299 * (data[i * 4] ?? 0) + 0.587 * (data[i * 4 + 1] ?? 0) + 0.114 * (data[i * 4 + 2] ?? 0);
    lum[i] = l * a + 255 * (1 - a);
  }
  const rowBytes = Math.ceil(width / 8);
  const bits = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const old = lum[i]!;
      const black = old < 128;
      if (black) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
      const err = old - (black ? 0 : 255);
      if (x + 1 < width) lum[i + 1]! += (err * 7) / 16;
      if (y + 1 < height) {
        if (x > 0) lum[i + width - 1]! += (err * 3) / 16;
        lum[i + width]! += (err * 5) / 16;
        if (x + 1 < width) lum[i + width + 1]! += err / 16;
      }
    }
  }
  return { width, height, bits };
}
