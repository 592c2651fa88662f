/**
 * `evo-nas zoo show`: one architecture's layers (the list is ./zoo-list.ts, which needs no
 * tensors). Each command is a plain function from typed options to the text it prints.
 */
import { buildModel, layerSummary, modelCost, resolveModel } from '../../zoo/index.js';
import { formatTable, grouped } from '../table.js';

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
