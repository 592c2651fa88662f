/**
 * `evo-nas zoo ...`: the model zoo's architectures with their size, and one architecture's
 * layers. Each command is a plain function from typed options to the text it prints.
 */
import { ZooError } from '../../errors/errors.js';
import { readZooEntries } from '../../zoo/entries.js';
import { architectureCost, buildModel, layerSummary, modelCost, resolveModel, ZOO, type Architecture } from '../../zoo/index.js';
import { formatTable, grouped } from '../table.js';

export interface ZooListOptions {
  readonly family?: string;
  readonly json?: boolean;
  /** Called after each architecture is priced (for a progress display). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ZooListRow {
  readonly name: string;
  readonly family: string;
  readonly paper: string;
  readonly reference: string;
  readonly params10: number;
  readonly macs10: number;
  readonly params100: number;
  readonly macs100: number;
}

const reference = (a: Architecture) => `${a.references[0].repo} ${a.references[0].file} ${a.references[0].symbol}`;
const millions = (n: number) => `${(n / 1e6).toFixed(2)}M`;

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

export async function zooList(options: ZooListOptions): Promise<string> {
  const all = [...ZOO.values()];
  const chosen = options.family === undefined ? all : all.filter((a) => a.family === options.family);
  if (chosen.length === 0) {
    const families = [...new Set(all.map((a) => a.family))];
    throw new ZooError(`no family "${options.family}"; families are: ${families.join(', ')}`);
  }
  const rows: ZooListRow[] = chosen.map((a, i) => {
    const [c10, c100] = [architectureCost(a, { classes: 10 }), architectureCost(a, { classes: 100 })];
    options.onProgress?.(i + 1, chosen.length);
    const { name, family, paper } = a;
    return { name, family, paper, reference: reference(a), params10: c10.params, macs10: c10.macs, params100: c100.params, macs100: c100.macs };
  });
  if (options.json) return JSON.stringify(rows);
  return formatTable(
    ['name', 'family', 'params (10)', 'MACs (10)', 'params (100)', 'MACs (100)', 'reference'],
    rows.map((r) => [r.name, r.family, millions(r.params10), millions(r.macs10), millions(r.params100), millions(r.macs100), r.reference]),
  );
}

export interface ZooShowOptions {
  readonly classes?: number;
  readonly inputSize?: number | readonly [number, number];
  readonly inputChannels?: number;
  readonly json?: boolean;
}

/** `zoo show NAME_OR_ENTRY`; an exported entry defaults to the classes and input it was searched for. */
export async function zooShow(name: string, options: ZooShowOptions): Promise<string> {
  const source = resolveModel(name);
  const { architecture } = source;
  const searched = source.kind === 'entry' ? source.entry : undefined;
  const classes = options.classes ?? searched?.classes ?? 10;
  const [height, width] =
    typeof options.inputSize === 'number' ? [options.inputSize, options.inputSize] : (options.inputSize ?? searched?.inputShape.slice(0, 2) ?? [32, 32]);
  const inputShape = [height as number, width as number, options.inputChannels ?? searched?.inputShape[2] ?? 3] as const;
  const model = buildModel(architecture, { classes, inputShape, weights: 'zeros' });
  try {
    const rows = layerSummary(model);
    const total = modelCost(model);
    const header = { name, family: architecture.family, paper: architecture.paper, references: architecture.references, classes, inputShape };
    if (options.json) return JSON.stringify({ ...header, ...total, layers: rows });
    return [
      `${name}: ${architecture.family}, ${architecture.paper}`,
      `follows  ${architecture.references.map((r) => `${r.repo} ${r.file} ${r.symbol}`).join('; also ')}`,
      `input    ${inputShape.join('x')}, ${classes} classes, ${rows.length} layers`,
      `params   ${grouped(total.params)}`,
      `MACs     ${grouped(total.macs)} per image`,
      '',
      formatTable(
        ['layer', 'type', 'output', 'params', 'MACs'],
        rows.map((r) => [r.name, r.type, r.outputShape.join('x'), r.params === 0 ? '' : grouped(r.params), r.macs === 0 ? '' : grouped(r.macs)]),
      ),
    ].join('\n');
  } finally {
    model.dispose();
  }
}

/** A progress bar on a terminal, a line per quarter otherwise (to stderr, so stdout stays data). */
