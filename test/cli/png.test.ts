import { inflateSync } from 'node:zlib';
import t from 'tap';
import { crc32, encodePng } from '../../src/cli/png.js';

t.test('crc32 gives the standard check value', async (t) => {
  t.equal(crc32(Buffer.from('123456789', 'ascii')), 0xcbf43926);
});

t.test('a PNG holds its size, colour type and rows, each chunk with a valid CRC', async (t) => {
  const pixels = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const png = encodePng(pixels, 2, 2, 3);
  t.same([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'signature');
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    t.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), `${type} CRC`);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  t.same(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]!.data;
  t.same([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]], [2, 2, 8, 2], '2x2, 8 bits, RGB');
  t.same([...inflateSync(chunks[1]!.data)], [0, 1, 2, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11, 12], 'rows, each after filter byte 0');
  t.equal(encodePng(new Uint8Array(4), 2, 2, 1).subarray(8 + 8 + 9, 8 + 8 + 10)[0], 0, 'one channel: grey (colour type 0)');
  t.throws(() => encodePng(new Uint8Array(5), 2, 2, 1), RangeError);
  t.throws(() => encodePng(new Uint8Array(20), 2, 2, 5), { message: /PNG needs 1 to 4 channels \(got 5\)/ });
});
