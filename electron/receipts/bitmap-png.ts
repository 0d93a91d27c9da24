// A 1-bit picture (the virtual printer's raster image, 1 = a burnt dot) as a PNG, so the paper's
// HTML can carry the logo without a canvas. PNG's 1-bit greyscale has 0 = black: the bits are inverted.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

export function bitmapPng(width: number, height: number, bits: Uint8Array): Buffer {
  const rowBytes = Math.ceil(width / 8);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8);
  const raw = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < rowBytes; x++) raw[y * (rowBytes + 1) + 1 + x] = ~(bits[y * rowBytes + x] ?? 0) & 0xff;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
