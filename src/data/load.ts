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
  /**
   * The dataset's folder in a place the user named (`--data-dir`, `$EVO_NAS_DATA`) when it exists
   * but holds none of the dataset's marker files: the search stops there, and loading it names
   * the missing file, rather than quietly reading another copy from a later source.
   */
  readonly incomplete?: Location & { readonly root: string };
}

/** Sources the user named for this call: a copy found there is the one meant. */
const NAMED: readonly SourceKind[] = ['--data-dir', 'EVO_NAS_DATA'];

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
    if (NAMED.includes(kind) && (await exists(base))) {
      const archive = spec.archiveFolder ? join(base, spec.archiveFolder) : undefined;
      return { searched, incomplete: { dir: archive && (await exists(archive)) ? archive : base, source: kind, root } };
    }
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
  const { found, searched, incomplete } = await locateDataset(spec, options.sources);
  if (incomplete) throw await incompleteError(spec, incomplete, options);
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

/** What is missing from a copy in a named folder: the reader's own message names the file it needed. */
async function incompleteError(spec: DatasetSpec, at: Location & { readonly root: string }, options: ReadOptions): Promise<DataError> {
  let missing = `none of ${spec.markers.join(', ')} is there`;
  try {
    await spec.read(at.dir, options);
  } catch (error) {
    if (error instanceof DataError) missing = error.message;
    else throw error;
  }
  return new DataError(
    `${spec.name} in ${at.dir} (from ${at.source}) is incomplete: ${missing}. evo-nas reads the copy in the folder you named and looks no further; ` +
      `complete it, or fetch a whole copy there: evo-nas data fetch ${spec.name} --data-dir ${at.root} --force`,
  );
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
