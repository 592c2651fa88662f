/**
 * The tabular problem behind `--evaluator table:FILE`: genomes of a Channel-Bench-Macro space
 * (or of a width space, with `--space`, for a table keyed by genome text such as `evo-nas table
 * build` writes), evaluated by looking them up in the table (in the pool's workers, or in-process with
 * `--workers 0`). Costs for budget repair come from the table, or the analytic model for an
 * architecture the table lacks.
 */
import { resolve } from 'node:path';
import { handlerSpec } from '../../evaluators/handler.js';
import { InputError } from '../errors/errors.js';
import type { Problem } from '../search/problem.js';
import { genomeCost, SPACES, type ResNetSpace } from '../space/index.js';
import { betterFittingSpace, isTabularSpace, loadTable, lookupGenome, spaceFromFileName, tableSpace, tabularCost, TABULAR_SPACES, type BenchTable, type TabularSpace } from '../tabular/index.js';
import type { RunConfig } from '../run/config.js';
import { evaluatorFor } from './evaluator-for.js';
import { evaluatorProblem } from './evaluator-problem.js';

export async function tableProblem(file: string, config: RunConfig): Promise<Problem> {
  const path = resolve(file);
  const space = config.space ? tableSpace(config.space) : spaceFromFileName(path);
  if (!space) {
    throw new InputError(
      `cannot tell the space of table ${file} from its name; pass --space with one of ${[...TABULAR_SPACES.keys(), ...SPACES.keys()].join(', ')}`,
    );
  }
  const table = await loadTable(path, space);
  if (isTabularSpace(space)) checkTableFits(table, space, file, config.space !== null);
  const handler = handlerSpec('table', { file: path, space: space.name });
  const evaluator = evaluatorFor(handler, config);
  return evaluatorProblem({
    space,
    costOf: (genome) => {
      const entry = lookupGenome(table, genome);
      if (entry) return { params: entry.params, macs: entry.flops };
      // A genome the table lacks is priced by the space's own cost model (its evaluation will fail).
      return isTabularSpace(space) ? tabularCost(genome, space) : genomeCost(genome, space as ResNetSpace);
    },
    evalSpec: { kind: 'table', space: space.name, sha256: table.sha256 },
    supernetVersion: 0,
    seed: config.seed,
    evaluator,
  });
}

/** A table measured in the other Channel-Bench-Macro space is refused: its keys fit both. */
function checkTableFits(table: BenchTable, space: TabularSpace, file: string, fromFlag: boolean): void {
  const better = betterFittingSpace(table, space);
  if (!better) return;
  const named = fromFlag ? `--space ${space.name}` : `the space its name suggests, ${space.name}`;
  throw new InputError(
    `table ${file} does not fit ${named}: its params are ${better.space.name}'s (within ×${better.ratio.toFixed(2)} of its cost model, ` +
      `×${better.asked.toFixed(1)} off ${space.name}'s); pass --space ${better.space.name}`,
  );
}
