/** Arbitrary small convolutions, shared by the convolution kernels' property tests. */
import fc from 'fast-check';
import { seedArb } from './property.js';

export type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

export const padArb: fc.Arbitrary<Pad> = fc.oneof(
  fc.constantFrom<Pad>('same', 'valid'),
  fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)).map(([t, b, l, r]): Pad => [[0, 0], [t, b], [l, r], [0, 0]]),
);

/** A small convolution: batch, size, channels, kernel 1-3, stride 1-2, any padding. */
export const convArb = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 1, max: 9 }),
    width: fc.integer({ min: 1, max: 9 }),
    // Multiples of four take the vectorised paths (and Winograd for 3x3 stride 1); others the scalar tails.
    inChannels: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(4, 8, 12)),
    outChannels: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom(4, 8, 16)),
    kernel: fc.constantFrom(1, 3, 2),
    stride: fc.constantFrom(1, 2),
    pad: padArb,
    seed: seedArb,
  })
  .filter((c) => {
    // Keep shapes whose forward convolution has at least one output pixel.
    const [extraH, extraW] = typeof c.pad === 'string' ? [c.pad === 'same' ? c.kernel : 0, c.pad === 'same' ? c.kernel : 0] : [c.pad[1][0] + c.pad[1][1], c.pad[2][0] + c.pad[2][1]];
    return c.height + extraH >= c.kernel && c.width + extraW >= c.kernel;
  });
