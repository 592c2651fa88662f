/**
 * `evo-nas space ...`: look at a search space, draw genomes from it, and price a genome.
 * Each command is a plain function from typed options to the text it prints, so tests call it
 * directly; `registerSpaceCommands` wires them to commander.
 */
import { Option, type Command } from 'commander';
import { Rng } from '../../random/rng.js';
import {
  DEFAULT_SPACE_NAME,
  formatGenome,
  genomeCost,
  genomeHash,
  genomeLength,
  getSpace,
  largestGenome,
  parseGenome,
  sampleGenome,
  SHORTCUTS,
  smallestGenome,
  SPACES,
  type Cost,
  type Genome,
  type GenomeSpace,
  type ResNetSpace,
  type Shortcut,
} from '../../space/index.js';
import { addSettings } from '../../settings/commander.js';
import { SEED } from '../../settings/common.js';
import { InputError } from '../../errors/errors.js';
import { tabularCost } from '../../tabular/cost.js';
import { TABULAR_SPACES, type TabularSpace } from '../../tabular/spaces.js';
import { imageSize, wholeNumber } from '../options.js';
import { formatTable, grouped, scientific } from '../table.js';

export interface SpaceInfoOptions {
  readonly space?: string;
  readonly json?: boolean;
}

/**
 * A space by name: a ResNet channel space (searched with the supernet) or one of
 * Channel-Bench-Macro's table spaces (searched with `run --evaluator table:FILE`), with its cost.
 */
type NamedSpace = { readonly kind: 'supernet'; readonly space: ResNetSpace } | { readonly kind: 'table'; readonly space: TabularSpace };

function namedSpace(name: string = DEFAULT_SPACE_NAME): NamedSpace {
  const table = TABULAR_SPACES.get(name);
  return table ? { kind: 'table', space: table } : { kind: 'supernet', space: getSpace(name) };
}

const costOf = (named: NamedSpace, genome: Genome): { params: number; macs: number } =>
  named.kind === 'table' ? tabularCost(genome, named.space) : genomeCost(genome, named.space);

/** Every space `--space` takes: the ResNet spaces, then the table spaces. */
const ALL_SPACE_NAMES = [...SPACES.keys(), ...TABULAR_SPACES.keys()];

export async function spaceInfo(options: SpaceInfoOptions): Promise<string> {
  const named = namedSpace(options.space);
  if (named.kind === 'table') return tableSpaceInfo(named, options.json === true);
  const space = named.space;
  const size = architectureCount(space);
  const extremes = { largest: largestGenome(space), smallest: smallestGenome(space) };
  if (options.json) {
    return JSON.stringify({
      ...space,
      genomeLength: genomeLength(space),
      architectures: size.toString(),
      positions: space.positions,
      largest: { genome: formatGenome(extremes.largest), ...genomeCost(extremes.largest, space) },
      smallest: { genome: formatGenome(extremes.smallest), ...genomeCost(extremes.smallest, space) },
    });
  }
  const table = formatTable(
    ['gene', 'role', 'choices'],
    space.positions.map((p) => [`g[${p.index}]`, p.role, p.choices.join(' ')]),
  );
  const costLine = (genome: Genome) => {
    const cost = genomeCost(genome, space);
    return `${formatGenome(genome)}  (${grouped(cost.params)} params, ${grouped(cost.macs)} MACs)`;
  };
  return [
    `${space.name}: ${space.description}`,
    `input ${space.inputSize}x${space.inputSize}x${space.inputChannels}, ${space.classes} classes, shortcut: ${space.shortcut}`,
    `genome: ${genomeLength(space)} widths, ${scientific(size)} architectures`,
    `largest:  ${costLine(extremes.largest)}`,
    `smallest: ${costLine(extremes.smallest)}`,
    '',
    table,
  ].join('\n');
}

