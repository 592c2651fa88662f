import t from 'tap';
import fc from 'fast-check';
import {
  budgetViolation,
  formatGenome,
  genomeCost,
  getSpace,
  isValidGenome,
  largestGenome,
  repairGenome,
  smallestGenome,
  type Budget,
  type ResNetSpace,
} from '../../src/space/index.js';
import { holds, spaceGenomeArb } from '../helpers/property.js';

/** A budget anywhere between the space's smallest and largest costs, on params, MACs or both. */
function budgetArb(space: ResNetSpace): fc.Arbitrary<Budget> {
  const [low, high] = [genomeCost(smallestGenome(space), space), genomeCost(largestGenome(space), space)];
  const params = fc.integer({ min: low.params, max: high.params });
  const macs = fc.integer({ min: low.macs, max: high.macs });
  return fc.oneof(
    params.map((maxParams) => ({ maxParams })),
    macs.map((maxMacs) => ({ maxMacs })),
    fc.tuple(params, macs).map(([maxParams, maxMacs]) => ({ maxParams, maxMacs })),
  );
}
const caseArb = spaceGenomeArb.chain(({ space, genome }) => budgetArb(space).map((budget) => ({ space, genome, budget })));

t.test('repair yields a valid genome within the budget, only ever narrowing', async (t) => {
  holds(t, 'feasible and narrower', fc.property(caseArb, ({ space, genome, budget }) => {
    const repaired = repairGenome(genome, space, budget, (g) => genomeCost(g, space));
    return (
      isValidGenome(repaired, space) &&
      budgetViolation(genomeCost(repaired, space), budget) === 0 &&
      repaired.every((w, i) => w <= genome[i]!)
    );
  }), { numRuns: 60 });
});

t.test('repair is the identity on a genome that already fits', async (t) => {
  holds(t, 'identity when feasible', fc.property(caseArb, ({ space, genome, budget }) => {
    const fits = budgetViolation(genomeCost(genome, space), budget) === 0;
    return !fits || formatGenome(repairGenome(genome, space, budget, (g) => genomeCost(g, space))) === formatGenome(genome);
  }));
});

t.test('repair removes the least width first: a small overshoot costs one step of a wide layer', async (t) => {
  const space = getSpace();
  const largest = largestGenome(space);
  const repaired = repairGenome(largest, space, { maxParams: genomeCost(largest, space).params - 1 }, (g) => genomeCost(g, space));
  const changed = repaired.flatMap((w, i) => (w === largest[i] ? [] : [i]));
  t.equal(changed.length, 1, 'one position narrowed');
  t.ok(changed[0]! >= 13, `in stage 3, where 64 -> 60 removes only 6% of a layer (g[${changed[0]}])`);
  t.equal(repaired[changed[0]!], 60);
});

t.test('repair honours the cost setting it is given', async (t) => {
  const space = getSpace();
  const setting = { classes: 10, shortcut: 'needed' as const };
  const budget = { maxParams: 150_000 };
  const repaired = repairGenome(largestGenome(space), space, budget, (g) => genomeCost(g, space, setting));
  t.ok(genomeCost(repaired, space, setting).params <= 150_000);
});

t.test('an unreachable budget says what the smallest genome costs', async (t) => {
  const space = getSpace();
  t.throws(() => repairGenome(largestGenome(space), space, { maxParams: 1000 }, (g) => genomeCost(g, space)), {
    name: 'BudgetError',
    message: 'no genome of space "resnet20-cvpr2021" fits max params 1000: the smallest has 3568',
  });
  t.throws(() => repairGenome(largestGenome(space), space, { maxMacs: 10 }, (g) => genomeCost(g, space)), { name: 'BudgetError', message: /fits max MACs 10: the smallest has 1336720/ });
});
