/**
 * Throughput of the genome operators and the cost model on one core, printed as JSON. The search
 * loop calls these for every candidate, so they must stay far cheaper than one evaluation.
 *
 *   npm run bench:operators
 */
import { Rng } from '../src/random/rng.js';
import { crossover, genomeCost, getSpace, mutation, repairGenome, sampleGenome, type Genome } from '../src/space/index.js';

const space = getSpace();
const rng = Rng.fromSeed(0).fork('bench-operators');
const pool: Genome[] = Array.from({ length: 1024 }, () => sampleGenome(space, rng));
const mutate = mutation({ kind: 'neighbour', probability: 1 / 19 });
const uniform = crossover('uniform');

/** Operations per second, timed over about `seconds` after a warm-up pass. */
function opsPerSecond(run: (i: number) => unknown, seconds = 0.5): number {
  for (let i = 0; i < 1000; i++) run(i);
  let count = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    for (let i = 0; i < 256; i++) run(count + i);
    count += 256;
  }
  return Math.round(count / (Number(process.hrtime.bigint() - start) / 1e9));
}

const at = (i: number) => pool[i % pool.length] as Genome;
console.log(
  JSON.stringify({
    space: space.name,
    ops_per_s: {
      sample: opsPerSecond(() => sampleGenome(space, rng)),
      cost: opsPerSecond((i) => genomeCost(at(i), space)),
      mutate_neighbour: opsPerSecond((i) => mutate(at(i), space, rng)),
      crossover_uniform: opsPerSecond((i) => uniform(at(i), at(i + 1), space, rng)),
      repair_to_100k_params: opsPerSecond((i) => repairGenome(at(i), space, { maxParams: 100_000 }, (g) => genomeCost(g, space))),
    },
  }),
);
