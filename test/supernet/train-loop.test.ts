import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/random/rng.js';
import { getSpace, largestGenome, smallestGenome, type ResNetSpace } from '../../src/space/index.js';
import { fixedSpace } from '../../src/supernet/extract.js';
import { Supernet } from '../../src/supernet/supernet.js';
import { stepGenomes, train } from '../../src/supernet/train-loop.js';
import { cosineWithWarmup } from '../../src/train/schedule.js';
import { Sgd } from '../../src/train/sgd.js';
import { tinyTask, useTestBackend } from '../helpers/tf.js';

await useTestBackend();
const config = { classes: 4, inputChannels: 3, shortcut: 'needed' as const };
// The narrowest network of the challenge space with a little extra width: cheap on any backend.
const space: ResNetSpace = fixedSpace(getSpace(), smallestGenome(getSpace()).map((w, i) => (i > 12 ? 8 : w)));

function* batches(count: number, seed: number) {
  for (let i = 0; i < count; i++) {
    const task = tinyTask(8, 8, 3, seed + i);
    task.labels.dispose();
    yield { x: task.x, targets: task.targets };
  }
}

async function trainedWeights(seed: number, steps: number, resumeAt?: number) {
  const supernet = Supernet.create(space, config, Rng.fromSeed(seed));
  let optimizer = new Sgd(supernet.trainableVariables(), { nesterov: true });
  const options = { schedule: cosineWithWarmup({ baseLr: 0.1, totalSteps: steps, warmupSteps: 1 }), rng: Rng.fromSeed(seed), labelSmoothing: 0.1 };
  if (resumeAt === undefined) {
    await train(supernet, optimizer, batches(steps, 100), { ...options, steps });
  } else {
    await train(supernet, optimizer, batches(resumeAt, 100), { ...options, steps: resumeAt });
    // A resumed process: weights and optimiser state restored from their saved buffers.
    const [weights, state] = [supernet.getWeights(), optimizer.state()];
    optimizer.dispose();
    supernet.setWeights(weights);
    optimizer = new Sgd(supernet.trainableVariables(), { nesterov: true });
    optimizer.loadState(state);
    const rest = [...batches(steps, 100)].slice(resumeAt);
    await train(supernet, optimizer, rest, { ...options, steps: steps - resumeAt, startStep: resumeAt });
  }
  const weights = supernet.getWeights();
  optimizer.dispose();
  supernet.dispose();
  return weights;
}

t.test('training is deterministic for a seed, and a resumed run matches an uninterrupted one', async (t) => {
  const first = await trainedWeights(5, 3);
  t.same(await trainedWeights(5, 3), first, 'same seed, same weights');
  t.same(await trainedWeights(5, 3, 1), first, 'stopped after step 1 and resumed: same weights');
  t.not((await trainedWeights(6, 3))[0]?.data.join(), first[0]?.data.join(), 'another seed differs');
});

t.test('the tensor count stays flat across training steps and evaluations', async (t) => {
  const supernet = Supernet.create(space, config, Rng.fromSeed(1));
  const optimizer = new Sgd(supernet.trainableVariables());
  const schedule = () => 0.05;
  await train(supernet, optimizer, batches(1, 7), { steps: 1, schedule, rng: Rng.fromSeed(1) });
  const before = tf.memory().numTensors;
  await train(supernet, optimizer, batches(3, 8), { steps: 3, schedule, rng: Rng.fromSeed(1) });
  const task = tinyTask(4, 8, 3, 9);
  const after = tf.memory().numTensors - 3; // the task's own three tensors
  tf.tidy(() => {
    supernet.forward(task.x, largestGenome(space), { training: false });
  });
  t.equal(after, before, 'training steps leave no tensors behind');
  t.equal(tf.memory().numTensors - 3, before, 'an evaluation leaves no tensors behind');
  optimizer.dispose();
  supernet.dispose();
  tf.dispose([task.x, task.labels, task.targets]);
});

t.test('each step trains the sandwich: largest, smallest, then seeded random subnets', async (t) => {
  const challenge = getSpace();
  const supernet = Supernet.create(fixedSpace(challenge, largestGenome(challenge)), config, Rng.fromSeed(1));
  const rng = Rng.fromSeed(3);
  t.same(stepGenomes(supernet, 0, { rng }), [largestGenome(supernet.space)], 'without a sandwich: the largest only');
  supernet.dispose();
  const genomes = stepGenomes({ space: challenge } as Supernet, 4, { rng, sandwichRandom: 2 });
  t.same(genomes.slice(0, 2), [largestGenome(challenge), smallestGenome(challenge)]);
  t.equal(genomes.length, 4);
  t.same(stepGenomes({ space: challenge } as Supernet, 4, { rng, sandwichRandom: 2 }), genomes, 'step k draws the same subnets every time');
});
