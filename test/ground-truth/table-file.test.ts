/** The table a build writes from its stored trainings: seed order, mean and std, partial builds. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { epochSettingsFromFlags } from '../../src/model-training/flags.js';
import { buildPlan } from '../../src/ground-truth/plan.js';
import { builtTable, writeTableFile } from '../../src/ground-truth/table-file.js';
import type { Metrics } from '../../src/search/metrics.js';
import { formatGenome } from '../../src/space/index.js';
import { parseTable, tableSpace } from '../../src/tabular/index.js';
import { tempDir } from '../helpers/tmp.js';

const training = epochSettingsFromFlags({ dataset: 'fashion-mnist-mini', recipe: 'cifar10', epochs: 2, labelSmoothing: 0, validation: 'test', seed: 3 });
const plan = buildPlan({ space: 'resnet20-cvpr2021', shortcut: 'always', architectures: 4, seeds: 2, training });
const metrics = (accuracy: number): Metrics => ({ accuracy, loss: 1, params: 0, macs: 0, ms: 5 });

t.test('the plan: every architecture once per seed, architecture-major, each task keyed apart', async (t) => {
  t.equal(plan.tasks.length, 8);
  t.same(plan.tasks.map((p) => p.task.seed), [3, 4, 3, 4, 3, 4, 3, 4], 'training k uses seed --seed + k, every seed of an architecture before the next');
  t.equal(new Set(plan.tasks.map((p) => p.key)).size, 8, 'distinct evaluation keys');
  t.same(buildPlan({ space: 'resnet20-cvpr2021', shortcut: 'always', architectures: 4, seeds: 2, training }).tasks.map((p) => p.key), plan.tasks.map((p) => p.key), 'the same settings, the same plan');
  const other = buildPlan({ space: 'resnet20-cvpr2021', shortcut: 'always', architectures: 4, seeds: 2, training: { ...training, lr: 0.05 } });
  t.same(other.genomes, plan.genomes, 'the sample does not depend on the recipe');
  t.notSame(other.tasks.map((p) => p.key), plan.tasks.map((p) => p.key), 'another recipe, other keys: nothing is reused');
});

t.test('the table: accuracies in percent in seed order, mean, population std, exact costs; partial builds leave out what has no training', async (t) => {
  // Seed 0 of every architecture but the last, seed 1 of the first only.
  const stored = new Map<string, Metrics>();
  plan.tasks.forEach((p) => {
    const g = plan.genomes.indexOf(p.genome);
    if ((p.seedIndex === 0 && g < 3) || (p.seedIndex === 1 && g === 0)) stored.set(p.key, metrics(0.5 + g / 100 + (4 * p.seedIndex) / 100));
  });
  const built = builtTable(plan, (key) => stored.get(key));
  const [first, second, third, fourth] = plan.genomes.map(formatGenome);
  t.same(Object.keys(built.table), [first, second, third], 'smallest first; an architecture with no training is left out');
  t.notOk(fourth! in built.table);
  t.same(built.table[first!], { acc: [50, 54], mean: 52, std: 2, params: plan.costOf(plan.genomes[0]!).params, flops: plan.costOf(plan.genomes[0]!).macs });
  t.same(built.table[second!]!.acc, [51]);
  t.equal(built.complete, 1);
  t.equal(built.trainings, 4);

  const file = join(tempDir(t), 'truth.json');
  writeTableFile(file, built.table);
  const text = readFileSync(file, 'utf8');
  t.equal(text.split('\n').length, 3 + 3, 'one architecture a line between the braces');
  t.equal(parseTable(text, tableSpace('resnet20-cvpr2021'), file).entries.size, 3, 'the table reader reads it back');
});
