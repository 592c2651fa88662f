import t from 'tap';
import { Rng } from '../../src/random/rng.js';
import { getSpace, smallestGenome } from '../../src/space/index.js';
import { assessSubnet } from '../../src/supernet/assess.js';
import { evaluateSubnet } from '../../src/supernet/evaluate.js';
import { recalibrateBn } from '../../src/supernet/recalibrate.js';
import { Supernet } from '../../src/supernet/supernet.js';
import { tinyTask, useTestBackend } from '../helpers/tf.js';

await useTestBackend();
const space = getSpace();

t.test('assessing a candidate recalibrates, evaluates, and never writes back into the supernet', async (t) => {
  const supernet = Supernet.create(space, { classes: 4, inputChannels: 3, shortcut: 'always' }, Rng.fromSeed(1));
  const before = supernet.getWeights().map((w) => w.data.join());
  const genome = smallestGenome(space);
  const [train, valid] = [tinyTask(8, 8, 3, 1), tinyTask(8, 8, 3, 2)];
  const data = { recalibration: [train.x], validation: [{ x: valid.x, labels: valid.labels }] };

  const plain = await assessSubnet(supernet, genome, data);
  t.same(plain, evaluateSubnet(supernet, genome, recalibrateBn(supernet, genome, [train.x]), data.validation), 'plain = recalibrate + evaluate');

  const batches = [0, 1, 2].map((i) => {
    const task = tinyTask(8, 8, 3, 10 + i);
    task.labels.dispose();
    return { x: task.x, targets: task.targets };
  });
  const tuned = await assessSubnet(supernet, genome, data, { steps: 3, lr: 0.1, batches, rng: Rng.fromSeed(3) });
  t.equal(tuned.images, 8);
  t.not(tuned.loss, plain.loss, 'fine-tuning changed the candidate');
  t.same(supernet.getWeights().map((w) => w.data.join()), before, 'the supernet is untouched');
  supernet.dispose();
});
