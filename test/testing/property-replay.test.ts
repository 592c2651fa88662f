import fc from 'fast-check';
import t from 'tap';
import { holds, replayOf } from '../helpers/property.js';

t.test('PROPERTY_REPLAY reads the name, seed and path CI printed, and refuses anything else', async (t) => {
  t.equal(replayOf(undefined), undefined);
  t.equal(replayOf(''), undefined);
  t.same(replayOf('within 1e-4|1591109146|16:9:9'), { name: 'within 1e-4', seed: 1591109146, path: '16:9:9' });
  t.same(replayOf('bn|-1127149232|45'), { name: 'bn', seed: -1127149232, path: '45' }, 'negative seeds, one-step paths');
  for (const bad of ['within 1e-4', 'x|12', 'x|twelve|1:2', 'x|12|1:a', '|12|1', 'x|12|1|extra']) {
    t.throws(() => replayOf(bad), /PROPERTY_REPLAY must be NAME\|SEED\|PATH, as CI printed them/, bad);
  }
});

t.test('a replayed property goes straight to the counterexample of the seed and path given; the others run as usual', async (t) => {
  // A property that fails on one value in 10,000 (100 runs find it 1% of the time): find a failure,
  // as CI would, and note its seed and path.
  const property = fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => n % 10_000 !== 1);
  const found = fc.check(property, { numRuns: 1_000_000, seed: 42 });
  t.ok(found.failed, 'a counterexample exists');
  // This test sets the environment holds reads, and clears a soak's scale (it counts runs).
  const previous = { replay: process.env.PROPERTY_REPLAY, scale: process.env.PROPERTY_RUNS_SCALE };
  process.env.PROPERTY_REPLAY = `rare values|${found.seed}|${found.counterexamplePath}`;
  delete process.env.PROPERTY_RUNS_SCALE;
  try {
    const outcomes: string[] = [];
    const recorder = { fail: (message: string) => outcomes.push(`fail ${message}`), pass: (message: string) => outcomes.push(`pass ${message}`) };
    holds(recorder as unknown as Parameters<typeof holds>[0], 'rare values pass', property);
    holds(recorder as unknown as Parameters<typeof holds>[0], 'every integer is an integer', fc.property(fc.integer(), (n) => Number.isInteger(n)));
    t.match(outcomes[0], /^fail rare values pass\nProperty failed after 1 tests/, 'the replayed property fails at its first run');
    t.equal(outcomes[1], 'pass every integer is an integer (100 runs)', 'another name runs its usual 100 cases');
  } finally {
    for (const [name, value] of [['PROPERTY_REPLAY', previous.replay], ['PROPERTY_RUNS_SCALE', previous.scale]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});
