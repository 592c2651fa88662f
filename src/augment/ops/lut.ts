/**
 * Look-up tables: most colour ops map each byte value through a 256-entry table, one table for
 * every channel or one per channel.
 */
import type { ImageShape } from '../augmentation.js';

/** `dst[k] = table[src[k]]`. Works in place. */
export function applyTable(src: Uint8Array, dst: Uint8Array, table: Uint8Array): void {
  for (let k = 0; k < src.length; k++) dst[k] = table[src[k]!]!;
}

/** Like {@link applyTable} with table `c` (256 bytes from `c * 256` of `tables`) for channel `c`. Works in place. */
export function applyChannelTables(src: Uint8Array, dst: Uint8Array, shape: ImageShape, tables: Uint8Array): void {
  const { channels } = shape;
  for (let c = 0; c < channels; c++) {
    const base = c * 256;
    for (let k = c; k < src.length; k += channels) dst[k] = tables[base + src[k]!]!;
  }
}

/** A table from a function of the byte value, its result clamped to [0, 255] and truncated. */
export function tableOf(f: (value: number) => number): Uint8Array {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.min(255, Math.max(0, Math.trunc(f(v))));
  return table;
}

/** Per-channel histograms: `channels * 256` counts, channel c's from `c * 256`. */
export function channelHistograms(src: Uint8Array, shape: ImageShape): Int32Array {
  const { channels } = shape;
  const counts = new Int32Array(channels * 256);
  for (let c = 0; c < channels; c++) {
    for (let k = c; k < src.length; k += channels) counts[c * 256 + src[k]!]!++;
  }
  return counts;
}
