/**
 * The search spaces of Channel-Bench-Macro (Su et al. 2021, "BCNet: Searching for Network Width
 * with Bilaterally Coupled Network", CVPR; github.com/xiusu/Channel-Bench-Macro), declared as
 * genome spaces so the genome operators work on them unchanged.
 *
 * Both spaces have 7 independent widths, each a multiplier 1/4, 2/4, 3/4 or 4/4 of the layer's
 * largest width; the benchmark writes an architecture as 7 digits 1-4 (its code, e.g. "4213342"),
 * digit d meaning d/4 of the largest width. A genome holds the widths themselves:
 * width = round(d * largest / 4), as the benchmark's model code computes it.
 */
import { InputError } from '../errors/errors.js';
import type { Genome } from '../space/genome.js';
import { position, type GenomeSpace } from '../space/space.js';

export interface TabularSpace extends GenomeSpace {
  readonly description: string;
  /** The network family the benchmark trained: it decides the cost model. */
  readonly network: 'resnet' | 'mobilenet';
  /** Classes of the benchmark's dataset (CIFAR-10). */
  readonly classes: number;
}

/** How many multipliers each position takes: 1/4 .. 4/4. */
export const MULTIPLIERS = 4;

function tabularSpace(
  name: string,
  network: TabularSpace['network'],
  description: string,
  layers: readonly (readonly [role: string, largest: number])[],
): TabularSpace {
  const positions = layers.map(([role, largest], index) =>
    position(index, role, Array.from({ length: MULTIPLIERS }, (_, k) => Math.round(((k + 1) * largest) / MULTIPLIERS))),
  );
  return { name, network, description, classes: 10, positions };
}

/** ResNet space: stem, five basic blocks; largest widths 256 (stage 1) and 512 (stage 2). */
export const CHANNEL_BENCH_RESNET = tabularSpace(
  'channel-bench-resnet',
  'resnet',
  'Channel-Bench-Macro ResNet (CIFAR-10): 7 widths, multipliers 1/4..4/4, 16384 trained architectures',
  [
    ['stem output = stage 1 width', 256],
    ['block 1 conv1 output', 256],
    ['block 2 conv1 output', 256],
    ['block 3 conv1 output', 512],
    ['block 3 output = stage 2 width', 512],
    ['block 4 conv1 output', 512],
    ['block 5 conv1 output', 512],
  ],
);

/** MobileNetV2-style space: stem, four inverted-residual blocks, a final 1x1 conv. */
export const CHANNEL_BENCH_MOBILENET = tabularSpace(
  'channel-bench-mobilenet',
  'mobilenet',
  'Channel-Bench-Macro MobileNet (CIFAR-10): 7 widths, multipliers 1/4..4/4, 16384 trained architectures',
  [
    ['stem output = stage 1 width', 128],
    ['block 1 expansion', 768],
    ['block 2 expansion', 768],
    ['block 3 expansion', 768],
    ['block 3 output = stage 2 width', 256],
    ['block 4 expansion', 1536],
    ['final 1x1 conv output', 1024],
  ],
);

export const TABULAR_SPACES: ReadonlyMap<string, TabularSpace> = new Map(
  [CHANNEL_BENCH_RESNET, CHANNEL_BENCH_MOBILENET].map((space) => [space.name, space]),
);

/** The tabular space called `name`, or an error listing the declared ones. */
export function getTabularSpace(name: string): TabularSpace {
  const space = TABULAR_SPACES.get(name);
  if (!space) throw new InputError(`unknown tabular space "${name}"; declared: ${[...TABULAR_SPACES.keys()].join(', ')}`);
  return space;
}

/** True for the spaces declared here (as opposed to ResNet channel spaces). */
export function isTabularSpace(space: GenomeSpace): space is TabularSpace {
  return TABULAR_SPACES.get(space.name) === space;
}

/** The benchmark's code of a genome: one digit 1-4 per position. The genome must fit the space. */
export function genomeToCode(genome: Genome, space: TabularSpace): string {
  return space.positions.map((p) => String(p.choices.indexOf(genome[p.index] as number) + 1)).join('');
}

/** The genome of a benchmark code, or undefined when the code is not 7 digits 1-4. */
export function codeToGenome(code: string, space: TabularSpace): Genome | undefined {
  if (code.length !== space.positions.length || !/^[1-4]+$/.test(code)) return undefined;
  return space.positions.map((p) => p.choices[Number(code[p.index]) - 1] as number);
}

/** Every code of the space in ascending order ("1111111" .. "4444444"). */
export function allCodes(space: TabularSpace): string[] {
  const length = space.positions.length;
  return Array.from({ length: MULTIPLIERS ** length }, (_, n) =>
    Array.from({ length }, (_, i) => String(1 + (Math.floor(n / MULTIPLIERS ** (length - 1 - i)) % MULTIPLIERS))).join(''),
  );
}
