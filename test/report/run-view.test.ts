import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { reportCommand } from '../../src/cli/commands/report.js';
import { curvePoints } from '../../src/supernet/training-curve.js';
import { readRunView } from '../../src/report/run-view.js';
import { Store } from '../../src/store/index.js';
import { tableRun, writeSupernetCurve } from '../helpers/runs.js';
import { tempDir } from '../helpers/tmp.js';

t.test('a run view holds every evaluated genome once, the front, and the hypervolume after each generation', async (t) => {
  const runDir = join(tempDir(t), 'run');
  await tableRun(t, runDir, { generations: 4, population: 8 });
  const view = readRunView(runDir, 'run');
  const store = Store.open(runDir, { readOnly: true });
  t.teardown(() => store.close());
  const generations = store.allGenerations();
  const asked = generations.flatMap((g) => g.candidates.filter((c) => c.metrics).map((c) => c.hash));
  t.equal(view.evaluations.length, new Set(asked).size, 'one row per distinct evaluated genome');
  t.same(view.generations.map((g) => g.hypervolume), generations.map((g) => g.hypervolume));
  t.same(view.generations.map((g) => g.evaluations), [8, 16, 24, 32], 'evaluations counted cumulatively');
  const last = generations[generations.length - 1]!;
  t.same(new Set(view.front.map((m) => m.hash)), new Set(last.archive.map((m) => m.hash)), 'the front is the last archive');
  t.same(view.evaluations.filter((r) => r.front).length, view.front.length, 'front rows are flagged');
  t.ok(view.front.every((m, i) => i === 0 || view.front[i - 1]!.params <= m.params), 'the front is ordered by cost');
  t.equal(view.layers.length, 7, 'one label per genome position');
  t.match(view.status, { status: 'finished' });
  t.same(view.curve, [], 'a table run has no supernet curve');
});

t.test('the supernet curve is read from every checkpoint; checkpoints without one (older stores) add nothing', async (t) => {
  const runDir = join(tempDir(t), 'run');
  await tableRun(t, runDir, { generations: 1, population: 4 });
  const store = Store.open(runDir);
  store.saveSupernet({ weights: [{ name: 'w', shape: [1], data: new Float32Array([0]) }], training: { phase: 'supernet', epoch: 0, step: 0 } });
  await store.close();
  const written = writeSupernetCurve(runDir, 2, 3);
  const curve = readRunView(runDir, 'run').curve;
  t.same(curve.map(({ epoch: _epoch, ...point }) => point), written);
  t.same(curve.map((p) => p.epoch), [1, 1, 1, 2, 2, 2]);
});

t.test('curvePoints averages runs of steps per subnet kind', async (t) => {
  const reports = Array.from({ length: 10 }, (_, step) => ({ step, lr: step, losses: [step, 10 + step, 20 + step, 30 + step] }));
  const points = curvePoints(reports, 4);
  t.same(points.map((p) => p.step), [2, 5, 8, 9], 'chunks of 3, 3, 3 and 1 steps');
  t.same(points[0], { step: 2, lr: 1, largest: 1, smallest: 11, random: 26 });
  t.same(curvePoints([{ step: 0, lr: 0.1, losses: [2] }]), [{ step: 0, lr: 0.1, largest: 2, smallest: null, random: null }], 'the largest alone');
});

t.test('the report is one HTML file with every script inlined and the runs as JSON', async (t) => {
  const dir = tempDir(t);
  const table = await tableRun(t, join(dir, 'a'), { generations: 2, population: 4 });
  await tableRun(t, join(dir, 'b'), { generations: 2, population: 4, seed: 4, table });
  const out = join(dir, 'report.html');
  t.match(await reportCommand([join(dir, 'a'), join(dir, 'b')], { out }), /report of 2 runs \(\d+ evaluations\) written to /);
  const html = readFileSync(out, 'utf8');
  t.notMatch(html, /<script[^>]+src=|<link[^>]+href=/i, 'nothing is loaded from elsewhere');
  t.match(html, /vega-embed/);
  t.match(html, /BSD|Redistribution/, 'the inlined libraries carry their licences');
  const data = JSON.parse(/<script type="application\/json" id="evo-nas-data">(.*?)<\/script>/s.exec(html)![1]!);
  t.same(data.runs.map((r: { id: string }) => r.id), ['a', 'b']);
  await t.rejects(reportCommand([join(dir, 'nothing')], { out }), /is not an evo-nas run directory/);
  await t.rejects(reportCommand([join(dir, 'a')], { out: join(dir, 'missing', 'r.html') }), /--out .*: the folder .* does not exist/);
});
