/**
 * The report and the UI in a real browser (Debian's Chromium, headless): the report opened from
 * disk with every network request blocked, the live UI over HTTP following a run as it commits,
 * and a zoo entry classifying test images with TensorFlow.js in the page, with the same
 * probabilities as Node's. One browser for the whole file. With EVO_NAS_SCREENSHOTS=docs/img the
 * test also writes the README's screenshots there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import type { Page } from 'playwright-core';
import { reportCommand } from '../../src/cli/commands/report.js';
import { gatherBatch } from '../../src/data/batches.js';
import { loadDataset } from '../../src/data/load.js';
import { normaliseBatch } from '../../src/data/normalise.js';
import { readRunView } from '../../src/report/run-view.js';
import { getSpace } from '../../src/space/index.js';
import { loadLayersModelFrom } from '../../src/supernet/export.js';
import { startUi } from '../../src/ui/server.js';
import { TestImageSource } from '../../src/ui/test-images.js';
import { browserMissing, launchBrowser, pageErrors, screenshotDir } from '../helpers/browser.js';
import { writeSearchEntry } from '../helpers/entries.js';
import { tableRun, writeSupernetCurve } from '../helpers/runs.js';
import { useTestBackend } from '../helpers/tf.js';
import { tempDir } from '../helpers/tmp.js';

const WAIT = { timeout: 90_000 };
const shots = screenshotDir();
// Screenshots show a run of a realistic length; the plain test keeps the runs small.
const SIZE = shots ? { generations: 30, population: 20 } : { generations: 5, population: 8 };

const count = (page: Page, selector: string) => page.locator(selector).count();
const waitForCount = (page: Page, selector: string, n: number) =>
  page.waitForFunction(`document.querySelectorAll(${JSON.stringify(selector)}).length === ${n}`, undefined, WAIT);
const POINTS = '#front-chart svg .mark-symbol.role-mark path';

t.test('the report, the live UI and a zoo entry in Chromium', { skip: browserMissing() }, async (t) => {
  const dir = tempDir(t);
  const browser = await launchBrowser(t);

  t.test('the report opens from disk with no network and draws every view', async (t) => {
    const table = await tableRun(t, join(dir, 'nsga2'), { ...SIZE, seed: 1 });
    await tableRun(t, join(dir, 'random'), { ...SIZE, seed: 1, strategy: 'random', table });
    writeSupernetCurve(join(dir, 'nsga2'), 3, 8);
    const out = join(dir, 'report.html');
    await reportCommand([join(dir, 'nsga2'), join(dir, 'random')], { out });
    const views = [readRunView(join(dir, 'nsga2'), 'nsga2'), readRunView(join(dir, 'random'), 'random')];

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    t.teardown(() => context.close());
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('#report[data-rendered="true"]', WAIT);
    const [first, second] = views as [(typeof views)[0], (typeof views)[0]];
    t.equal(await count(page, POINTS), first.evaluations.length, `one point per evaluation (${first.evaluations.length})`);
    t.equal(await count(page, '#front-chart svg .mark-line.role-mark path'), 1, 'the front staircase');
    t.equal(await count(page, '#hypervolume-chart svg .mark-symbol.role-mark path'), first.generations.length, 'hypervolume after every generation');
    t.equal(await count(page, '#heatmap-chart svg .mark-rect.role-mark path'), first.front.length * 7, 'front widths: architectures x layers');
    t.ok((await count(page, '#curve-chart svg .mark-line.role-mark path')) >= 4, 'supernet losses per subnet kind and the learning rate');
    t.equal(await count(page, '#table table.evaluations tbody tr'), first.evaluations.length, 'the table of evaluations');
    t.equal(await count(page, '#compare-fronts-chart svg .mark-line.role-mark path'), 2, 'both fronts overlaid');
    t.equal(await count(page, '#compare-hypervolume-chart svg .mark-line.role-mark path'), 2, 'both hypervolume curves');
    if (shots) {
      await page.locator('#front').screenshot({ path: join(shots, 'report-front.png') });
      await page.locator('#widths').screenshot({ path: join(shots, 'report-widths.png') });
      await page.locator('#compare').screenshot({ path: join(shots, 'report-compare.png') });
      await page.locator('#supernet').screenshot({ path: join(shots, 'report-supernet.png') });
    }

    await page.locator(POINTS).first().click({ force: true });
    await page.waitForSelector('#picked-genome', WAIT);
    const picked = (await page.locator('#picked-genome').textContent()) ?? '';
    t.ok(first.evaluations.some((r) => picked.startsWith(`${r.genome}:`)), `the clicked architecture: ${picked}`);
    await waitForCount(page, '#picked-chart svg .mark-rect.role-mark path', 7);
    t.pass('its widths, one bar per layer');

    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#download-csv')]);
    const csv = readFileSync((await download.path()) as string, 'utf8').trim().split('\n');
    t.equal(csv.length, first.evaluations.length + 1, 'the CSV has a header and a line per evaluation');
    t.match(csv[0], /^generation,genome,hash,source,accuracy,loss,params,macs,ms,front$/);

    await page.selectOption('#cost-select', 'macs');
    await page.check('#log-axis');
    await page.waitForSelector('#report[data-rendered="true"]', WAIT);
    t.match(await page.locator('#front-chart svg.marks').textContent(), /MACs/, 'the cost axis switches to MACs');
    await page.selectOption('#run-select', 'random');
    await waitForCount(page, POINTS, second.evaluations.length);
    t.pass(`the second run's ${second.evaluations.length} evaluations`);
    t.same(errors, [], 'no console errors');
    t.same(requests, [], 'no network request');
  });

  t.test('the live UI follows a run: a new generation appears without reloading', async (t) => {
    const runs = join(dir, 'live-runs');
    const table = await tableRun(t, join(runs, 'growing'), { generations: 2, population: 4 });
    const ui = await startUi({ dirs: [runs], port: 0 });
    t.teardown(() => ui.close());
    const page = await browser.newPage();
    t.teardown(() => page.close());
    const errors = pageErrors(page);
    const started = Date.now();
    await page.goto(ui.url);
    await waitForCount(page, POINTS, readRunView(join(runs, 'growing'), 'x').evaluations.length);
    t.comment(`first page drawn in ${Date.now() - started} ms`);
    await tableRun(t, join(runs, 'growing'), { generations: 4, population: 4, table });
    const grown = readRunView(join(runs, 'growing'), 'x');
    await waitForCount(page, POINTS, grown.evaluations.length);
    await waitForCount(page, '#hypervolume-chart svg .mark-symbol.role-mark path', 4);
    t.pass(`the page shows the 4 generations and ${grown.evaluations.length} evaluations`);
    t.same(errors, [], 'no console errors');
  });

  t.test("a zoo entry classifies test images in the browser with Node's probabilities", async (t) => {
    await useTestBackend();
    const zoo = join(dir, 'zoo');
    const space = getSpace('resnet20-cvpr2021');
    const genome = space.positions.map((p) => p.choices[1] ?? p.choices[0]!);
    // BN recalibrated on training images, as export does: the untrained network's outputs then differ from image to image.
    const dataset = await loadDataset('fashion-mnist-mini');
    const train = normaliseBatch(gatherBatch(dataset.train, Array.from({ length: 64 }, (_, i) => i), 10), dataset);
    const recalibration = [tf.tensor4d(train.data, [...train.shape])];
    const entryDir = await writeSearchEntry(zoo, { space, genome, shortcut: 'always', classes: 10, inputShape: [28, 28, 1], recalibration }, 'fmnist-entry');
    tf.dispose(recalibration);
    const ui = await startUi({ dirs: [zoo], port: 0 });
    t.teardown(() => ui.close());
    const page = await browser.newPage();
    t.teardown(() => page.close());
    const errors = pageErrors(page);
    await page.goto(`${ui.url}entry/fmnist-entry`);
    await page.waitForSelector('body[data-done]', WAIT);
    t.equal(await page.getAttribute('body', 'data-done'), 'true', (await page.locator('#entry-status').textContent()) ?? '');
    const browserResult = (await page.evaluate('window.evoNasPredictions')) as { probabilities: number[][]; predicted: number[]; labels: number[]; accuracy: number };
    t.equal(await count(page, '#prediction-table tr'), 33, 'a row per image');

    const images = await new TestImageSource().images('fashion-mnist-mini', 32);
    const model = await loadLayersModelFrom(join(entryDir, 'model'));
    const node = tf.tidy(() => (model.predict(tf.tensor4d(images.data as number[], [...images.shape])) as tf.Tensor).softmax().arraySync() as number[][]);
    model.dispose();
    const difference = Math.max(...node.flatMap((row, i) => row.map((p, k) => Math.abs(p - browserResult.probabilities[i]![k]!))));
    t.ok(difference < 1e-4, `the browser's probabilities equal Node's (largest difference ${difference.toExponential(2)})`);
    t.same(browserResult.predicted, node.map((row) => row.indexOf(Math.max(...row))), 'the same predicted classes');
    t.ok(new Set(browserResult.predicted).size > 1, `the predictions differ from image to image (${new Set(browserResult.predicted).size} classes)`);
    t.same(browserResult.labels, images.labels);
    const correct = browserResult.predicted.filter((p, i) => p === images.labels[i]).length;
    t.equal(browserResult.accuracy, correct / 32, 'the accuracy shown is that of the predictions');
    t.match(await page.locator('#entry-status').textContent(), new RegExp(`^${correct} of 32 test images of fashion-mnist-mini classified correctly`));
    if (shots) await page.screenshot({ path: join(shots, 'ui-entry.png'), fullPage: false });
    t.same(errors, [], 'no console errors');
  });
});
