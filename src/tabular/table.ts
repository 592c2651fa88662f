/**
 * Tabular benchmark files in Channel-Bench-Macro's format: a JSON object whose keys are
 * architecture codes and whose values are `{acc: [percent, ...], mean, std, params, flops}` — the
 * test accuracies of independent trainings (percent), their mean and standard deviation, the
 * network's parameters and FLOPs. A table lets a search be checked against ground truth in
 * milliseconds instead of training (as NAS-Bench-101/201 do).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TableError } from '../errors/errors.js';
import { formatGenome, parseGenome, type Genome } from '../space/genome.js';
import type { GenomeSpace } from '../space/space.js';
import { SPACES } from '../space/spaces.js';
import { InputError } from '../errors/errors.js';
import { codeToGenome, genomeToCode, isTabularSpace, TABULAR_SPACES, type TabularSpace } from './spaces.js';

export interface TableEntry {
  /** Test accuracies (percent) of the independent trainings. */
  readonly acc: readonly number[];
  /** Their mean (percent): what the tabular evaluator reports. */
  readonly mean: number;
  readonly std: number;
  readonly params: number;
  /** The benchmark's FLOPs figure, read as multiply-accumulates. */
  readonly flops: number;
}

export interface BenchTable {
  /** A Channel-Bench-Macro space (keys: digit codes) or a width space (keys: genome text). */
  readonly space: GenomeSpace;
  /** Where the table came from, for messages. */
  readonly source: string;
  /** sha256 of the file's bytes: the table's identity in evaluation specs and caches. */
  readonly sha256: string;
  readonly entries: ReadonlyMap<string, TableEntry>;
}

/** The space a table of `name` is read in: a tabular space, or a declared width space. */
export function tableSpace(name: string): GenomeSpace {
  const space = TABULAR_SPACES.get(name) ?? SPACES.get(name);
  if (!space) throw new InputError(`unknown space "${name}" for a table; tabular: ${[...TABULAR_SPACES.keys()].join(', ')}; width spaces: ${[...SPACES.keys()].join(', ')}`);
  return space;
}

/** A genome's key in a table of `space`: the benchmark's code, or the canonical genome text. */
export function tableKey(genome: Genome, space: GenomeSpace): string {
  return isTabularSpace(space) ? genomeToCode(genome, space) : formatGenome(genome);
}

/** The genome a table key names, or undefined (with the reason) when the key is not one of the space's. */
function keyProblem(key: string, space: GenomeSpace): string | undefined {
  if (isTabularSpace(space)) {
    return codeToGenome(key, space) ? undefined : `is not an architecture code of ${space.name} (${space.positions.length} digits 1-4)`;
  }
  try {
    const canonical = formatGenome(parseGenome(key, space));
    return canonical === key ? undefined : `is not a genome of ${space.name} in canonical form (${space.positions.length} widths joined by "-", e.g. ${canonical})`;
  } catch (error) {
    return `is not a genome of ${space.name}: ${(error as Error).message}`;
  }
}

/** Reads and checks a table file for `space`. */
export async function loadTable(file: string, space: GenomeSpace): Promise<BenchTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new TableError(`cannot read table ${file}: ${(error as Error).message}`);
  }
  return parseTable(bytes, space, file);
}

/** Checks a table's content; every problem names the key and field and says what is allowed. */
export function parseTable(bytes: Buffer | string, space: GenomeSpace, source: string): BenchTable {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString());
  } catch (error) {
    throw new TableError(`table ${source} is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TableError(`table ${source} must be a JSON object from ${isTabularSpace(space) ? 'architecture codes' : 'genomes'} to {acc, mean, std, params, flops}`);
  }
  const entries = new Map<string, TableEntry>();
  for (const [key, value] of Object.entries(json)) {
    const problem = keyProblem(key, space);
    if (problem) throw new TableError(`table ${source}: key "${key}" ${problem}`);
    entries.set(key, checkEntry(value, `table ${source}: "${key}"`));
  }
  if (entries.size === 0) throw new TableError(`table ${source} has no architectures`);
  return { space, source, sha256, entries };
}

/** Checks one table entry; `where` names it in messages. */
export function checkEntry(value: unknown, where: string): TableEntry {
  if (typeof value !== 'object' || value === null) throw new TableError(`${where} must be an object {acc, mean, std, params, flops}`);
  const record = value as Record<string, unknown>;
  const number = (field: string, min: number, max: number, what: string): number => {
    const v = record[field];
    if (typeof v !== 'number' || !(v >= min && v <= max)) throw new TableError(`${where}.${field} is ${JSON.stringify(v)}; expected ${what}`);
    return v;
  };
  const percent = (field: string) => number(field, 0, 100, 'a percentage from 0 to 100');
  const acc = record.acc;
  if (!Array.isArray(acc) || acc.length === 0 || !acc.every((a) => typeof a === 'number' && a >= 0 && a <= 100)) {
    throw new TableError(`${where}.acc must be a non-empty list of percentages from 0 to 100`);
  }
  return {
    acc,
    mean: percent('mean'),
    std: number('std', 0, 100, 'a number from 0 to 100'),
    params: number('params', 0, Number.MAX_SAFE_INTEGER, 'a count ≥ 0'),
    flops: number('flops', 0, Number.MAX_SAFE_INTEGER, 'a count ≥ 0'),
  };
}

/** The table's entry for a genome of its space, if the table lists it. */
export function lookupGenome(table: BenchTable, genome: Genome): TableEntry | undefined {
  return table.entries.get(tableKey(genome, table.space));
}

/**
 * The tabular space a file name suggests: Channel-Bench-Macro ships `Results_ResNet.json` and
 * `Results_MobileNet.json`. Undefined when the name mentions neither (or both).
 */
export function spaceFromFileName(file: string): TabularSpace | undefined {
  const name = basename(file).toLowerCase();
  const matches = [...TABULAR_SPACES.values()].filter((space) => name.includes(space.network));
  return matches.length === 1 ? matches[0] : undefined;
}
