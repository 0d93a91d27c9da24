// A small PNG for tests that upload a picture (the printer logo).
import { encodePng } from '../../electron/receipts/bitmap-png';

/** A width×height PNG whose pixel (x, y) is `rgba(x, y)`. */
export function png(width: number, height: number, rgba: (x: number, y: number) => [number, number, number, number]): Buffer {
  return encodePng(width, height, 8, 6, (y) => Uint8Array.from({ length: width * 4 }, (_, i) => Math.round(rgba(i >> 2, y)[i & 3] ?? 255)));
}
