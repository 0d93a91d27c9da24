// The logo's dots: white stays paper, black burns, grey becomes a pattern of about its darkness,
// and the size fits the paper in whole multiples of 8 dots.
import { describe, expect, it } from 'vitest';
import { dither, logoSize } from '../../shared/dither';

const flat = (w: number, h: number, v: number, a = 255) => ({ width: w, height: h, data: Uint8Array.from({ length: w * h * 4 }, (_, i) => (i % 4 === 3 ? a : v)) });
const blackShare = (bits: Uint8Array, w: number, h: number): number => {
  let n = 0;
  for (const b of bits) for (let k = 0; k < 8; k++) n += (b >> k) & 1;
  return n / (w * h);
};

describe('logo dithering', () => {
  it('white is paper, black is dots, a mid grey is half dots, transparent is paper', () => {
    expect(blackShare(dither(flat(16, 8, 255)).bits, 16, 8)).toBe(0);
    expect(blackShare(dither(flat(16, 8, 0)).bits, 16, 8)).toBe(1);
    expect(blackShare(dither(flat(64, 64, 128)).bits, 64, 64)).toBeCloseTo(0.5, 1);
    expect(blackShare(dither(flat(16, 8, 0, 0)).bits, 16, 8)).toBe(0);
  });

  it('sizes a picture to at most half the paper across, in multiples of 8 dots', () => {
    expect(logoSize(300, 120, 58)).toEqual({ width: 192, height: 80 });
    expect(logoSize(1000, 1000, 80)).toEqual({ width: 288, height: 288 });
    expect(logoSize(20, 3, 58)).toEqual({ width: 24, height: 8 });
    expect(logoSize(100, 4000, 58).height).toBe(400);
  });
});
