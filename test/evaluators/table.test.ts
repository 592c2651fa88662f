import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { handlerSpec } from '../../evaluators/handler.js';
import { InProcessEvaluator } from '../../evaluators/in-process.js';
import { EvaluatorPool } from '../../evaluators/pool.js';
import { evalSpecHash, type EvaluationTask } from '../../evaluators/task.js';
import { Rng } from '../../src/random/rng.js';
import { formatGenome, getSpace, largestGenome, sampleGenome, smallestGenome } from '../../src/space/index.js';
import { CHANNEL_BENCH_RESNET, genomeToCode, loadTable } from '../../src/tabular/index.js';
import { writeGeneratedTable } from '../helpers/tables.js';

const space = CHANNEL_BENCH_RESNET;

t.test('the table handler answers from the table, in-process and in the pool alike', async (t) => {
  const file = writeGeneratedTable(t, space, 3);
  const table = await loadTable(file, space);
  const spec = handlerSpec('table', { file, space: space.name });
  const evalSpec = { kind: 'table', space: space.name, sha256: table.sha256 };
  const rng = Rng.fromSeed(5);
  const tasks: EvaluationTask[] = Array.from({ length: 40 }, (_, i) => ({ genome: sampleGenome(space, rng), supernetVersion: 0, evalSpec, seed: i }));

  const inProcess = new InProcessEvaluator(spec);
  const pool = new EvaluatorPool({ handler: spec, workers: 2, execArgv: [] });
  t.teardown(() => pool.close());
  const [local, pooled] = [await inProcess.evaluate(tasks), await pool.evaluate(tasks)];
  const withoutTime = (outcomes: typeof local) => outcomes.map((o) => (o.ok ? { ...o.result, ms: 0 } : o));
  t.same(withoutTime(pooled), withoutTime(local), 'pool evaluation equals in-process evaluation');
  const entry = table.entries.get(genomeToCode(tasks[0]!.genome, space))!;
  t.match(local[0], { ok: true, result: { accuracy: entry.mean / 100, loss: null, params: entry.params, macs: entry.flops } });

  const stale = await pool.evaluate([{ ...tasks[0]!, evalSpec: { ...evalSpec, sha256: 'other' } }]);
  t.match(stale[0], { ok: false, reason: /task asks for table other, but this worker holds/ }, 'a task for another table is refused');
});

t.test('the evaluation spec hash ignores key order and changes with any setting', async (t) => {
  t.equal(evalSpecHash({ kind: 'table', a: 1, b: [1, { y: 2, x: 1 }] }), evalSpecHash({ b: [1, { x: 1, y: 2 }], a: 1, kind: 'table' }));
  t.not(evalSpecHash({ kind: 'table', a: 1 }), evalSpecHash({ kind: 'table', a: 2 }));
  t.match(evalSpecHash({ kind: 'x' }), /^[0-9a-f]{16}$/);
});

t.test('the table handler answers from a width-space table keyed by genome text', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'evo-nas-truth-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const widths = getSpace('resnet20-cvpr2021');
  const genome = largestGenome(widths);
  const file = join(dir, 'truth.json');
  writeFileSync(file, JSON.stringify({ [formatGenome(genome)]: { acc: [80, 82], mean: 81, std: 1, params: 1234, flops: 5678 } }));
  const table = await loadTable(file, widths);
  const evaluator = new InProcessEvaluator(handlerSpec('table', { file, space: widths.name }), 1);
  const evalSpec = { kind: 'table', space: widths.name, sha256: table.sha256 };
  const [found, missing] = await evaluator.evaluate([
    { genome, supernetVersion: 0, evalSpec, seed: 0 },
    { genome: smallestGenome(widths), supernetVersion: 0, evalSpec, seed: 0 },
  ]);
  t.match(found, { ok: true, result: { accuracy: 0.81, loss: null, params: 1234, macs: 5678 } });
  t.match(missing, { ok: false, reason: /architecture 4-4-4-.* is not in table/ });
  t.equal(evalSpecHash(evalSpec).length, 16);
});
