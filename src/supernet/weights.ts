/**
 * Weights as a flat, named list of float32 buffers: what the LMDB store keeps (content-addressed)
 * and what checkpoints and exports are made of.
 */
import type { NamedTensor } from '../store/schema.js';
import type { TensorSpec } from './layout.js';

// One declaration, the store's: it keeps exactly these buffers.
export type { NamedTensor } from '../store/schema.js';

/**
 * Indexes `weights` by name after checking they match `layout` exactly: every tensor present
 * once, with its shape and a buffer of the right length; nothing extra.
 */
export function checkWeights(layout: readonly TensorSpec[], weights: readonly NamedTensor[]): Map<string, NamedTensor> {
  const byName = new Map<string, NamedTensor>();
  for (const tensor of weights) {
    if (byName.has(tensor.name)) throw new Error(`weights list "${tensor.name}" twice`);
    byName.set(tensor.name, tensor);
  }
  for (const spec of layout) {
    const tensor = byName.get(spec.name);
    if (!tensor) throw new Error(`weights lack "${spec.name}" (shape ${spec.shape.join('x')})`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (tensor.shape.join('x') !== spec.shape.join('x') || tensor.data.length !== size) {
      throw new Error(
        `weights "${spec.name}" have shape ${tensor.shape.join('x')} (${tensor.data.length} values); expected ${spec.shape.join('x')}`,
      );
    }
  }
  const expected = new Set(layout.map((spec) => spec.name));
  const extra = weights.filter((tensor) => !expected.has(tensor.name)).map((tensor) => tensor.name);
  if (extra.length > 0) throw new Error(`weights hold tensors the network does not have: ${extra.join(', ')}`);
  return byName;
}
