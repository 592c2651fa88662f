/**
 * `evo-nas zoo list`: the zoo's architectures with their size, read from the counted cache
 * (src/zoo/list-cache.ts), and the entries searches exported. Loads no TensorFlow.js, so it is
 * instant.
 */
import { ZooError } from '../../errors/errors.js';
import { readZooEntries } from '../../zoo/entries.js';
import { ZOO_LIST } from '../../zoo/list-cache.js';
import { formatTable } from '../table.js';

export interface ZooListOptions {
  readonly family?: string;
  readonly json?: boolean;
}

const millions = (n: number) => `${(n / 1e6).toFixed(2)}M`;

export async function zooList(options: ZooListOptions): Promise<string> {
  const chosen = options.family === undefined ? ZOO_LIST : ZOO_LIST.filter((row) => row.family === options.family);
  if (chosen.length === 0) {
    const families = [...new Set(ZOO_LIST.map((row) => row.family))];
    throw new ZooError(`no family "${options.family}"; families are: ${families.join(', ')}`);
  }
  if (options.json) return JSON.stringify(chosen);
  return formatTable(
    ['name', 'family', 'params (10)', 'MACs (10)', 'params (100)', 'MACs (100)', 'reference'],
    chosen.map((r) => [r.name, r.family, millions(r.params10), millions(r.macs10), millions(r.params100), millions(r.macs100), r.reference]),
  );
}

/** `zoo list --entries DIR`: the architectures exported by searches into DIR. */
export function zooEntries(dir: string, json = false): string {
  const entries = readZooEntries(dir);
  if (json) return JSON.stringify(entries);
  if (entries.length === 0) return `no search entries in ${dir} yet (evo-nas export RUN_DIR --pareto --to ${dir})`;
  return formatTable(
    ['entry', 'genome', 'accuracy', 'params', 'MACs', 'dataset', 'run'],
    entries.map((e) => [e.name, e.genome, `${(e.metrics.accuracy * 100).toFixed(2)}%`, millions(e.metrics.params), millions(e.metrics.macs), e.provenance.dataset, e.provenance.run]),
  );
}