/** A table space: what `run --evaluator table:FILE --space NAME` searches. */
function tableSpaceInfo(named: NamedSpace & { kind: 'table' }, json: boolean): string {
  const { space } = named;
  const extremes = { largest: largestGenome(space), smallest: smallestGenome(space) };
  if (json) {
    return JSON.stringify({
      ...space,
      evaluator: 'table',
      genomeLength: genomeLength(space),
      architectures: architectureCount(space).toString(),
      largest: { genome: formatGenome(extremes.largest), ...costOf(named, extremes.largest) },
      smallest: { genome: formatGenome(extremes.smallest), ...costOf(named, extremes.smallest) },
    });
  }
  const costLine = (genome: Genome) => {
    const cost = costOf(named, genome);
    return `${formatGenome(genome)}  (${grouped(cost.params)} params, ${grouped(cost.macs)} MACs, estimated)`;
  };
  return [
    `${space.name}: ${space.description}`,
    `a table space: search it with evo-nas run --evaluator table:FILE (a Channel-Bench-Macro ${space.network} table, or evo-nas table generate --space ${space.name})`,
    `${space.classes} classes; genome: ${genomeLength(space)} widths, ${architectureCount(space)} architectures`,
    `largest:  ${costLine(extremes.largest)}`,
    `smallest: ${costLine(extremes.smallest)}`,
    '',
    formatTable(['gene', 'role', 'choices'], space.positions.map((p) => [`g[${p.index}]`, p.role, p.choices.join(' ')])),
  ].join('\n');
}

export async function spaceList(options: { readonly json?: boolean }): Promise<string> {
  const row = (space: GenomeSpace & { readonly description: string }, evaluator: 'supernet' | 'table') => ({
    name: space.name,
    evaluator,
    genomeLength: genomeLength(space),
    architectures: architectureCount(space).toString(),
    description: space.description,
  });
  const rows = [...[...SPACES.values()].map((s) => row(s, 'supernet')), ...[...TABULAR_SPACES.values()].map((s) => row(s, 'table'))];
  if (options.json) return JSON.stringify(rows);
  return formatTable(
    ['space', 'evaluator', 'genes', 'architectures', 'description'],
    rows.map((r) => [r.name, r.evaluator, String(r.genomeLength), scientific(BigInt(r.architectures)), r.description]),
  );
}

export interface SpaceSampleOptions {
  readonly space?: string;
  readonly n: number;
  readonly seed: number;
  readonly json?: boolean;
}

export async function spaceSample(options: SpaceSampleOptions): Promise<string> {
  const named = namedSpace(options.space);
  const rng = Rng.fromSeed(options.seed).fork('space-sample');
  const genomes = Array.from({ length: options.n }, () => sampleGenome(named.space, rng));
  if (!options.json) return genomes.map(formatGenome).join('\n');
  return JSON.stringify(
    genomes.map((genome) => ({ genome: formatGenome(genome), hash: genomeHash(genome, named.space), ...costOf(named, genome) })),
  );
}

export interface SpaceCostOptions {
  readonly space?: string;
  readonly classes?: number;
  readonly shortcut?: Shortcut;
  readonly inputSize?: number | readonly [number, number];
  readonly inputChannels?: number;
  readonly json?: boolean;
}

export async function spaceCost(genomeText: string, options: SpaceCostOptions): Promise<string> {
  const named = namedSpace(options.space);
  if (named.kind === 'table') return tableSpaceCost(genomeText, named, options);
  const space = named.space;
  const genome = parseGenome(genomeText, space);
  const resolved = {
    classes: options.classes ?? space.classes,
    shortcut: options.shortcut ?? space.shortcut,
    inputSize: options.inputSize ?? space.inputSize,
    inputChannels: options.inputChannels ?? space.inputChannels,
  };
  const cost = genomeCost(genome, space, resolved);
  if (options.json) {
    return JSON.stringify({ genome: formatGenome(genome), hash: genomeHash(genome, space), space: space.name, ...resolved, ...cost });
  }
  return describeCost(genome, space, resolved, cost);
}

