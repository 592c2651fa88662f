import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import t from 'tap';
import { prefetch } from '../../src/data/prefetch.js';
import { trainingBatches } from '../../src/data/pipeline.js';
import { syntheticDataset } from '../../src/data/synthetic.js';
import { Rng } from '../../src/random/rng.js';

/** A source that records how many items it has produced. */
function counted(n: number) {
  const state = { produced: 0, closed: false };
  function* items() {
    try {
      for (let i = 0; i < n; i++) {
        state.produced += 1;
        yield i;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, items: items() };
}

t.test('the next items are prepared while the consumer works, so it never waits for them', async (t) => {
  const { state, items } = counted(6);
  const got: number[] = [];
  for await (const item of prefetch(items, 2)) {
    // When item k arrives, items k+1 and k+2 are already produced or scheduled; as soon as the
    // consumer yields to the event loop (a training step awaiting its result), they are done.
    await yieldToEventLoop();
    t.ok(state.produced >= Math.min(6, item + 3), `after step ${item}: ${state.produced} produced`);
    got.push(item);
  }
  t.same(got, [0, 1, 2, 3, 4, 5]);
});

t.test('an error from the source reaches the consumer in order; breaking early closes the source', async (t) => {
  function* failing() {
    yield 1;
    throw new Error('bad file');
  }
  const got: number[] = [];
  await t.rejects(
    (async () => {
      for await (const item of prefetch(failing())) got.push(item);
    })(),
    { message: 'bad file' },
  );
  t.same(got, [1]);
  const { state, items } = counted(100);
  for await (const item of prefetch(items, 3)) if (item === 1) break;
  t.ok(state.closed, 'source closed');
  t.ok(state.produced <= 5, `stopped producing (${state.produced})`);
  t.throws(() => prefetch([1], 0), { message: 'prefetch depth must be a whole number ≥ 1 (got 0)' });
});

t.test('the training pipeline yields normalised float32 batches, the same for the same seed', async (t) => {
  const data = syntheticDataset({ classes: 3, height: 4, width: 4, trainCount: 30, testCount: 3 });
  const run = async () => {
    const out = [];
    for await (const batch of trainingBatches(data.train, data, 1, Rng.fromSeed(9), { batchSize: 8 })) out.push(batch);
    return out;
  };
  const [a, b] = [await run(), await run()];
  t.same(a.map((batch) => batch.shape), [[8, 4, 4, 3], [8, 4, 4, 3], [8, 4, 4, 3], [6, 4, 4, 3]]);
  t.same(a.map((batch) => Array.from(batch.data)), b.map((batch) => Array.from(batch.data)));
  const all = a.flatMap((batch) => Array.from(batch.data));
  const mean = all.reduce((s, x) => s + x, 0) / all.length;
  t.ok(Math.abs(mean) < 1e-3, `normalised with the dataset's own stats: mean ${mean}`);
});
