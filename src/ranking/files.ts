/**
 * The files `evo-nas correlate` compares, each a JSON object scoring architectures of one space:
 *
 * - the challenge's submission format (CVPR 2021 lightweight NAS, Track 1):
 *   `{"arch1": {"arch": "16-8-...", "acc": 0.71}, "arch2": ...}`. `arch` has 19 widths, or 20 as
 *   the challenge published them: the 20th (last) number is not a width of the network (the
 *   challenge's supernet code reads widths 1-19, `arch.split('-')[:-1]`) and is dropped, as
 *   `parseGenome` does. Scores are read as given: any scale ranks the same.
 * - a table in Channel-Bench-Macro's format keyed by genome text (`evo-nas table build` writes
 *   one): the score is `mean`; `acc` (one accuracy per seed) and `params` come along.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors/errors.js';
import { formatGenome, parseGenome, type Genome, type GenomeSpace } from '../space/index.js';
import { parseTable } from '../tabular/table.js';

export type ScoreFormat = 'submission' | 'table';

export interface ScoredArchitecture {
  readonly genome: Genome;
  /** Where the file names it: the submission's key (`arch7`) or the table's genome key. */
  readonly label: string;
  readonly score: number;
  /** Tables only: one accuracy per training seed, and the parameter count. */
  readonly acc?: readonly number[];
  readonly params?: number;
}

export interface ScoreFile {
  readonly source: string;
  readonly format: ScoreFormat;
  /** By canonical genome text, in the file's order. */
  readonly architectures: ReadonlyMap<string, ScoredArchitecture>;
}

export function readScoreFile(file: string, space: GenomeSpace): ScoreFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseScoreFile(text, space, file);
}

/** A submission when its values hold `arch`, else a table keyed by genome text. */
export function parseScoreFile(text: string, space: GenomeSpace, source: string): ScoreFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || Object.keys(json).length === 0) {
    throw new InputError(`${source} must be a non-empty JSON object: a submission {"arch1": {"arch": "16-...", "acc": 0.9}} or a table {"16-...": {acc, mean, std, params, flops}}`);
  }
  const first = Object.values(json)[0] as Record<string, unknown> | null;
  return typeof first === 'object' && first !== null && 'arch' in first ? parseSubmission(json as Record<string, unknown>, space, source) : parseGenomeTable(text, space, source);
}

function parseSubmission(json: Record<string, unknown>, space: GenomeSpace, source: string): ScoreFile {
  const architectures = new Map<string, ScoredArchitecture>();
  for (const [label, value] of Object.entries(json)) {
    const where = `${source}: "${label}"`;
    const record = value as Record<string, unknown> | null;
    if (typeof record !== 'object' || record === null || typeof record.arch !== 'string') {
      throw new InputError(`${where} must be {"arch": "16-8-...", "acc": number} as in the challenge's submission files`);
    }
    if (typeof record.acc !== 'number' || !Number.isFinite(record.acc)) throw new InputError(`${where}.acc is ${JSON.stringify(record.acc)}; expected a finite number`);
    let genome: Genome;
    try {
      genome = parseGenome(record.arch, space);
    } catch (error) {
      throw new InputError(`${where}.arch: ${(error as Error).message}`);
    }
    const text = formatGenome(genome);
    const earlier = architectures.get(text);
    if (earlier) throw new InputError(`${where} repeats the architecture of "${earlier.label}" (${text}); each architecture may be scored once`);
    architectures.set(text, { genome, label, score: record.acc });
  }
  return { source, format: 'submission', architectures };
}

function parseGenomeTable(text: string, space: GenomeSpace, source: string): ScoreFile {
  const table = parseTable(text, space, source);
  const architectures = new Map<string, ScoredArchitecture>();
  for (const [key, entry] of table.entries) {
    architectures.set(key, { genome: parseGenome(key, space), label: key, score: entry.mean, acc: entry.acc, params: entry.params });
  }
  return { source, format: 'table', architectures };
}

export interface SubmissionRow {
  readonly genome: Genome;
  readonly acc: number;
}

/** The submission JSON: `arch1`, `arch2`, ... in the rows' order, genomes in canonical 19-width form. */
export function formatSubmission(rows: readonly SubmissionRow[]): string {
  const lines = rows.map((row, i) => `${JSON.stringify(`arch${i + 1}`)}: ${JSON.stringify({ arch: formatGenome(row.genome), acc: row.acc })}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Writes a submission file whole or not at all (a temp file renamed into place). */
export function writeSubmission(file: string, rows: readonly SubmissionRow[]): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, formatSubmission(rows));
  renameSync(temp, file);
}
