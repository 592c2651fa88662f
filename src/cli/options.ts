/**
 * Parsers for CLI option values. Each checks one value at the edge and says what is allowed;
 * commander prefixes the message with the option's name.
 */
import { InvalidArgumentError } from 'commander';

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`must be a whole number ${range} (got "${value}")`);
    }
    return n;
  };
}

/** The largest image side a flag accepts (ImageNet-sized inputs are 224). */
export const MAX_IMAGE_SIDE = 4096;

/** An image side ("32") or height x width ("32x48"), each from 1 to MAX_IMAGE_SIDE. */
export function imageSize(value: string): number | [number, number] {
  const match = /^\s*(\d+)(?:x(\d+))?\s*$/.exec(value);
  const [height, width] = [Number(match?.[1]), Number(match?.[2] ?? match?.[1])];
  // Checked up front: a side of 20000 failed only after half a minute, allocating the images.
  if (!match || !(height >= 1 && width >= 1 && height <= MAX_IMAGE_SIDE && width <= MAX_IMAGE_SIDE)) {
    throw new InvalidArgumentError(`must be a side from 1 to ${MAX_IMAGE_SIDE} like "32" or height x width like "32x48" (got "${value}")`);
  }
  return match[2] === undefined ? height : [height, width];
}

/** A finite number above 0 ("0.1", "1e-3"). */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`must be a number above 0 (got "${value}")`);
  }
  return n;
}

/** A finite number ≥ 0 ("0", "5e-4"). */
export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`must be a number ≥ 0 (got "${value}")`);
  }
  return n;
}

/** A number in [0, 1) (a fraction such as label smoothing's epsilon). */
export function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n < 1)) {
    throw new InvalidArgumentError(`must be a number from 0 up to (not including) 1 (got "${value}")`);
  }
  return n;
}

/** Rising whole numbers separated by commas ("60,120,160"), each ≥ 1. */
export function risingList(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || numbers.some((n, i) => n < 1 || (i > 0 && n <= (numbers[i - 1] as number)))) {
    throw new InvalidArgumentError(`must be rising whole numbers ≥ 1 separated by commas, like 60,120,160 (got "${value}")`);
  }
  return numbers;
}
