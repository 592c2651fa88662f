/**
 * A minimal PNG encoder for 8-bit images (1 channel: grey, 2: grey + alpha, 3: RGB, 4: RGBA),
 * enough to write previews without a dependency: no filtering, one zlib-compressed IDAT chunk.
 * See the PNG specification (W3C, 2003), sections 5 and 11.
 */
import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE: Readonly<Record<number, number>> = { 1: 0, 2: 4, 3: 2, 4: 6 };

/** The PNG file for `pixels`, row-major HWC bytes. */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: number): Buffer {
  const colourType = COLOUR_TYPE[channels];
  if (colourType === undefined) throw new RangeError(`PNG needs 1 to 4 channels (got ${channels})`);
  if (pixels.length !== width * height * channels) throw new RangeError(`expected ${width * height * channels} bytes for ${width}x${height}x${channels} (got ${pixels.length})`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colourType, 0, 0, 0], 8); // bit depth, colour type, compression, filter, interlace
  const rowBytes = width * channels;
  const raw = Buffer.alloc(height * (rowBytes + 1)); // each row starts with filter type 0 (none)
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 (ISO 3309) that every PNG chunk ends with. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
