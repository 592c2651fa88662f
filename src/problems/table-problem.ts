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
import { isTabularSpace, loadTable, lookupGenome, spaceFromFileName, tableSpace, tabularCost, TABULAR_SPACES } from '../tabular/index.js';
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
