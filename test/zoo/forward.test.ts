/**
 * Every family runs: a batch of 2 CIFAR-shaped images through the network gives finite logits of
 * shape [2, classes]. The stock wasm backend runs inference, so this uses it. To keep CI fast,
 * the real forward pass covers every architecture under 1 GMAC per image plus the cheapest
 * member of each family; the larger ones share those members' builders, and their logits'
 * shapes are checked symbolically (for 10 and 100 classes) in params.test.ts.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { buildModel, ZOO, type Architecture } from '../../src/zoo/index.js';

await tf.setBackend('wasm');

const GMAC = 1e9;
// The pinned reference MACs (params.test.ts checks the zoo's equal them).
const pinned = JSON.parse(readFileSync(new URL('../../../test/reference/zoo-params-torch.json', import.meta.url), 'utf8')) as {
  entries: Record<string, { macs10: number }>;
};
const macs = (a: Architecture) => pinned.entries[a.name]!.macs10;
const cheapestOfFamily = new Map<string, Architecture>();
for (const a of ZOO.values()) {
  const best = cheapestOfFamily.get(a.family);
  if (!best || macs(a) < macs(best)) cheapestOfFamily.set(a.family, a);
}
const chosen = [...ZOO.values()].filter((a) => macs(a) < GMAC || cheapestOfFamily.get(a.family) === a);

t.test('the forward pass covers every family', async (t) => {
  t.same(new Set(chosen.map((a) => a.family)), new Set([...ZOO.values()].map((a) => a.family)));
  t.ok(chosen.length > ZOO.size / 2, `${chosen.length} of ${ZOO.size} architectures run`);
});

const images = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 11);

for (const architecture of chosen) {
  t.test(`${architecture.name} maps 2 images to 2 rows of finite logits`, async (t) => {
    const model = buildModel(architecture, { classes: 10, seed: 3 });
    try {
      const logits = model.predict(images) as tf.Tensor;
      t.same(logits.shape, [2, 10]);
      const values = await logits.data();
      t.ok(values.every(Number.isFinite), 'finite');
      logits.dispose();
    } finally {
      model.dispose();
    }
  });
}
