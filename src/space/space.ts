/**
 * A channel search space over a CIFAR-style ResNet, declared as data.
 *
 * The network: a 3x3 stem conv (input -> g[0]) + BN + ReLU, then `stages` of basic blocks. Block
 * k (counted over all stages, base = 2k) is conv3x3 g[base] -> g[base+1] (stride on a stage's first
 * block) + BN + ReLU, conv3x3 g[base+1] -> g[base+2] + BN, plus a shortcut, then ReLU of the sum;
 * global average pool; linear g[last] -> classes. Convs have no bias. A genome therefore holds
 * 1 + 2 * (total blocks) widths, and position p may take the widths in its stage's `choices`.
 */

/**
 * How a block's shortcut is built. `always`: a 1x1 conv + BN projection on every block (the CVPR
 * 2021 challenge supernet). `needed`: identity unless the stride or the width changes, then a
 * 1x1 conv + BN projection (the classic ResNet20 with option B).
 */
export type Shortcut = 'always' | 'needed';
export const SHORTCUTS: readonly Shortcut[] = ['always', 'needed'];

export interface StageSpec {
  /** Basic blocks in the stage. */
  readonly blocks: number;
  /** Stride of the stage's first block (later blocks use 1). */
  readonly stride: number;
  /** Widths each position of the stage may take, ascending. */
  readonly choices: readonly number[];
}

/**
 * What the genome operators need of any space: a name (part of every genome's identity) and the
 * positions with their choices. ResNet spaces are one kind; tabular benchmark spaces another.
 */
export interface GenomeSpace {
  readonly name: string;
  readonly positions: readonly Position[];
}

/** A ResNet channel space as declared: plain data. */
export interface ResNetSpaceSpec {
  readonly name: string;
  readonly description: string;
  /** Channels of the input image the space was declared for (overridable in the cost model). */
  readonly inputChannels: number;
  /** Height = width of the input image the space was declared for. */
  readonly inputSize: number;
  /** Classes of the dataset the space was declared for. */
  readonly classes: number;
  /** The shortcut convention of the space's supernet. */
  readonly shortcut: Shortcut;
  /** Widths the stem (position 0) may take, ascending. */
  readonly stemChoices: readonly number[];
  readonly stages: readonly StageSpec[];
}

/** A declared ResNet space with its genome positions and block layout derived once. */
export interface ResNetSpace extends ResNetSpaceSpec, GenomeSpace {
  readonly blocks: readonly BlockLayout[];
}

/** One gene: where it sits and what it may hold. */
export interface Position {
  readonly index: number;
  /** Human-readable role, used in error messages ("stage 2, block 3 conv1 output"). */
  readonly role: string;
  readonly choices: readonly number[];
  /** The widest choice: what the supernet allocates at this position. */
  readonly maxChannels: number;
}

/** One basic block, as indices into the genome. */
export interface BlockLayout {
  readonly index: number;
  readonly stage: number;
  readonly stride: number;
  /** Genome position of the block's input width. */
  readonly input: number;
  /** Genome position of conv1's output width. */
  readonly middle: number;
  /** Genome position of the block's output width. */
  readonly output: number;
}

/** Checks a declaration and derives its positions and blocks. */
export function resnetSpace(spec: ResNetSpaceSpec): ResNetSpace {
  checkSpec(spec);
  const blocks = deriveBlocks(spec);
  return { ...spec, blocks, positions: derivePositions(spec, blocks) };
}

/** Number of widths in a genome of this space. */
export function genomeLength(space: GenomeSpace): number {
  return space.positions.length;
}

function deriveBlocks(space: ResNetSpaceSpec): BlockLayout[] {
  const blocks: BlockLayout[] = [];
  space.stages.forEach((stage, stageIndex) => {
    for (let j = 0; j < stage.blocks; j++) {
      const k = blocks.length;
      blocks.push({
        index: k,
        stage: stageIndex,
        stride: j === 0 ? stage.stride : 1,
        input: 2 * k,
        middle: 2 * k + 1,
        output: 2 * k + 2,
      });
    }
  });
  return blocks;
}

function derivePositions(space: ResNetSpaceSpec, blocks: readonly BlockLayout[]): Position[] {
  const stem: Position = position(0, 'stem output', space.stemChoices);
  const rest = blocks.flatMap((block) => {
    const choices = space.stages[block.stage]?.choices ?? [];
    const where = `stage ${block.stage + 1}, block ${block.index + 1}`;
    return [
      position(block.middle, `${where} conv1 output`, choices),
      position(block.output, `${where} output`, choices),
    ];
  });
  return [stem, ...rest];
}

/** A gene position; exported for declaring other kinds of space. */
export function position(index: number, role: string, choices: readonly number[]): Position {
  return { index, role, choices, maxChannels: Math.max(...choices) };
}

function checkSpec(space: ResNetSpaceSpec): void {
  const fail = (what: string) => {
    throw new Error(`space "${space.name}": ${what}`);
  };
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  const ascendingWidths = (choices: readonly number[]) =>
    choices.length > 0 && choices.every((c, i) => positiveInt(c) && (i === 0 || c > (choices[i - 1] ?? 0)));
  if (!positiveInt(space.inputChannels)) fail('inputChannels must be an integer >= 1');
  if (!positiveInt(space.inputSize)) fail('inputSize must be an integer >= 1');
  if (!positiveInt(space.classes)) fail('classes must be an integer >= 1');
  if (!ascendingWidths(space.stemChoices)) fail('stemChoices must be ascending integers >= 1');
  if (space.stages.length === 0) fail('needs at least one stage');
  space.stages.forEach((stage, i) => {
    if (!positiveInt(stage.blocks)) fail(`stage ${i + 1}: blocks must be an integer >= 1`);
    if (!positiveInt(stage.stride)) fail(`stage ${i + 1}: stride must be an integer >= 1`);
    if (!ascendingWidths(stage.choices)) fail(`stage ${i + 1}: choices must be ascending integers >= 1`);
  });
}
