import t from 'tap';
import { hypervolume2d } from '../../src/search/hypervolume.js';
import { frontScale, frontShare, scaledHypervolume, scaledObjectives, spread, strategiesMarkdown, type TableResult } from '../../src/benchmark/index.js';

// A table of six architectures: params 100..300, mean accuracy 80..90 (percent).
const table = [
  { params: 100, accuracy: 80 }, // the smallest, the worst: the worst corner's accuracy
  { params: 150, accuracy: 85 },
  { params: 200, accuracy: 84 }, // dominated by the one before
  { params: 200, accuracy: 88 },
  { params: 250, accuracy: 86 }, // dominated
  { params: 300, accuracy: 90 }, // the largest, the best
];

t.test('objectives are scaled by the table\'s own ranges, the reference at the worst corner', async (t) => {
  const scale = frontScale(table);
  t.same(scale, { minParams: 100, maxParams: 300, worstAccuracy: 80, bestAccuracy: 90 });
  t.same(scaledObjectives([{ params: 150, accuracy: 85 }, { params: 300, accuracy: 90 }], scale), [[0.25, 0.5], [1, 0]]);
});

t.test('the true front\'s hypervolume and the share of a found set, against hand-computed areas', async (t) => {
  const scale = frontScale(table);
  // Scaled front: (0, 1) and (1, 0) add nothing against the reference [1, 1] (on its edges);
  // (0.25, 0.5) and (0.5, 0.2) remain. Sweep: (1 - 0.25) * (1 - 0.5) = 0.375, then
  // (1 - 0.5) * (0.5 - 0.2) = 0.15: 0.525 in all.
  const truth = scaledHypervolume(table, scale);
  t.ok(Math.abs(truth - 0.525) < 1e-12, `true front ${truth}`);
  t.equal(frontShare(table, scale, truth), 1, 'the whole table covers all of it');
  const found = [table[1]!, table[2]!, table[4]!]; // (0.25, 0.5), (0.5, 0.6), (0.75, 0.4)
  // (0.25, 0.5): 0.375; (0.75, 0.4): (1 - 0.75) * (0.5 - 0.4) = 0.025; (0.5, 0.6) dominated.
  t.ok(Math.abs(frontShare(found, scale, truth) - 0.4 / 0.525) < 1e-12, 'three architectures, one on the front');
  t.equal(frontShare([table[0]!, table[5]!], scale, truth), 0, 'the two extremes alone span no area');
  t.equal(frontShare([], scale, truth), 0);
});

t.test('a share measured from accuracy 0 would hide what the scaled one shows', async (t) => {
  // The run's own hypervolume (error = 1 - accuracy from 0, cost relative to the largest, reference
  // [1.1, 1]) gives the two extremes alone 95% of the table's: the front between them hardly counts.
  const absolute = (points: typeof table) => hypervolume2d(points.map((p) => [p.params / 300, 1 - p.accuracy / 100]), [1.1, 1]);
  const extremes = [table[0]!, table[5]!];
  const absoluteShare = absolute(extremes) / absolute(table);
  // Extremes: (1/3, 0.2) -> (1.1 - 1/3) * 0.8, then (1, 0.1) -> 0.1 * 0.1. The front adds
  // (0.5, 0.15): 0.6 * 0.05, (2/3, 0.12): (1.1 - 2/3) * 0.03, and (1, 0.1) then adds 0.1 * 0.02.
  const extremesArea = (1.1 - 1 / 3) * 0.8 + 0.1 * 0.1;
  const tableArea = (1.1 - 1 / 3) * 0.8 + 0.6 * 0.05 + (1.1 - 2 / 3) * 0.03 + 0.1 * 0.02;
  t.ok(Math.abs(absoluteShare - extremesArea / tableArea) < 1e-9 && absoluteShare > 0.94, `from accuracy 0: ${absoluteShare.toFixed(3)}`);
  const scale = frontScale(table);
  t.equal(frontShare(extremes, scale, scaledHypervolume(table, scale)), 0, 'scaled: nothing of the front between them');
});

t.test('spread: median, quartiles and extremes by linear interpolation', async (t) => {
  t.same(spread([4, 1, 3, 2, 5]), { median: 3, q25: 2, q75: 4, min: 1, max: 5 });
  t.same(spread([1, 2, 3, 4]), { median: 2.5, q25: 1.75, q75: 3.25, min: 1, max: 4 });
});

t.test('the markdown table has a row per table and strategy and a column per checkpoint', async (t) => {
  const share = { median: 0.95, q25: 0.9, q75: 0.97, min: 0.8, max: 1 };
  const result: TableResult = {
    table: 't', space: 'channel-bench-resnet', architectures: 16384, frontSize: 60, population: 50, seeds: 3,
    strategies: [{ strategy: 'predictor', share: { '100': share, '200': share }, askMs: { ...share, median: 12.34, max: 40 } }],
  };
  const lines = strategiesMarkdown([result]).split('\n');
  t.equal(lines.length, 3);
  t.match(lines[0], /^\| table \| strategy \| 100 evals \| 200 evals \| ask CPU ms \/ gen \(max\) \|$/);
  t.equal(lines[2], '| channel-bench-resnet (16384, front 60) | predictor | 0.950 (0.900–0.970) | 0.950 (0.900–0.970) | 12.3 (40.0) |');
});
