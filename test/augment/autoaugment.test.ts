import t from 'tap';
import fc from 'fast-check';
import { autoAugment, CIFAR10_POLICY, OP_NAMES, OPS, SIGNED_OPS, type PolicyOp, type SubPolicy } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { batchArb, constantBatch, imageOf, sameBatch, sameBytes, shapeArb } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

t.test('the CIFAR-10 policy: 25 sub-policies of two known ops, probabilities in [0, 1], magnitudes 0..9', async (t) => {
  t.equal(CIFAR10_POLICY.length, 25);
  for (const [i, subPolicy] of CIFAR10_POLICY.entries()) {
    t.equal(subPolicy.length, 2, `sub-policy ${i} has two ops`);
    for (const { op, probability, magnitude } of subPolicy) {
      t.ok(OP_NAMES.includes(op) && op !== 'Identity', `${op} is an AutoAugment op`);
      t.ok(probability >= 0 && probability <= 1 && Math.round(probability * 10) === probability * 10, `${op} p=${probability} is a multiple of 0.1`);
      t.ok(Number.isInteger(magnitude) && magnitude >= 0 && magnitude <= 9, `${op} magnitude ${magnitude}`);
    }
  }
  const used = new Set(CIFAR10_POLICY.flatMap((s) => s.map((p) => p.op)));
  t.same([...used].sort(), ['AutoContrast', 'Brightness', 'Color', 'Contrast', 'Equalize', 'Invert', 'Posterize', 'Rotate', 'Sharpness', 'ShearY', 'Solarize', 'TranslateX', 'TranslateY']);
});

t.test('AutoAugment keeps the augmentation contract, for any channel count and size', async (t) => {
  keepsTheContract(t, 'AutoAugment CIFAR-10', autoAugment());
});

t.test('probability 0 everywhere is the identity; probability 1 applies the op', async (t) => {
  const never: SubPolicy[] = CIFAR10_POLICY.map(([a, b]) => [{ ...a, probability: 0 }, { ...b, probability: 0 }]);
  holds(t, 'identity', fc.property(batchArb(), seedArb, (batch, seed) => sameBatch(autoAugment(never)(batch, Rng.fromSeed(seed)), batch)));
  const invertTwice: SubPolicy[] = [[{ op: 'Invert', probability: 1, magnitude: 0 }, { op: 'Invert', probability: 1, magnitude: 0 }]];
  const invertOnce: SubPolicy[] = [[{ op: 'Invert', probability: 1, magnitude: 0 }, { op: 'Invert', probability: 0, magnitude: 0 }]];
  holds(t, 'invert twice = identity, invert once = 255 − v', fc.property(batchArb(), seedArb, (batch, seed) => {
    const once = autoAugment(invertOnce)(batch, Rng.fromSeed(seed));
    return sameBatch(autoAugment(invertTwice)(batch, Rng.fromSeed(seed)), batch) && once.images.every((v, k) => v === 255 - batch.images[k]!);
  }));
});

t.test('magnitude 0 of every op with a magnitude is the identity, in either direction', async (t) => {
  const caseArb = shapeArb().chain((shape) =>
    fc.record({ shape: fc.constant(shape), src: fc.uint8Array({ minLength: shape.height * shape.width * shape.channels, maxLength: shape.height * shape.width * shape.channels }) }),
  );
  const withMagnitude = OP_NAMES.filter((op) => !['AutoContrast', 'Equalize', 'Invert'].includes(op));
  holds(t, 'identity at 0', fc.property(caseArb, fc.constantFrom(1, -1), ({ shape, src }, sign) =>
    withMagnitude.every((op) => {
      const dst = new Uint8Array(src.length);
      OPS[op](src, dst, shape, sign * 0);
      return sameBytes(dst, src);
    })));
  t.ok(SIGNED_OPS.has('Rotate') && !SIGNED_OPS.has('Solarize'), 'directions are drawn only for ops that have one');
});

t.test('sub-policies are picked uniformly and each op fires with its probability', async (t) => {
  // One varied 32x32 image, repeated. Ops that leave it unchanged at their magnitude (Color at
  // magnitude 0 is a factor of 1) cannot show, so the expected rate counts only the others.
  const shape = { height: 32, width: 32, channels: 3 };
  const count = 3000;
  const image = Uint8Array.from({ length: 32 * 32 * 3 }, (_, k) => ((k * 7) % 200) + 30 + (k % 3) * 10);
  const changes = (op: PolicyOp) =>
    (SIGNED_OPS.has(op.op) ? [1, -1] : [1]).every((sign) => {
      const dst = new Uint8Array(image.length);
      OPS[op.op](image, dst, shape, (sign * op.magnitude) / 9);
      return !sameBytes(dst, image);
    });
  t.same(CIFAR10_POLICY.flat().filter((op) => !changes(op)).map((op) => `${op.op} ${op.magnitude}`), ['Color 0'], 'only Color 0 leaves the image alone');
  const expected = CIFAR10_POLICY.reduce((sum, ops) => sum + 1 - ops.reduce((kept, op) => kept * (1 - (changes(op) ? op.probability : 0)), 1), 0) / 25;
  const batch = constantBatch(shape, count, () => 0);
  for (let i = 0; i < count; i++) imageOf(batch, i).set(image);
  const out = autoAugment()(batch, Rng.fromSeed(9));
  const changed = Array.from({ length: count }, (_, i) => !sameBytes(imageOf(out, i), image)).filter(Boolean).length;
  t.ok(Math.abs(changed - expected * count) < 5 * Math.sqrt(count * expected * (1 - expected)), `${changed} of ${count} changed, ${(expected * count).toFixed(0)} expected`);
});
