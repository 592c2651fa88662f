/**
 * Pillow's ImageEnhance ops: each blends the image with a "degenerate" version of itself,
 * `out = degenerate + factor * (image − degenerate)`. Factor 1 is the identity, 0 gives the
 * degenerate image, and factors above 1 push away from it (clamped to [0, 255], then truncated
 * as Pillow's blend does, so no value wraps around).
 *
 * - Brightness: degenerate is black.
 * - Color: degenerate is the grey image (ITU-R 601 luma for 3 channels, the rounded channel mean
 *   otherwise, so a 1-channel image is its own grey and Color leaves it unchanged).
 * - Contrast: degenerate is a flat image at the rounded mean grey level.
 * - Sharpness: degenerate is the image smoothed by Pillow's SMOOTH kernel (1 1 1 / 1 5 1 / 1 1 1,
 *   divided by 13, rounded); border pixels are kept from the original, as in Pillow.
 */
import type { ImageShape } from '../augmentation.js';

/** `dst = degenerate + factor * (src − degenerate)`, clamped and truncated. Works in place. */
export function blend(src: Uint8Array, degenerate: Uint8Array, dst: Uint8Array, factor: number): void {
  for (let k = 0; k < src.length; k++) {
    const d = degenerate[k]!;
    const v = d + factor * (src[k]! - d);
    dst[k] = v <= 0 ? 0 : v >= 255 ? 255 : v; // storing a float in a Uint8Array truncates it
  }
}

export function brightness(src: Uint8Array, dst: Uint8Array, factor: number): void {
  blend(src, new Uint8Array(src.length), dst, factor);
}

export function color(src: Uint8Array, dst: Uint8Array, shape: ImageShape, factor: number): void {
  const grey = new Uint8Array(src.length);
  const { channels } = shape;
  for (let k = 0; k < src.length; k += channels) {
    const level = greyLevel(src, k, channels);
    for (let c = 0; c < channels; c++) grey[k + c] = level;
  }
  blend(src, grey, dst, factor);
}

export function contrast(src: Uint8Array, dst: Uint8Array, shape: ImageShape, factor: number): void {
  const { channels } = shape;
  let sum = 0;
  for (let k = 0; k < src.length; k += channels) sum += greyLevel(src, k, channels);
  const pixels = src.length / channels;
  blend(src, new Uint8Array(src.length).fill(Math.floor(sum / pixels + 0.5)), dst, factor);
}

export function sharpness(src: Uint8Array, dst: Uint8Array, shape: ImageShape, factor: number): void {
  const { height, width, channels } = shape;
  const smooth = src.slice();
  const row = width * channels;
  for (let y = 1; y < height - 1; y++) {
    for (let k = y * row + channels; k < (y + 1) * row - channels; k++) {
      const around =
        src[k - row - channels]! + src[k - row]! + src[k - row + channels]! +
        src[k - channels]! + src[k + channels]! +
        src[k + row - channels]! + src[k + row]! + src[k + row + channels]!;
      smooth[k] = Math.round((around + 5 * src[k]!) / 13);
    }
  }
  blend(src, smooth, dst, factor);
}

/** The grey level of the pixel whose first channel is at `k`. */
function greyLevel(src: Uint8Array, k: number, channels: number): number {
  if (channels === 3) return (src[k]! * 19595 + src[k + 1]! * 38470 + src[k + 2]! * 7471 + 0x8000) >>> 16; // Pillow's RGB -> L
  let sum = 0;
  for (let c = 0; c < channels; c++) sum += src[k + c]!;
  return Math.round(sum / channels);
}
