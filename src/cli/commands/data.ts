/**
 * `evo-nas data ...`: which datasets are present and where, fetching one, and inspecting what a
 * reader makes of one. Each command is a plain function from typed options to the text it
 * prints; `context` lets tests point the sources at temp folders and capture progress.
 */
import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { DATASETS, DEFAULT_DATASET } from '../../data/catalogue.js';
import type { Dataset } from '../../data/dataset.js';
import { fetchDataset } from '../../data/fetch/fetch-dataset.js';
import { getDatasetSpec, loadDataset, locateDataset, type Location } from '../../data/load.js';
import { downloadRoot, type Sources } from '../../data/sources.js';
import { DEFAULT_VALIDATION_FRACTION, validationSplit } from '../../data/split.js';
import { classHistogram } from '../../data/stats.js';
import { Rng } from '../../random/rng.js';
import { addSettings } from '../../settings/commander.js';
import { SEED } from '../../settings/common.js';
import { VALIDATION_FRACTION } from '../../settings/data.js';
import { progressReporter, type ProgressStream } from '../progress.js';
import { formatTable, grouped } from '../table.js';

export interface DataContext {
  /** Overrides of where datasets are looked for (the CLI passes only --data-dir). */
  readonly sources?: Sources;
  /** Where progress goes (the CLI: stderr). */
  readonly progress?: ProgressStream;
}

interface DataDirOptions {
  readonly dataDir?: string;
  readonly json?: boolean;
}

const sourcesOf = (options: DataDirOptions, context: DataContext): Sources => ({ ...context.sources, dataDir: options.dataDir ?? context.sources?.dataDir });

export async function dataList(options: DataDirOptions, context: DataContext = {}): Promise<string> {
  const sources = sourcesOf(options, context);
  const rows = [];
  for (const spec of DATASETS.values()) {
    const { found, searched, incomplete } = await locateDataset(spec, sources);
    rows.push({
      name: spec.name,
      present: found !== undefined,
      incomplete: incomplete?.dir ?? null,
      source: found?.source ?? null,
      dir: found?.dir || null,
      searched,
      default: spec.name === DEFAULT_DATASET,
      description: spec.description,
    });
  }
  if (options.json) return JSON.stringify(rows);
  const fetchInto = `${downloadRoot(sources).root}`;
  return [
    formatTable(
      ['dataset', 'status', 'where', 'description'],
      rows.map((r) => [
        r.default ? `${r.name} (default)` : r.name,
        r.present ? 'present' : r.incomplete ? 'incomplete' : 'missing',
        r.present ? (r.dir ? `${r.dir} (${r.source})` : r.source ?? '') : r.incomplete ? `${r.incomplete}: complete it or fetch with --force` : `run: evo-nas data fetch ${r.name}`,
        r.description,
      ]),
    ),
    '',
    `Looked in, in order: --data-dir, $EVO_NAS_DATA, ~/.cache/evo-nas, /usr/share/datasets (each <root>/<dataset>). Fetch writes to ${fetchInto}.`,
  ].join('\n');
}

export interface DataFetchOptions extends DataDirOptions {
  readonly mirror?: string;
  readonly force?: boolean;
}

export async function dataFetch(name: string, options: DataFetchOptions, context: DataContext = {}): Promise<string> {
  const spec = getDatasetSpec(name);
  const progress = context.progress ? progressReporter(context.progress, 'bytes') : undefined;
  try {
    const result = await fetchDataset(spec, {
      sources: sourcesOf(options, context),
      mirror: options.mirror,
      force: options.force,
      onProgress: (p) => progress?.update(p.file, p.received, p.total),
    });
    if (options.json) return JSON.stringify({ name, dir: result.dir, fetched: result.fetched });
    return result.fetched ? `${name}: fetched, checked and unpacked into ${result.dir}` : `${name}: already present in ${result.dir} (--force to fetch again)`;
  } finally {
    progress?.stop();
  }
}

export interface DataInspectOptions extends DataDirOptions {
  readonly seed?: number;
  readonly validationFraction?: number;
}

