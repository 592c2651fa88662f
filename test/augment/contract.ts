/**
 * The contract every augmentation keeps, as one property: shape, dtypes and class count kept,
 * label rows still summing to 1, the input never written, and the same seed giving the same batch.
 */
import fc from 'fast-check';
import type { Test } from 'tap';
import type { Augmentation } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { batchArb, labelsSumToOne, sameBatch, sameShape, snapshot, type BatchBounds } from './arbitraries.js';

export function keepsTheContract(t: Test, name: string, augment: Augmentation, bounds: BatchBounds = {}, numRuns = 100): void {
  holds(t, `${name}: shape, dtype and label sums kept; input untouched; same seed, same batch`, fc.property(batchArb(bounds), seedArb, (batch, seed) => {
    const before = snapshot(batch);
    const out = augment(batch, Rng.fromSeed(seed));
    const again = augment(batch, Rng.fromSeed(seed));
    return sameShape(out, batch) && labelsSumToOne(out) && sameBatch(batch, before) && sameBatch(out, again) && out.images !== batch.images;
  }), { numRuns });
}
