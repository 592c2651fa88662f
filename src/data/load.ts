/**
 * Finding a dataset in the sources and reading it: `locateDataset` says where (or where it looked),
 * `loadDataset` reads and checks it against the catalogue, so a truncated set is an error rather
 * than a silently smaller dataset.
 */
import { join } from 'node:path';
import { DataError, InputError } from '../errors/errors.js';
import { BUNDLED_DIR, DATASETS, type DatasetSpec, type ReadOptions } from './catalogue.js';
import type { Dataset } from './dataset.js';
import { exists } from './files.js';
import { sourceRoots, type SourceKind, type Sources } from './sources.js';

/** Where a dataset was found: the folder holding its files, and which source it came from. */
export interface Location {
  readonly dir: string;
  readonly source: SourceKind | 'bundled' | 'generated';
}

export interface LocateResult {
  readonly found?: Location;
  /** The dataset folders looked in, in order (for "missing" messages). */
  readonly searched: readonly string[];
}

/** The catalogue entry for `name`; an unknown name is an InputError listing the known ones. */
export function getDatasetSpec(name: string): DatasetSpec {
  const spec = DATASETS.get(name);
  if (!spec) throw new InputError(`unknown dataset "${name}"; known datasets: ${[...DATASETS.keys()].join(', ')}`);
  return spec;
}

/** Looks for the dataset in each source root in order (`<root>/<name>`, or the archive folder in it). */
export async function locateDataset(spec: DatasetSpec, sources: Sources = {}): Promise<LocateResult> {
  if (spec.origin === 'bundled') return { found: { dir: BUNDLED_DIR, source: 'bundled' }, searched: [BUNDLED_DIR] };
  if (spec.origin === 'generated') return { found: { dir: '', source: 'generated' }, searched: [] };
  const searched: string[] = [];
  for (const { kind, root } of sourceRoots(sources)) {
    const base = join(root, spec.name);
    searched.push(base);
    const dir = await folderHolding(spec, base);
    if (dir) return { found: { dir, source: kind }, searched };
  }
  return { searched };
}

/** `base` or its archive folder, whichever holds one of the dataset's marker files. */
export async function folderHolding(spec: DatasetSpec, base: string): Promise<string | undefined> {
  for (const dir of spec.archiveFolder ? [base, join(base, spec.archiveFolder)] : [base]) {
    for (const marker of spec.markers) if (await exists(join(dir, marker))) return dir;
  }
  return undefined;
}

export interface LoadOptions extends ReadOptions {
  readonly sources?: Sources;
}

/**
 * Reads a dataset by name or spec from the first source that has it, and checks its shape,
 * classes and split sizes against the catalogue. A missing dataset is a DataError that says
 * where evo-nas looked and how to fetch it.
 */
export async function loadDataset(nameOrSpec: string | DatasetSpec, options: LoadOptions = {}): Promise<Dataset & { location: Location }> {
  const spec = typeof nameOrSpec === 'string' ? getDatasetSpec(nameOrSpec) : nameOrSpec;
  const { found, searched } = await locateDataset(spec, options.sources);
  if (!found) {
    throw new DataError(
      `dataset ${spec.name} not found; looked in ${searched.join(', ')}. ` +
        `Run "evo-nas data fetch ${spec.name}" to download it, or put its files in one of those folders`,
    );
  }
  const dataset = await spec.read(found.dir, options);
  if (spec.origin !== 'generated') checkAgainstSpec(spec, dataset, found.dir);
  return { ...dataset, location: found };
}

/** Throws a DataError when what was read differs from what the catalogue says the dataset holds. */
export function checkAgainstSpec(spec: DatasetSpec, dataset: Dataset, dir: string): void {
  const [height, width, channels] = spec.shape;
  const problems: string[] = [];
  if (dataset.height !== height || dataset.width !== width || dataset.channels !== channels) {
    problems.push(`images are ${dataset.height}x${dataset.width}x${dataset.channels}, expected ${height}x${width}x${channels}`);
  }
  if (dataset.classNames.length !== spec.classes) problems.push(`${dataset.classNames.length} classes, expected ${spec.classes}`);
  if (dataset.train.count !== spec.counts.train) problems.push(`${dataset.train.count} training images, expected ${spec.counts.train}`);
  if (dataset.test.count !== spec.counts.test) problems.push(`${dataset.test.count} test images, expected ${spec.counts.test}`);
  if (problems.length > 0) {
    throw new DataError(`${spec.name} in ${dir}: ${problems.join('; ')} — files are missing, truncated or from another dataset`);
  }
}
