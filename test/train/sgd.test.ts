import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { Sgd } from '../../src/train/sgd.js';
import { holds } from '../helpers/property.js';
import { useTestBackend } from '../helpers/tf.js';

await useTestBackend();

/** torch.optim.SGD's documented update, one scalar at a time: the reference. */
function referenceSgd(w0: number, grads: number[], lrs: number[], momentum: number, nesterov: boolean, weightDecay: number): number {
  let [w, v] = [w0, 0];
  grads.forEach((grad, i) => {
    const g = grad + weightDecay * w;
    v = i === 0 ? g : momentum * v + g;
    w -= (lrs[i] as number) * (nesterov ? g + momentum * v : v);
  });
  return w;
}

t.test('one hand-computed step: plain and Nesterov momentum with weight decay', async (t) => {
  for (const [nesterov, expected] of [[false, [0.949, 2.098]], [true, [0.9031, 2.1862]]] as const) {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const sgd = new Sgd(new Map([['w', w]]), { momentum: 0.9, nesterov, weightDecay: 0.01 });
    const grad = tf.tensor1d([0.5, -1]);
    sgd.step(new Map([['w', grad]]), 0.1);
    const got = Array.from(w.dataSync());
    t.ok(got.every((x, i) => Math.abs(x - (expected[i] as number)) < 1e-6), `nesterov=${nesterov}: ${got.join(', ')}`);
    [w, grad].forEach((x) => x.dispose());
    sgd.dispose();
  }
});

t.test("SGD follows PyTorch's update over random gradient sequences", async (t) => {
  const arb = fc.record({
    w0: fc.float({ min: -2, max: 2, noNaN: true }),
    grads: fc.array(fc.float({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }),
    lr: fc.float({ min: Math.fround(0.001), max: 1, noNaN: true }),
    momentum: fc.constantFrom(0, 0.5, 0.9),
    nesterov: fc.boolean(),
    weightDecay: fc.constantFrom(0, 5e-4, 0.1),
  });
  holds(t, 'matches the scalar reference', fc.property(arb, ({ w0, grads, lr, momentum, nesterov, weightDecay }) => {
    const w = tf.variable(tf.scalar(w0));
    const sgd = new Sgd(new Map([['w', w]]), { momentum, nesterov, weightDecay });
    for (const g of grads) {
      const grad = tf.scalar(g);
      sgd.step(new Map([['w', grad]]), lr);
      grad.dispose();
    }
    const got = w.dataSync()[0] as number;
    const expected = referenceSgd(w0, grads, grads.map(() => lr), momentum, nesterov, weightDecay);
    w.dispose();
    sgd.dispose();
    return Math.abs(got - expected) <= 1e-4 * Math.max(1, Math.abs(expected));
  }), { numRuns: 60 });
});

t.test('the optimiser state round-trips, so a resumed run continues the same trajectory', async (t) => {
  const run = (resumeAfter?: number) => {
    const w = tf.variable(tf.tensor1d([1, -1]));
    let sgd = new Sgd(new Map([['w', w]]), { nesterov: true });
    for (let i = 0; i < 4; i++) {
      if (i === resumeAfter) {
        const state = sgd.state();
        sgd.dispose();
        sgd = new Sgd(new Map([['w', w]]), { nesterov: true });
        sgd.loadState(state);
      }
      const grad = tf.tensor1d([0.3 * (i + 1), -0.2]);
      sgd.step(new Map([['w', grad]]), 0.1);
      grad.dispose();
    }
    const out = Array.from(w.dataSync());
    w.dispose();
    sgd.dispose();
    return out;
  };
  t.same(run(2), run(), 'save/load after two steps changes nothing');
  const w = tf.variable(tf.tensor1d([1]));
  const sgd = new Sgd(new Map([['w', w]]));
  t.throws(() => sgd.loadState([]), { message: /optimizer state lacks a 1 velocity for "w"/ });
  w.dispose();
  sgd.dispose();
});

t.test('stepArrays (flat float32 gradients, computed in JavaScript) is step, bit for bit', async (t) => {
  const values = (n: number) => fc.float32Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true, min: -1e4, max: 1e4 });
  const arb = fc.record({
    w0: values(7),
    grads: fc.array(values(7), { minLength: 1, maxLength: 4 }),
    lr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
    momentum: fc.constantFrom(0, 0.5, 0.9),
    nesterov: fc.boolean(),
    weightDecay: fc.constantFrom(0, 5e-4, 0.01),
    skipFirst: fc.boolean(),
  });
  holds(t, 'the same weights and velocities after every step', fc.property(arb, ({ w0, grads, lr, momentum, nesterov, weightDecay, skipFirst }) => {
    const run = (arrays: boolean) => {
      const [a, b] = [tf.variable(tf.tensor1d(w0)), tf.variable(tf.tensor1d(w0.map((x) => -x)))];
      const sgd = new Sgd(new Map([['a', a], ['b', b]]), { momentum, nesterov, weightDecay });
      for (const [i, grad] of grads.entries()) {
        // 'a' has no gradient in the first step when skipFirst: the optimiser leaves it alone.
        const named = new Map<string, Float32Array>([['b', grad], ...(skipFirst && i === 0 ? [] : [['a', grad.map((x) => x / 2)] as const])]);
        if (arrays) sgd.stepArrays(named, lr);
        else {
          const tensors = new Map([...named].map(([name, data]) => [name, tf.tensor1d(data)]));
          sgd.step(tensors, lr);
          tf.dispose([...tensors.values()]);
        }
      }
      const result = [...a.dataSync(), ...b.dataSync(), ...sgd.state().flatMap((s) => [...s.data])];
      tf.dispose([a, b]);
      sgd.dispose();
      return result;
    };
    const [viaTensors, viaArrays] = [run(false), run(true)];
    return viaTensors.every((x, i) => Object.is(x, viaArrays[i]));
  }));
  const w = tf.variable(tf.tensor1d([1, 2]));
  const sgd = new Sgd(new Map([['w', w]]));
  t.throws(() => sgd.stepArrays(new Map([['w', new Float32Array(3)]]), 0.1), /a gradient of 3 values for "w", which has 2/);
  w.dispose();
  sgd.dispose();
});
