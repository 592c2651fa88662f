/** Runs fast-check properties as tap assertions, and the arbitraries the space tests share. */
import fc from 'fast-check';
import type { Test } from 'tap';
import { MAX_SEED } from '../../src/random/rng.js';
import { SPACES, type Genome, type ResNetSpace } from '../../src/space/index.js';

/**
 * PROPERTY_RUNS_SCALE=k multiplies every property's number of runs (fast-check's 100 by default),
 * so a soak (`PROPERTY_RUNS_SCALE=20 npx tap dist/test/...`) draws many more cases than a test run
 * and finds rare counterexamples here rather than in CI.
 *
 * PROPERTY_REPLAY='NAME|SEED|PATH' replays the failure CI printed (`... output within 1e-4 Property
 * failed after 17 tests { seed: 1591109146, path: "16:9:9", ... }`): the property whose name
 * contains NAME runs from that seed and path only, straight to the counterexample; the others run
 * as usual.
 */
function scaled<Ts>(name: string, parameters: fc.Parameters<Ts>): fc.Parameters<Ts> {
  const environment = process.env;
  const scale = Number(environment.PROPERTY_RUNS_SCALE ?? 1);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`PROPERTY_RUNS_SCALE must be a positive number; got "${environment.PROPERTY_RUNS_SCALE}"`);
  const replay = replayOf(environment.PROPERTY_REPLAY);
  if (replay && name.includes(replay.name)) return { ...parameters, seed: replay.seed, path: replay.path, endOnFailure: true };
  if (scale === 1) return parameters;
  return { ...parameters, numRuns: Math.max(1, Math.round((parameters.numRuns ?? 100) * scale)) };
}

/** PROPERTY_REPLAY's name, seed and path; undefined when unset. */
export function replayOf(value: string | undefined): { name: string; seed: number; path: string } | undefined {
  if (value === undefined || value === '') return undefined;
  const [name, seed, path, ...rest] = value.split('|');
  if (!name || !seed || !/^-?\d+$/.test(seed) || !path || !/^\d+(:\d+)*$/.test(path) || rest.length > 0) {
    throw new Error(`PROPERTY_REPLAY must be NAME|SEED|PATH, as CI printed them (e.g. "within 1e-4|1591109146|16:9:9"); got "${value}"`);
  }
  return { name, seed: Number(seed), path };
}

/** Asserts a fast-check property; a counterexample fails the tap test with fast-check's report. */
export function holds<Ts extends [unknown, ...unknown[]]>(
  t: Test,
  name: string,
  property: fc.IPropertyWithHooks<Ts> | fc.IProperty<Ts>,
  parameters: fc.Parameters<Ts> = {},
): void {
  const details = fc.check(property, scaled(name, parameters));
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
  const details = await fc.check(property, scaled(name, parameters));
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
