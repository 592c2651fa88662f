/** Summary statistics of image data: per-channel mean/std and class histograms. */

/** Per-channel mean and standard deviation of pixel values scaled to 0..1. */
export interface ChannelStats {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * Mean and (population) standard deviation of each channel over all images, with pixels read as
 * value / 255 — the convention of the usual published figures (CIFAR-10: 0.4914, 0.4822, 0.4465).
 * Sums are kept per value (a 256-bin histogram per channel), so the result is exact and the pass
 * over the pixels is one increment per byte.
 */
export function channelStats(images: Uint8Array, channels: number): ChannelStats {
  const histogram = new Float64Array(channels * 256);
  for (let p = 0; p < images.length; p += channels) {
    for (let c = 0; c < channels; c++) histogram[c * 256 + (images[p + c] as number)]! += 1;
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    let n = 0;
    let sum = 0;
    let squares = 0;
    for (let v = 0; v < 256; v++) {
      const k = histogram[c * 256 + v] as number;
      n += k;
      sum += k * v;
      squares += k * v * v;
    }
    const m = n === 0 ? 0 : sum / n;
    mean.push(m / 255);
    std.push(n === 0 ? 0 : Math.sqrt(Math.max(0, squares / n - m * m)) / 255);
  }
  return { mean, std };
}

/** How many labels fall in each class 0..classes-1. */
export function classHistogram(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i] as number]! += 1;
  return counts;
}
