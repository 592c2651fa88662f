/**
 * Ops that remap pixel values, as Pillow's ImageOps defines them (the library the AutoAugment
 * and RandAugment reference code calls): Invert, Solarize, Posterize, AutoContrast, Equalize.
 * Each works on any channel count, channel by channel, and may run in place (src === dst).
 */
import type { ImageShape } from '../augmentation.js';
import { applyChannelTables, applyTable, channelHistograms, tableOf } from './lut.js';

/** 255 − v. */
export function invert(src: Uint8Array, dst: Uint8Array): void {
  for (let k = 0; k < src.length; k++) dst[k] = 255 - src[k]!;
}

/** Inverts the values at or above `threshold` (0..256; 256 changes nothing, 0 inverts all). */
export function solarize(src: Uint8Array, dst: Uint8Array, threshold: number): void {
  applyTable(src, dst, tableOf((v) => (v >= threshold ? 255 - v : v)));
}

/** Keeps the top `bits` (0..8) bits of each value, zeroing the rest. */
export function posterize(src: Uint8Array, dst: Uint8Array, bits: number): void {
  const mask = (0xff << (8 - bits)) & 0xff;
  for (let k = 0; k < src.length; k++) dst[k] = src[k]! & mask;
}

/**
 * Stretches each channel linearly so its darkest value becomes 0 and its brightest 255
 * (Pillow's `autocontrast` with no cutoff, values truncated). A channel with a single value is
 * left alone.
 */
export function autoContrast(src: Uint8Array, dst: Uint8Array, shape: ImageShape): void {
  const counts = channelHistograms(src, shape);
  const tables = new Uint8Array(shape.channels * 256);
  for (let c = 0; c < shape.channels; c++) {
    const histogram = counts.subarray(c * 256, c * 256 + 256);
    let high = 255;
    while (high > 0 && histogram[high] === 0) high--;
    const low = histogram.findIndex((n) => n > 0);
    // (v − low) * 255 / (high − low) is exact at both ends; Pillow's `v * scale + offset` can
    // land a hair below 255 at the top and truncate to 254.
    tables.set(high > low ? tableOf((v) => ((v - low) * 255) / (high - low)) : tableOf((v) => v), c * 256);
  }
  applyChannelTables(src, dst, shape, tables);
}

/**
 * Histogram equalisation per channel, with Pillow's integer arithmetic: values are spread so
 * each output level holds about the same number of pixels, ignoring the top occupied level's
 * count. A channel with one occupied level, or too few pixels to fill 255 steps, is left alone.
 */
export function equalize(src: Uint8Array, dst: Uint8Array, shape: ImageShape): void {
  const counts = channelHistograms(src, shape);
  const tables = new Uint8Array(shape.channels * 256);
  for (let c = 0; c < shape.channels; c++) tables.set(equalizeTable(counts.subarray(c * 256, c * 256 + 256)), c * 256);
  applyChannelTables(src, dst, shape, tables);
}

/** Pillow's equalisation table for one channel's 256-bin histogram. */
export function equalizeTable(histogram: Int32Array): Uint8Array {
  let [occupied, total, top] = [0, 0, 0];
  for (let v = 0; v < 256; v++) {
    const n = histogram[v]!;
    if (n === 0) continue;
    [occupied, total, top] = [occupied + 1, total + n, n];
  }
  const step = occupied <= 1 ? 0 : Math.floor((total - top) / 255);
  if (step === 0) return tableOf((v) => v);
  const table = new Uint8Array(256);
  let n = Math.floor(step / 2);
  for (let v = 0; v < 256; v++) {
    table[v] = Math.min(255, Math.floor(n / step));
    n += histogram[v]!;
  }
  return table;
}