export async function dataInspect(name: string, options: DataInspectOptions, context: DataContext = {}): Promise<string> {
  const progress = context.progress ? progressReporter(context.progress, 'images') : undefined;
  let dataset: Dataset & { location: Location };
  try {
    dataset = await loadDataset(name, {
      sources: sourcesOf(options, context),
      onProgress: (done, total, what) => progress?.update(`${name} ${what}`, done, total),
    });
  } finally {
    progress?.stop();
  }
  const fraction = options.validationFraction ?? DEFAULT_VALIDATION_FRACTION;
  const split = validationSplit(dataset.train.labels, Rng.fromSeed(options.seed ?? 0).fork('validation-split'), fraction);
  const classes = dataset.classNames.length;
  const histogram = {
    train: classHistogram(Array.from(split.train, (i) => dataset.train.labels[i] as number), classes),
    validation: classHistogram(Array.from(split.validation, (i) => dataset.train.labels[i] as number), classes),
    test: classHistogram(dataset.test.labels, classes),
  };
  const files = await Promise.all(dataset.files.map(async (path) => ({ path, bytes: await stat(path).then((s) => (s.isFile() ? s.size : null)) })));
  const summary = {
    name: dataset.name,
    source: dataset.location.source,
    dir: dataset.location.dir || null,
    files,
    shape: { height: dataset.height, width: dataset.width, channels: dataset.channels },
    classes,
    classNames: dataset.classNames,
    counts: { train: split.train.length, validation: split.validation.length, test: dataset.test.count },
    validation: { fraction, seed: options.seed ?? 0, stratified: true },
    histogram,
    mean: dataset.mean,
    std: dataset.std,
    ...(dataset.coarse ? { coarseClassNames: dataset.coarse.classNames } : {}),
  };
  if (options.json) return JSON.stringify(summary);
  const fixed = (xs: readonly number[]) => xs.map((x) => x.toFixed(4)).join(', ');
  return [
    `${summary.name}  (${summary.source}${summary.dir ? `, ${summary.dir}` : ''})`,
    `images      ${summary.shape.height}x${summary.shape.width}x${summary.shape.channels}, ${classes} classes${dataset.coarse ? ` (${dataset.coarse.classNames.length} coarse)` : ''}`,
    `splits      train ${grouped(summary.counts.train)} + validation ${grouped(summary.counts.validation)} ` +
      `(seeded stratified ${Number((fraction * 100).toPrecision(12))}% of ${grouped(dataset.train.count)}, seed ${summary.validation.seed}); test ${grouped(summary.counts.test)}`,
    `mean        ${fixed(dataset.mean)}   (per channel, pixels / 255, training images)`,
    `std         ${fixed(dataset.std)}`,
    files.length === 0 ? 'files       none (generated in memory)' : 'files',
    ...files.map((f) => `  ${f.path}${f.bytes === null ? '/' : `  (${grouped(f.bytes)} bytes)`}`),
    '',
    formatTable(
      ['class', 'train', 'validation', 'test'],
      dataset.classNames.map((className, c) => [
        `${c} ${className}`,
        grouped(histogram.train[c] ?? 0),
        grouped(histogram.validation[c] ?? 0),
        grouped(histogram.test[c] ?? 0),
      ]),
    ),
  ].join('\n');
}

export function registerDataCommands(program: Command, print: (text: string) => void): void {
  const data = program.command('data').description('list, fetch and inspect datasets');
  const dataDir = () => new Option('--data-dir <dir>', 'look here first (<dir>/<dataset>); fetch writes here');
  const json = () => new Option('--json', 'print JSON instead of text');
  const context: DataContext = { progress: process.stderr };
  const names = [...DATASETS.keys()];

  data
    .command('list')
    .description('each dataset: present or missing, and where it was found')
    .addOption(dataDir())
    .addOption(json())
    .action(async (options) => print(await dataList(options, context)));

  data
    .command('fetch')
    .description('download a dataset, check its published checksum, unpack it atomically')
    .argument('<name>', `one of: ${names.join(', ')}`)
    .addOption(dataDir())
    .option('--mirror <url>', 'download from this URL prefix instead (also $EVO_NAS_DATA_MIRROR)')
    .option('--force', 'fetch again even if the dataset is present')
    .addOption(json())
    .action(async (name: string, options) => print(await dataFetch(name, options, context)))
    .addHelpText(
      'after',
      '\nPartial downloads resume; nothing half-unpacked is left after a failure.\nExample:\n  evo-nas data fetch cifar10 --data-dir ~/datasets',
    );

  const inspect = data
    .command('inspect')
    .description('read a dataset and show its files, splits, shape, class histogram, mean and std')
    .argument('[name]', `one of: ${names.join(', ')}`, DEFAULT_DATASET)
    .addOption(dataDir())
    .addOption(json());
  addSettings(inspect, [{ ...SEED, help: `seed of the validation split, ${SEED.help.replace('random seed, ', '')}` }, VALIDATION_FRACTION])
    .action(async (name: string, options) => print(await dataInspect(name, options, context)))
    .addHelpText('after', '\nExample:\n  evo-nas data inspect fashion-mnist-mini --json');
}
