// PNG pictures without a library: a 1-bit picture (the virtual printer's raster image, 1 = a burnt
// dot) for the paper's HTML, and any rows a caller has (tests make RGBA pictures with it).
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** `rows`: each row's bytes in PNG's layout, without the filter byte. Colour type 0 = grey, 6 = RGBA. */
export function encodePng(width: number, height: number, bitDepth: 1 | 8, colorType: 0 | 6, rows: (y: number) => Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([bitDepth, colorType, 0, 0, 0], 8);
  const raw = Buffer.concat(Array.from({ length: height }, (_, y) => Buffer.concat([Buffer.from([0]), rows(y)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** PNG's 1-bit grey has 0 = black: the printer's bits are inverted. */
export function bitmapPng(width: number, height: number, bits: Uint8Array): Buffer {
  const rowBytes = Math.ceil(width / 8);
  return encodePng(width, height, 1, 0, (y) => bits.subarray(y * rowBytes, (y + 1) * rowBytes).map((b) => ~b & 0xff));
}
