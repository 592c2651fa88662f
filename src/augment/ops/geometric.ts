/**
 * Geometric ops as Pillow's `Image.transform(AFFINE)` and `Image.rotate` do them with nearest
 * sampling: each output pixel centre (x + ½, y + ½) is mapped back to a source point; the pixel
 * containing it is copied, and points outside the image get `fill` in every channel. Source and
 * destination must be different buffers.
 */
import type { ImageShape } from '../augmentation.js';

/** Mid grey: where a shift or rotation uncovers the image, AutoAugment's reference code fills with 128. */
export const FILL = 128;

/** Source point of output (x, y): (a x + b y + c, d x + e y + f), Pillow's affine coefficient order. */
export type Affine = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

export function affine(src: Uint8Array, dst: Uint8Array, shape: ImageShape, matrix: Affine, fill = FILL): void {
  const { height, width, channels } = shape;
  const [a, b, c, d, e, f] = matrix;
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    for (let x = 0; x < width; x++) {
      const cx = x + 0.5;
      const sx = Math.floor(a * cx + b * cy + c);
      const sy = Math.floor(d * cx + e * cy + f);
      const out = (y * width + x) * channels;
      if (sx < 0 || sx >= width || sy < 0 || sy >= height) {
        for (let k = 0; k < channels; k++) dst[out + k] = fill;
      } else {
        const from = (sy * width + sx) * channels;
        for (let k = 0; k < channels; k++) dst[out + k] = src[from + k]!;
      }
    }
  }
}

/** Output (x, y) reads source (x + shear * y, y): rows slide sideways, more further down. */
export function shearX(src: Uint8Array, dst: Uint8Array, shape: ImageShape, shear: number): void {
  affine(src, dst, shape, [1, shear, 0, 0, 1, 0]);
}

/** Output (x, y) reads source (x, y + shear * x). */
export function shearY(src: Uint8Array, dst: Uint8Array, shape: ImageShape, shear: number): void {
  affine(src, dst, shape, [1, 0, 0, shear, 1, 0]);
}

/** Output (x, y) reads source (x + pixels, y): positive `pixels` moves the content left. */
export function translateX(src: Uint8Array, dst: Uint8Array, shape: ImageShape, pixels: number): void {
  affine(src, dst, shape, [1, 0, pixels, 0, 1, 0]);
}

/** Output (x, y) reads source (x, y + pixels): positive `pixels` moves the content up. */
export function translateY(src: Uint8Array, dst: Uint8Array, shape: ImageShape, pixels: number): void {
  affine(src, dst, shape, [1, 0, 0, 0, 1, pixels]);
}

/** Rotates the content `degrees` counter-clockwise about the image centre, as Pillow's `rotate`. */
export function rotate(src: Uint8Array, dst: Uint8Array, shape: ImageShape, degrees: number): void {
  const theta = (-degrees * Math.PI) / 180;
  // Pillow rounds the coefficients to 15 places, so exact right angles map pixel centres exactly.
  const cos = roundTo15(Math.cos(theta));
  const sin = roundTo15(Math.sin(theta));
  const [cx, cy] = [shape.width / 2, shape.height / 2];
  affine(src, dst, shape, [cos, sin, cx - cos * cx - sin * cy, -sin, cos, cy + sin * cx - cos * cy]);
}

function roundTo15(value: number): number {
  return Math.round(value * 1e15) / 1e15;
}
