import t from 'tap';
import fc from 'fast-check';
import { cosineWithWarmup, stepDecay } from '../../src/train/schedule.js';
import { holds } from '../helpers/property.js';

t.test('cosine warms up linearly, then anneals from the base rate to the floor', async (t) => {
  const lr = cosineWithWarmup({ baseLr: 0.1, totalSteps: 110, warmupSteps: 10, minLr: 0.001 });
  t.equal(lr(0), 0.01);
  t.equal(lr(9), 0.1);
  t.equal(lr(10), 0.1, 'the cosine starts at the base rate');
  t.ok(Math.abs(lr(60) - (0.001 + 0.099 / 2)) < 1e-12, 'half-way: the mid-point');
  t.ok(Math.abs(lr(110) - 0.001) < 1e-12, 'the end: the floor');
  t.ok(Math.abs(lr(500) - 0.001) < 1e-12, 'after the end: stays at the floor');
  holds(t, 'non-increasing after warm-up', fc.property(fc.integer({ min: 10, max: 200 }), (step) => lr(step + 1) <= lr(step) + 1e-15));
});

t.test('step decay multiplies by gamma at each milestone (the CIFAR-100 recipe)', async (t) => {
  const lr = stepDecay({ baseLr: 0.1, milestones: [60, 120, 160], gamma: 0.2 });
  t.equal(lr(0), 0.1);
  t.equal(lr(59), 0.1);
  t.ok(Math.abs(lr(60) - 0.02) < 1e-12);
  t.ok(Math.abs(lr(120) - 0.004) < 1e-12);
  t.ok(Math.abs(lr(199) - 0.0008) < 1e-12);
});

t.test('warm-up never exceeds the base rate and ends exactly on it, for any rate and length', async (t) => {
  // The case CI found: 0.1 * 6 / 6 rounds to 0.10000000000000002.
  t.equal(stepDecay({ baseLr: 0.1, milestones: [], gamma: 0.2, warmupSteps: 6 })(5), 0.1);
  t.equal(cosineWithWarmup({ baseLr: 0.1, totalSteps: 12, warmupSteps: 6 })(5), 0.1);
  holds(
    t,
    'every warm-up step lies in (0, baseLr], the last one equal to it',
    fc.property(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), fc.nat(), (baseLr, warmupSteps, at) => {
      const step = at % warmupSteps;
      return [stepDecay({ baseLr, milestones: [], gamma: 0.1, warmupSteps }), cosineWithWarmup({ baseLr, totalSteps: 2 * warmupSteps, warmupSteps })].every(
        (lr) => lr(step) > 0 && lr(step) <= baseLr && lr(warmupSteps - 1) === baseLr,
      );
    }),
  );
});
