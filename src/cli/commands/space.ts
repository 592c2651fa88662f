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
import { imageSize, wholeNumber } from '../options.js';
import { formatTable, grouped, scientific } from '../table.js';

export interface SpaceInfoOptions {
  readonly space?: string;
  readonly json?: boolean;
}

export async function spaceInfo(options: SpaceInfoOptions): Promise<string> {
  const space = getSpace(options.space);
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

export async function spaceList(options: { readonly json?: boolean }): Promise<string> {
  const rows = [...SPACES.values()].map((space) => ({
    name: space.name,
    genomeLength: genomeLength(space),
    architectures: architectureCount(space).toString(),
    description: space.description,
  }));
  if (options.json) return JSON.stringify(rows);
  return formatTable(
    ['space', 'genes', 'architectures', 'description'],
    rows.map((r) => [r.name, String(r.genomeLength), scientific(BigInt(r.architectures)), r.description]),
  );
}

export interface SpaceSampleOptions {
  readonly space?: string;
  readonly n: number;
  readonly seed: number;
  readonly json?: boolean;
}

export async function spaceSample(options: SpaceSampleOptions): Promise<string> {
  const space = getSpace(options.space);
  const rng = Rng.fromSeed(options.seed).fork('space-sample');
  const genomes = Array.from({ length: options.n }, () => sampleGenome(space, rng));
  if (!options.json) return genomes.map(formatGenome).join('\n');
  return JSON.stringify(
    genomes.map((genome) => ({ genome: formatGenome(genome), hash: genomeHash(genome, space), ...genomeCost(genome, space) })),
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
  const space = getSpace(options.space);
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
    new Option('--space <name>', 'search space').choices([...SPACES.keys()]).default(DEFAULT_SPACE_NAME);
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
