/**
 * How fast the report and the UI are, printed as JSON: the time `evo-nas report` takes for one
 * 50-generation run of 20 (median of 3), and for 20 such runs in the UI: the time a fresh server
 * takes to read them all once (it does so in the background as it starts), the time it then takes
 * to answer everything the first page asks for (the page, its scripts, the run list and the first
 * run's view; median of 3 fresh servers) and, where Debian's Chromium is installed, the time from
 * navigation until every chart of the first page is drawn (median of 3). Runs use the table
 * evaluator. The load average is printed with the figures: on a shared machine they grow with it.
 *
 *   npm run bench:report
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../src/cli/commands/run.js';
import { reportCommand } from '../src/cli/commands/report.js';
import { Rng } from '../src/random/rng.js';
import { ownAsset } from '../src/report/assets.js';
import { CHANNEL_BENCH_RESNET, generateTable } from '../src/tabular/index.js';
import { startUi } from '../src/ui/server.js';

const RUNS = 20;
const GENERATIONS = 50;
const POPULATION = 20;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const dir = mkdtempSync(join(tmpdir(), 'evo-nas-bench-report-'));
try {
  const table = join(dir, 'Results_ResNet.json');
  writeFileSync(table, JSON.stringify(generateTable(CHANNEL_BENCH_RESNET, Rng.fromSeed(1).fork('table'))));
  const runs = join(dir, 'runs');
  for (let i = 0; i < RUNS; i++) {
    await runCommand(
      { evaluator: `table:${table}`, generations: GENERATIONS, population: POPULATION, seed: i, strategy: (['nsga2', 'aging', 'random'] as const)[i % 3], workers: 0, runDir: join(runs, `run-${i}`) },
      { log: () => undefined },
    );
  }

  const reportMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await reportCommand([join(runs, 'run-0')], { out: join(dir, 'report.html') });
    reportMs.push(performance.now() - started);
  }

  const serverMs: number[] = [];
  const warmUpMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const starting = performance.now();
    const ui = await startUi({ dirs: [runs], port: 0 });
    await ui.ready;
    warmUpMs.push(performance.now() - starting);
    const started = performance.now();
    const page = await fetch(ui.url).then((r) => r.text());
    const scripts = [...page.matchAll(/src="([^"]+)"/g)].map((m) => m[1] as string);
    const [list] = await Promise.all([fetch(`${ui.url}api/runs`).then((r) => r.json() as Promise<{ id: string }[]>), ...scripts.map((s) => fetch(new URL(s, ui.url)).then((r) => r.text()))]);
    await fetch(`${ui.url}api/runs/${list[0]?.id}`).then((r) => r.text());
    serverMs.push(performance.now() - started);
    await ui.close();
  }

  let browserMs: number | null = null;
  if (existsSync('/usr/bin/chromium')) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const ui = await startUi({ dirs: [runs], port: 0 });
    await ui.ready;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const tab = await browser.newPage();
      const started = performance.now();
      await tab.goto(ui.url);
      await tab.waitForSelector('#report[data-rendered="true"]', { timeout: 60_000 });
      times.push(performance.now() - started);
      await tab.close();
    }
    browserMs = median(times);
    await ui.close();
    await browser.close();
  }
  ownAsset('charts.js'); // fail loudly here if the browser files are missing
  console.log(JSON.stringify({
    reportOfOneRun: { generations: GENERATIONS, population: POPULATION, medianMs: Math.round(median(reportMs)) },
    uiFirstPage: {
      runs: RUNS,
      serverStartReadMs: Math.round(median(warmUpMs)),
      serverMedianMs: Math.round(median(serverMs)),
      browserMedianMs: browserMs === null ? null : Math.round(browserMs),
    },
    loadAverage: loadavg().map((l) => +l.toFixed(1)),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
