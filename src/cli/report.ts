/** How runs read on a terminal: the line after each generation, and the Pareto front as a table. */
import { TABULAR_SPACES, genomeToCode } from '../tabular/index.js';
import { formatGenome } from '../space/genome.js';
import { failureCounts, formatFailures } from '../run/failures.js';
import { accuracyStandardError } from '../search/standard-error.js';
import type { EvaluatedIndividual, GenerationRecord } from '../store/schema.js';
import { formatTable, grouped } from './table.js';

/** Best accuracy in the archive, as a percentage, or "-" when it is empty. */
function bestAccuracy(generation: GenerationRecord): string {
  const best = Math.max(...generation.archive.map((m) => m.metrics.accuracy));
  return Number.isFinite(best) ? `${(best * 100).toFixed(2)}%` : '-';
}

/** "gen 3/20  evals 18 new, 2 cached, 0 failed  best 93.41%  front 7  HV 0.95123  412.3 evals/s" */
export function generationLine(generation: GenerationRecord, generations: number): string {
  const { evaluated, cached, failed } = generation.counts;
  const rate = generation.seconds > 0 ? evaluated / generation.seconds : 0;
  const width = String(generations).length;
  return [
    `gen ${String(generation.index + 1).padStart(width)}/${generations}`,
    `evals ${evaluated} new, ${cached} cached, ${failed} failed`,
    `best ${bestAccuracy(generation)}`,
    `front ${generation.archive.length}`,
    `HV ${generation.hypervolume.toFixed(5)}`,
    `${rate.toFixed(1)} evals/s`,
    ...(failed > 0 ? [`failed: ${formatFailures(failureCounts(generation.candidates))}`] : []),
  ].join('  ');
}

/**
 * One front member as plain data (JSON output). With the validation images it was measured on,
 * its accuracy's binomial standard error too (a fraction, like the accuracy).
 */
export function frontMember(member: EvaluatedIndividual, spaceName: string | null, validationImages: number | null = null) {
  const space = spaceName === null ? undefined : TABULAR_SPACES.get(spaceName);
  return {
    genome: formatGenome(member.genome),
    hash: member.hash,
    ...(space ? { code: genomeToCode(member.genome, space) } : {}),
    accuracy: member.metrics.accuracy,
    ...(validationImages === null ? {} : { accuracyStandardError: accuracyStandardError(member.metrics.accuracy, validationImages) }),
    loss: member.metrics.loss,
    params: member.metrics.params,
    macs: member.metrics.macs,
  };
}

/**
 * The front as a table, most accurate first; tabular spaces also show the benchmark's code, and
 * with the validation images known each accuracy carries its standard error ("86.40% ± 1.08").
 */
export function frontTable(front: readonly EvaluatedIndividual[], spaceName: string | null, validationImages: number | null = null): string {
  if (front.length === 0) return '(no architecture evaluated yet)';
  const rows = front.map((m) => frontMember(m, spaceName, validationImages));
  const withCode = rows[0]?.code !== undefined;
  const table = formatTable(
    ['#', 'genome', ...(withCode ? ['code'] : []), validationImages === null ? 'accuracy' : 'accuracy ± s.e.', 'params', 'MACs'],
    rows.map((r, i) => [
      String(i + 1),
      r.genome,
      ...(withCode ? [r.code ?? ''] : []),
      `${(r.accuracy * 100).toFixed(2)}%${r.accuracyStandardError === undefined ? '' : ` ± ${(r.accuracyStandardError * 100).toFixed(2)}`}`,
      grouped(r.params),
      grouped(r.macs),
    ]),
  );
  return validationImages === null ? table : `${table}\n(accuracy ± its binomial standard error on ${grouped(validationImages)} validation images, in points)`;
}
