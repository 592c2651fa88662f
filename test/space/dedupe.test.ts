import t from 'tap';
import fc from 'fast-check';
import { dedupeGenomes, formatGenome, genomeHash, getSpace } from '../../src/space/index.js';
import { genomeArb, holds } from '../helpers/property.js';

const space = getSpace();
// Few distinct genomes, so duplicates are common.
const poolArb = fc.array(genomeArb(space), { minLength: 1, maxLength: 4 }).chain((distinct) =>
  fc.array(fc.constantFrom(...distinct), { maxLength: 30 }));

t.test('dedupe keeps the first of each genome, in order', async (t) => {
  const [a, b] = [[...Array(19)].map(() => 4), [...Array(19)].map((_, i) => (i < 7 ? 16 : 8))];
  t.same(dedupeGenomes([a, b, [...a], b, a], space), [a, b]);
  holds(t, 'unique, order kept, nothing lost', fc.property(poolArb, (pool) => {
    const unique = dedupeGenomes(pool, space);
    const hashes = unique.map((g) => genomeHash(g, space));
    const firstOccurrences = pool.filter((g, i) => pool.findIndex((h) => formatGenome(h) === formatGenome(g)) === i);
    return new Set(hashes).size === unique.length && unique.map(formatGenome).join() === firstOccurrences.map(formatGenome).join();
  }));
  holds(t, 'idempotent', fc.property(poolArb, (pool) =>
    dedupeGenomes(dedupeGenomes(pool, space), space).length === dedupeGenomes(pool, space).length));
});
