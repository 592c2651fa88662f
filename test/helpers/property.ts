/** Runs fast-check properties as tap assertions, and the arbitraries the space tests share. */
import fc from 'fast-check';
import type { Test } from 'tap';
import { MAX_SEED } from '../../src/random/rng.js';
import { SPACES, type Genome, type ResNetSpace } from '../../src/space/index.js';

/**
 * PROPERTY_RUNS_SCALE=k multiplies every property's number of runs (fast-check's 100 by default),
 * so a soak (`PROPERTY_RUNS_SCALE=20 npx tap dist/test/...`) draws many more cases than a test run
 * and finds rare counterexamples here rather than in CI.
 */
function scaled<Ts>(parameters: fc.Parameters<Ts>): fc.Parameters<Ts> {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`PROPERTY_RUNS_SCALE must be a positive number; got "${process.env.PROPERTY_RUNS_SCALE}"`);
  if (scale === 1) return parameters;
  return { ...parameters, numRuns: Math.max(1, Math.round((parameters.numRuns ?? 100) * scale)) };
}

/** Asserts a fast-check property; a counterexample fails the tap test with fast-check's report. */
export function holds<Ts extends [unknown, ...unknown[]]>(
  t: Test,
  name: string,
  property: fc.IPropertyWithHooks<Ts> | fc.IProperty<Ts>,
  parameters: fc.Parameters<Ts> = {},
): void {
  const details = fc.check(property, scaled(parameters));
  if (details.failed) t.fail(`${name}\n${fc.defaultReportMessage(details)}`);
  else t.pass(`${name} (${details.numRuns} runs)`);
}

/** `holds` for async properties (those that switch TensorFlow.js backends, for instance). */
export async function holdsAsync<Ts extends [unknown, ...unknown[]]>(
  t: Test,
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IAsyncProperty<Ts>,
  parameters: fc.Parameters<Ts> = {},
): Promise<void> {
  const details = await fc.check(property, scaled(parameters));
  if (details.failed) t.fail(`${name}\n${fc.defaultReportMessage(details)}`);
  else t.pass(`${name} (${details.numRuns} runs)`);
}

export const seedArb = fc.integer({ min: 0, max: MAX_SEED });

export const spaceArb: fc.Arbitrary<ResNetSpace> = fc.constantFrom(...SPACES.values());

/** A valid genome of the given space. */
export function genomeArb(space: ResNetSpace): fc.Arbitrary<Genome> {
  return fc.tuple(...space.positions.map((p) => fc.constantFrom(...p.choices)));
}

/** A space together with a valid genome of it. */
export const spaceGenomeArb = spaceArb.chain((space) => genomeArb(space).map((genome) => ({ space, genome })));
