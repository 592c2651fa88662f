import t from 'tap';
import fc from 'fast-check';
import { Command } from 'commander';
import {
  addAugmentOptions,
  augmentConfigFromOptions,
  buildAugmentation,
  checkAugmentConfig,
  describeAugmentation,
  NO_AUGMENTATION,
  type AugmentConfig,
} from '../../src/augment/index.js';
import { AugmentError, InputError } from '../../src/errors/errors.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { batchArb, constantBatch, sameBatch } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

/** Parses `argv` with the augmentation flags, as a training command would. */
function configFrom(argv: string[], defaults?: { cropFlip: boolean }, shape?: { height: number; width: number }): AugmentConfig {
  const command = addAugmentOptions(new Command('train').exitOverride());
  command.parse(argv, { from: 'user' });
  return augmentConfigFromOptions(command.opts(), defaults, shape);
}

t.test('the flags parse into a config; crop + flip is on unless turned off or defaulted off', async (t) => {
  t.same(configFrom([]), { cropFlip: true });
  t.same(configFrom(['--no-crop-flip']), { cropFlip: false });
  t.same(configFrom([], { cropFlip: false }), { cropFlip: false }, 'a dataset of digits can default it off');
  t.same(configFrom(['--crop-flip'], { cropFlip: false }), { cropFlip: true }, 'and the flag turns it back on');
  t.same(
    configFrom(['--cutout', '16', '--mixup', '0.2', '--cutmix', '1', '--random-erasing', '.5', '--autoaugment']),
    { cropFlip: true, cutout: 16, mixup: 0.2, cutmix: 1, randomErasing: 0.5, autoAugment: true },
  );
  t.same(configFrom(['--randaugment', '3, 5']), { cropFlip: true, randAugment: { ops: 3, magnitude: 5 } });
});

t.test('bad flag values give the exact messages', async (t) => {
  const cases: [string[], string][] = [
    [['--cutout', '0'], '--cutout must be a whole number from 1 to the image side (got 0)'],
    [['--cutout', '8.5'], '--cutout must be a whole number from 1 to the image side (got "8.5")'],
    [['--mixup', '0'], '--mixup must be a number > 0, the α of Beta(α, α) (e.g. 0.2 or 1) (got 0)'],
    [['--mixup', 'lots'], '--mixup must be a number > 0, the α of Beta(α, α) (e.g. 0.2 or 1) (got "lots")'],
    [['--cutmix', '-1'], '--cutmix must be a number > 0, the α of Beta(α, α) (e.g. 1) (got "-1")'],
    [['--random-erasing', '1.5'], '--random-erasing must be a probability from 0 to 1 (got 1.5)'],
    [['--randaugment', '3'], '--randaugment must be N,M: N ops per image, a whole number from 1 to 14, and magnitude M, a whole number from 0 to 10 (e.g. 3,5) (got "3")'],
    [['--randaugment', '2,11'], '--randaugment must be N,M: N ops per image, a whole number from 1 to 14, and magnitude M, a whole number from 0 to 10 (e.g. 3,5) (got "2,11")'],
    [['--randaugment', '0,5'], '--randaugment must be N,M: N ops per image, a whole number from 1 to 14, and magnitude M, a whole number from 0 to 10 (e.g. 3,5) (got "0,5")'],
    [['--autoaugment', '--randaugment', '2,9'], '--autoaugment and --randaugment are two policies for the same step; choose one'],
  ];
  for (const [argv, message] of cases) {
    t.throws(() => configFrom(argv), new AugmentError(message), argv.join(' '));
  }
  t.throws(() => configFrom(['--cutout', '40'], undefined, { height: 32, width: 32 }), {
    message: '--cutout must be a whole number from 1 to the image side (got 40; the images are 32x32)',
  });
  t.ok(new AugmentError('x') instanceof InputError, 'the CLI maps it to exit code 2');
});

t.test('a cutout larger than the images is refused at the first batch when the shape was not known', async (t) => {
  const augment = buildAugmentation({ cropFlip: false, cutout: 5 });
  t.throws(() => augment(constantBatch({ height: 4, width: 8, channels: 1 }, 1, () => 1), Rng.fromSeed(0)), { message: /got 5; the images are 4x8/ });
  t.doesNotThrow(() => augment(constantBatch({ height: 5, width: 5, channels: 1 }, 1, () => 1), Rng.fromSeed(0)));
});

t.test('no augmentation copies the batch unchanged', async (t) => {
  holds(t, 'identity', fc.property(batchArb(), seedArb, (batch, seed) => {
    const out = buildAugmentation(NO_AUGMENTATION)(batch, Rng.fromSeed(seed));
    return sameBatch(out, batch) && out.images !== batch.images && out.labels !== batch.labels;
  }));
});

t.test('every pipeline keeps the augmentation contract, the full one included', async (t) => {
  keepsTheContract(t, 'everything with AutoAugment', buildAugmentation({ cropFlip: true, autoAugment: true, cutout: 2, randomErasing: 0.5, mixup: 0.4, cutmix: 1 }), { minSide: 2 }, 60);
  keepsTheContract(t, 'RandAugment + crop + flip + CutMix', buildAugmentation({ cropFlip: true, randAugment: { ops: 2, magnitude: 9 }, cutmix: 1 }), {}, 60);
});

t.test('with both Mixup and CutMix, each batch takes one of them', async (t) => {
  // Mixup blends every pixel; CutMix pastes a box, leaving values that are 0 or 200.
  const shape = { height: 8, width: 8, channels: 1 };
  const rng = Rng.fromSeed(6);
  const augment = buildAugmentation({ cropFlip: false, mixup: 1, cutmix: 1 });
  let [mixups, cutmixes] = [0, 0];
  for (let n = 0; n < 200; n++) {
    const out = augment(constantBatch(shape, 8, (i) => (i % 2 ? 200 : 0)), rng);
    if (out.images.some((v) => v !== 0 && v !== 200)) mixups++;
    else cutmixes++;
  }
  t.ok(mixups > 60 && cutmixes > 60, `${mixups} Mixup batches, ${cutmixes} CutMix batches (a few of either may look unmixed)`);
});

t.test('configs check their numbers and describe themselves', async (t) => {
  t.throws(() => checkAugmentConfig({ cropFlip: true, mixup: Number.NaN }), AugmentError);
  t.equal(describeAugmentation(NO_AUGMENTATION), 'none');
  t.equal(describeAugmentation({ cropFlip: true, autoAugment: true, cutout: 16 }), 'AutoAugment (CIFAR-10), crop+flip, Cutout 16');
});