/** A table space's genome priced by the analytic model of its network (the table's own figures may differ). */
function tableSpaceCost(genomeText: string, named: NamedSpace & { kind: 'table' }, options: SpaceCostOptions): string {
  const fixed = (['classes', 'shortcut', 'inputSize', 'inputChannels'] as const).filter((key) => options[key] !== undefined);
  if (fixed.length > 0) {
    throw new InputError(`${fixed.map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}: the table space ${named.space.name} has a fixed network (CIFAR-10, 32x32x3)`);
  }
  const genome = parseGenome(genomeText, named.space);
  const cost = costOf(named, genome);
  const hash = genomeHash(genome, named.space);
  if (options.json) return JSON.stringify({ genome: formatGenome(genome), hash, space: named.space.name, ...cost, estimated: true });
  return [
    `genome   ${formatGenome(genome)}  (${named.space.name}, hash ${hash})`,
    `params   ${grouped(cost.params)}  (estimated from the network's description; a table's own figures win)`,
    `MACs     ${grouped(cost.macs)}  (${(cost.macs / 1e6).toFixed(2)} M)`,
  ].join('\n');
}

function describeCost(genome: Genome, space: ResNetSpace, resolved: Record<string, unknown>, cost: Cost): string {
  const size = Array.isArray(resolved.inputSize) ? resolved.inputSize.join('x') : `${resolved.inputSize}x${resolved.inputSize}`;
  return [
    `genome   ${formatGenome(genome)}  (${space.name}, hash ${genomeHash(genome, space)})`,
    `setting  ${resolved.classes} classes, shortcut ${resolved.shortcut}, input ${size}x${resolved.inputChannels}`,
    `params   ${grouped(cost.params)}  (conv + linear ${grouped(cost.weightParams)}, BN ${grouped(cost.bnParams)})`,
    `MACs     ${grouped(cost.macs)}  (${(cost.macs / 1e6).toFixed(2)} M)`,
  ].join('\n');
}

/** How many distinct genomes the space holds (a BigInt: 7.2e16 for ResNet20). */
export function architectureCount(space: GenomeSpace): bigint {
  return space.positions.reduce((n, p) => n * BigInt(p.choices.length), 1n);
}

export function registerSpaceCommands(program: Command, print: (text: string) => void): void {
  const space = program.command('space').description('look at a search space, sample genomes, price a genome');
  const spaceOption = () =>
    new Option('--space <name>', 'search space: a ResNet space (supernet) or a table space').choices(ALL_SPACE_NAMES).default(DEFAULT_SPACE_NAME);
  const json = () => new Option('--json', 'print JSON instead of text');

  space
    .command('list')
    .description('list the declared search spaces')
    .addOption(json())
    .action(async (options) => print(await spaceList(options)));

  space
    .command('info')
    .description('show a space: its positions, choices, size, largest and smallest genomes')
    .addOption(spaceOption())
    .addOption(json())
    .action(async (options) => print(await spaceInfo(options)));

  const sample = space
    .command('sample')
    .description('draw genomes uniformly at random (seeded)')
    .addOption(spaceOption())
    .option('--n <count>', 'how many genomes', wholeNumber(1, 1_000_000), 1)
    .addOption(json());
  addSettings(sample, [SEED])
    .action(async (options) => print(await spaceSample(options)))
    .addHelpText('after', '\nExample:\n  evo-nas space sample --n 5 --seed 42 --json');

  space
    .command('cost')
    .description('parameters and MACs of a genome, counted exactly as PyTorch counts them')
    .argument('<genome>', 'widths joined by "-", e.g. 16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64')
    .addOption(spaceOption())
    .option('--classes <count>', "output classes (default: the space's)", wholeNumber(1))
    .addOption(new Option('--shortcut <kind>', "shortcut convention (default: the space's)").choices(SHORTCUTS))
    .option('--input-size <side>', 'input side, or height x width like 32x48', imageSize)
    .option('--input-channels <count>', 'input channels', wholeNumber(1))
    .addOption(json())
    .action(async (genome: string, options) => print(await spaceCost(genome, options)))
    .addHelpText(
      'after',
      '\nThe 20-number form of the challenge\'s published architectures is accepted (the 20th is ignored).\n' +
        'Example:\n  evo-nas space cost 16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64 --classes 10 --shortcut needed --json',
    );
}
