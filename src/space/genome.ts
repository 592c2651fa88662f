/**
 * Genomes: the widths of one architecture in a space, and their canonical text form
 * (`16-16-...-64`, widths joined by "-").
 *
 * The CVPR 2021 challenge published its architectures as 20 numbers; the 20th is not used by the
 * challenge's supernets. `parseGenome` accepts that form too (the extra number must be an
 * integer and is dropped) and `formatGenome` always prints the space's own length.
 */
import { GenomeError } from '../errors/errors.js';
import { genomeLength, type GenomeSpace } from './space.js';

/** The picked width at each position of a space, in order. */
export type Genome = readonly number[];

/** The canonical text form: widths joined by "-". */
export function formatGenome(genome: Genome): string {
  return genome.join('-');
}

/** Parses the text form, rejecting it with a message that names the position and allowed widths. */
export function parseGenome(text: string, space: GenomeSpace): Genome {
  const length = genomeLength(space);
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new GenomeError(`genome is empty; expected ${length} widths joined by "-", e.g. ${example(space)}`);
  }
  const tokens = trimmed.split('-');
  if (tokens.length !== length && tokens.length !== length + 1) {
    throw new GenomeError(
      `genome has ${widthCount(tokens.length)}; space "${space.name}" takes ${length} ` +
        `(or ${length + 1} in the challenge's published form, whose last number is ignored), e.g. ${example(space)}`,
    );
  }
  const widths = tokens.map((token, index) => {
    if (!/^\d+$/.test(token.trim())) {
      throw new GenomeError(`genome g[${index}] is "${token}", not a whole number; ${allowedAt(space, index)}`);
    }
    // Digits alone would let 100000000000000000000000 through as the ignored 20th number, read as 1e23.
    if (!Number.isSafeInteger(Number(token))) {
      throw new GenomeError(`genome g[${index}] is ${token.trim()}, too large to be held exactly; ${allowedAt(space, index)}`);
    }
    return Number(token);
  });
  return checkGenome(widths.slice(0, length), space);
}

/** Returns the genome unchanged if it fits the space; otherwise throws a GenomeError. */
export function checkGenome(genome: Genome, space: GenomeSpace): Genome {
  const problem = genomeProblem(genome, space);
  if (problem) throw new GenomeError(problem);
  return genome;
}

/** True when the genome has the space's length and a declared choice at every position. */
export function isValidGenome(genome: Genome, space: GenomeSpace): boolean {
  return genomeProblem(genome, space) === undefined;
}

function genomeProblem(genome: Genome, space: GenomeSpace): string | undefined {
  const length = genomeLength(space);
  if (genome.length !== length) {
    return `genome has ${widthCount(genome.length)}; space "${space.name}" takes ${length}`;
  }
  for (const position of space.positions) {
    const width = genome[position.index];
    if (width === undefined || !position.choices.includes(width)) {
      return `genome g[${position.index}] (${position.role}) is ${width}; allowed: ${position.choices.join(', ')}`;
    }
  }
  return undefined;
}

function widthCount(n: number): string {
  return `${n} width${n === 1 ? '' : 's'}`;
}

function allowedAt(space: GenomeSpace, index: number): string {
  const position = space.positions[index];
  return position ? `allowed at g[${index}] (${position.role}): ${position.choices.join(', ')}` : `the extra number (ignored) must be a whole number up to ${Number.MAX_SAFE_INTEGER}`;
}

function example(space: GenomeSpace): string {
  return formatGenome(space.positions.map((p) => p.maxChannels));
}
