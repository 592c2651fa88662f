/**
 * Test images of an entry's dataset for the in-browser classification page: the first `count`
 * images of the test split, normalised exactly as training normalised them, with their raw
 * pixels (for drawing), labels and class names. Loaded once per dataset.
 */
import { gatherBatch } from '../data/batches.js';
import { loadDataset } from '../data/load.js';
import { normaliseBatch } from '../data/normalise.js';
import type { Dataset } from '../data/dataset.js';

export interface TestImages {
  readonly dataset: string;
  /** NHWC. */
  readonly shape: readonly [number, number, number, number];
  /** Normalised float32 values, row-major NHWC. */
  readonly data: readonly number[];
  /** The uint8 pixels, NHWC. */
  readonly pixels: readonly number[];
  readonly labels: readonly number[];
  readonly classNames: readonly string[];
}

export const MAX_TEST_IMAGES = 256;

export class TestImageSource {
  private readonly datasets = new Map<string, Promise<Dataset>>();

  async images(dataset: string, count: number): Promise<TestImages> {
    let loading = this.datasets.get(dataset);
    if (!loading) {
      loading = loadDataset(dataset);
      this.datasets.set(dataset, loading);
      loading.catch(() => this.datasets.delete(dataset));
    }
    const data = await loading;
    const n = Math.min(count, data.test.count);
    const indices = Array.from({ length: n }, (_, i) => i);
    const batch = gatherBatch(data.test, indices, data.classNames.length);
    const normalised = normaliseBatch(batch, data);
    return {
      dataset,
      shape: normalised.shape,
      data: Array.from(normalised.data),
      pixels: Array.from(batch.images),
      labels: indices.map((i) => data.test.labels[i] as number),
      classNames: data.classNames,
    };
  }
}
