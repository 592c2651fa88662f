import t from 'tap';
import fc from 'fast-check';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';

const draws = (rng: Rng, n = 8) => Array.from({ length: n }, () => rng.float());

t.test('the same seed gives the same stream; another seed another', async (t) => {
  t.same(draws(Rng.fromSeed(42)), draws(Rng.fromSeed(42)));
  t.not(draws(Rng.fromSeed(42)).join(), draws(Rng.fromSeed(43)).join());
});

t.test('a fork depends on the seed and label path, not on draws made before it', async (t) => {
  const used = Rng.fromSeed(7);
  draws(used, 100);
  t.same(draws(used.fork('mutation')), draws(Rng.fromSeed(7).fork('mutation')));
  t.not(draws(Rng.fromSeed(7).fork('a')).join(), draws(Rng.fromSeed(7).fork('b')).join());
  t.same(Rng.fromSeed(7).fork('a').fork('b').path, ['a', 'b']);
  // "a/b" as one label must not collide with the path a -> b.
  t.not(draws(Rng.fromSeed(7).fork('a/b')).join(), draws(Rng.fromSeed(7).fork('a').fork('b')).join());
});

t.test('a saved state continues with exactly the numbers the stream would have drawn', async (t) => {
  holds(t, 'state round-trips', fc.property(seedArb, fc.nat(50), (seed, skip) => {
    const rng = Rng.fromSeed(seed).fork('x');
    draws(rng, skip);
    const restored = Rng.fromState(JSON.parse(JSON.stringify(rng.state())));
    return draws(rng).join() === draws(restored).join() && restored.path.join() === 'x';
  }));
});

t.test('int, float, pick and shuffle stay in range', async (t) => {
  holds(t, 'int(n) in [0, n)', fc.property(seedArb, fc.integer({ min: 1, max: 1000 }), (seed, n) => {
    const rng = Rng.fromSeed(seed);
    return Array.from({ length: 50 }, () => rng.int(n)).every((k) => Number.isInteger(k) && k >= 0 && k < n);
  }));
  holds(t, 'float in [0, 1)', fc.property(seedArb, (seed) => draws(Rng.fromSeed(seed), 50).every((x) => x >= 0 && x < 1)));
  holds(t, 'shuffle is a permutation', fc.property(seedArb, fc.array(fc.integer()), (seed, items) => {
    const shuffled = Rng.fromSeed(seed).shuffle(items);
    return [...shuffled].sort().join() === [...items].sort().join();
  }));
  const rng = Rng.fromSeed(1);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 40_000; i++) counts[rng.int(4)]! += 1;
  // Each bucket expects 10,000 with sd ~87; 600 is ~7 sd: fails only if int is biased.
  t.ok(counts.every((c) => Math.abs(c - 10_000) < 600), `int(4) is uniform: ${counts.join(', ')}`);
});

t.test('bad seeds and arguments are rejected with the allowed range', async (t) => {
  t.throws(() => Rng.fromSeed(-1), { message: /seed must be an integer from 0 to 4294967295 \(got -1\)/ });
  t.throws(() => Rng.fromSeed(1.5), RangeError);
  t.throws(() => Rng.fromSeed(2 ** 32), RangeError);
  t.throws(() => Rng.fromSeed(0).int(0), { message: /int\(n\) needs an integer n >= 1/ });
  t.throws(() => Rng.fromSeed(0).pick([]), { message: /non-empty/ });
});
