import fc from 'fast-check';
import t from 'tap';
import { epochSchedule, getRecipe, RECIPES } from '../../src/train/recipes.js';
import { holds } from '../helpers/property.js';

t.test("the seed's recipes: SGD 0.9, wd 5e-4, lr 0.1, batch 128; cosine over 300 epochs or x0.2 at 60/120/160 over 200", async (t) => {
  t.match(getRecipe('cifar10'), { epochs: 300, batchSize: 128, lr: 0.1, schedule: 'cosine', warmupEpochs: 0, momentum: 0.9, weightDecay: 5e-4 });
  t.match(getRecipe('cifar100'), { epochs: 200, batchSize: 128, lr: 0.1, schedule: 'step', milestones: [60, 120, 160], gamma: 0.2, warmupEpochs: 1 });
  t.throws(() => getRecipe('imagenet'), /unknown recipe "imagenet"; recipes: cifar10, cifar100/);
});

t.test('the CIFAR-100 schedule in steps: warm-up over the first epoch, then x0.2 at each milestone epoch', async (t) => {
  const steps = 391; // 50,000 images / 128
  const lr = epochSchedule(getRecipe('cifar100'), steps);
  t.ok(Math.abs(lr(0) - 0.1 / steps) < 1e-15, 'the first step of warm-up');
  t.equal(lr(steps - 1), 0.1, 'warm-up ends at the base rate');
  t.equal(lr(60 * steps - 1), 0.1, 'the last step of epoch 60');
  t.ok(Math.abs(lr(60 * steps) - 0.02) < 1e-15, 'epoch 61 runs at 0.02');
  t.ok(Math.abs(lr(160 * steps) - 0.1 * 0.2 ** 3) < 1e-15, 'after epoch 160: 0.0008');
});

t.test('the CIFAR-10 schedule anneals from 0.1 to 0 over every step of every epoch', async (t) => {
  const steps = 391;
  const lr = epochSchedule(getRecipe('cifar10'), steps);
  t.equal(lr(0), 0.1);
  t.ok(Math.abs(lr(150 * steps) - 0.05) < 1e-12, 'half the rate half-way through');
  holds(t, 'never rises', fc.property(fc.integer({ min: 0, max: 300 * steps - 2 }), (step) => lr(step + 1) <= lr(step)));
  holds(
    t,
    'every recipe stays within (0, lr] before its last step',
    fc.property(fc.constantFrom(...RECIPES.values()), fc.integer({ min: 1, max: 500 }), fc.nat(), (recipe, stepsPerEpoch, at) => {
      const step = at % (recipe.epochs * stepsPerEpoch);
      const rate = epochSchedule(recipe, stepsPerEpoch)(step);
      return rate > 0 && rate <= recipe.lr;
    }),
  );
});
