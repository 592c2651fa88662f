/**
 * The committed ground truth for the default dataset (assets/ground-truth): the table bench:ranking
 * and the docs' ranking figures rest on. It must stay what its README says it is — 50 architectures
 * of the default space, four seeds each, the cost range's ends included, figures consistent — and
 * readable by the same reader `correlate` and `--evaluator table:FILE` use.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { readScoreFile } from '../../src/ranking/files.js';
import { formatGenome, genomeCost, getSpace, largestGenome, smallestGenome } from '../../src/space/index.js';

const TABLE = fileURLToPath(new URL('../../../assets/ground-truth/fashion-mnist-mini-resnet20-cvpr2021.json', import.meta.url));
const space = getSpace('resnet20-cvpr2021');
const SEEDS = 4;

t.test(`the committed table holds 50 architectures of the default space, ${SEEDS} seeds each, spanning the cost range`, async (t) => {
  const table = readScoreFile(TABLE, space);
  const architectures = [...table.architectures.values()];
  t.equal(architectures.length, 50);
  t.ok(architectures.every((a) => a.acc?.length === SEEDS), `every architecture has ${SEEDS} seeds`);
  t.ok(table.architectures.has(formatGenome(largestGenome(space))), 'the largest network is in it');
  t.ok(table.architectures.has(formatGenome(smallestGenome(space))), 'the smallest network is in it');
  const fashionMnist = { classes: 10, inputChannels: 1, inputSize: [28, 28] as [number, number] };
  t.ok(architectures.every((a) => a.params === genomeCost(a.genome, space, fashionMnist).params), "each entry's params are the cost model's at 28x28x1, 10 classes");

  const raw = JSON.parse(readFileSync(TABLE, 'utf8')) as Record<string, { acc: number[]; mean: number; std: number }>;
  for (const [key, entry] of Object.entries(raw)) {
    const mean = entry.acc.reduce((sum, a) => sum + a, 0) / entry.acc.length;
    const std = Math.sqrt(entry.acc.reduce((sum, a) => sum + (a - mean) ** 2, 0) / entry.acc.length); // over the seeds, as table build writes it
    if (Math.abs(entry.mean - mean) > 0.006 || Math.abs(entry.std - std) > 0.006) t.fail(`${key}: mean/std disagree with its seeds`);
    if (!entry.acc.every((a) => a > 10 && a <= 100)) t.fail(`${key}: an accuracy at or below chance (10%) or above 100%: ${entry.acc.join(', ')}`);
  }
});
