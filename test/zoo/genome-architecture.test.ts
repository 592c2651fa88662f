/**
 * A searched genome built as a zoo architecture is the network the space's cost model prices:
 * same parameters and MACs for any genome, space, shortcut convention, class count and input.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import t from 'tap';
import { formatGenome, genomeCost, SHORTCUTS } from '../../src/space/index.js';
import { buildModel, genomeArchitecture, modelCost } from '../../src/zoo/index.js';
import { holds, spaceGenomeArb } from '../helpers/property.js';

t.before(() => tf.setBackend('cpu'));

t.test('a genome architecture costs exactly what genomeCost says', (t) => {
  holds(
    t,
    'params and MACs equal the cost model',
    fc.property(spaceGenomeArb, fc.constantFrom(...SHORTCUTS), fc.constantFrom(10, 100), fc.constantFrom(1, 3), fc.constantFrom(28, 32), ({ space, genome }, shortcut, classes, channels, side) => {
      const architecture = genomeArchitecture('searched', space, genome, shortcut);
      const model = buildModel(architecture, { classes, inputShape: [side, side, channels], weights: 'zeros' });
      try {
        const built = modelCost(model);
        const priced = genomeCost(genome, space, { classes, inputChannels: channels, inputSize: side, shortcut });
        return built.params === priced.params && built.macs === priced.macs;
      } finally {
        model.dispose();
      }
    }),
    { numRuns: 25 },
  );
  t.end();
});

t.test('the architecture names the genome it was built from', async (t) => {
  holds(
    t,
    'family and reference',
    fc.property(spaceGenomeArb, ({ space, genome }) => {
      const architecture = genomeArchitecture('x', space, genome);
      return architecture.family === 'evo-nas-search' && architecture.references[0].symbol === formatGenome(genome);
    }),
    { numRuns: 10 },
  );
});
