/**
 * A searched genome as a zoo architecture: the network `src/space` describes (3x3 stem + BN +
 * ReLU, basic blocks with the genome's widths, a 1x1 conv + BN projection where the space's
 * shortcut convention asks for one, global pooling, linear head), written with the zoo's layer
 * vocabulary so it trains, saves and loads like every other zoo model. Its parameter count equals
 * the space's cost model (`genomeCost`) for every genome, which a test checks.
 */
import { formatGenome, needsProjection, type Genome, type ResNetSpace, type Shortcut } from '../space/index.js';
import type { Architecture } from './architecture.js';
import type { Net, SymbolicTensor } from './net.js';

export function genomeArchitecture(name: string, space: ResNetSpace, genome: Genome, shortcut: Shortcut = space.shortcut): Architecture {
  return {
    name,
    family: 'evo-nas-search',
    paper: `searched in ${space.name}`,
    references: [{ repo: 'evo-nas', file: `space ${space.name}, shortcut ${shortcut}`, symbol: formatGenome(genome) }],
    build: (net: Net, input: SymbolicTensor, classes: number) => {
      const width = (position: number) => genome[position] as number;
      let x = net.child('stem').convBnRelu(input, width(0), 3);
      for (const block of space.blocks) {
        const b = net.child(`block${block.index}`);
        const y = b.convBn(b.relu(b.convBn(x, width(block.middle), 3, { stride: block.stride })), width(block.output), 3);
        const projected = needsProjection(shortcut, block.stride, width(block.input), width(block.output));
        const skip = projected ? b.child('shortcut').convBn(x, width(block.output), 1, { stride: block.stride }) : x;
        x = b.relu(b.add([y, skip]));
      }
      return net.head(x, classes);
    },
  };
}
