import t from 'tap';
import fc from 'fast-check';
import { Rng } from '../../src/random/rng.js';
import { crossover, isValidGenome, largestGenome, mutation, repairGenome, sampleGenome, smallestGenome } from '../../src/space/index.js';
import {
  allCodes,
  CHANNEL_BENCH_MOBILENET,
  CHANNEL_BENCH_RESNET,
  codeToGenome,
  generateTable,
  genomeToCode,
  lookupGenome,
  parseTable,
  tableKey,
  tableSpace,
  spaceFromFileName,
  tabularCost,
} from '../../src/tabular/index.js';
import { holds, seedArb } from '../helpers/property.js';

const spaces = [CHANNEL_BENCH_RESNET, CHANNEL_BENCH_MOBILENET];

t.test('the declared spaces follow the benchmark: 7 positions, widths d/4 of the largest, codes of digits 1-4', async (t) => {
  t.same(CHANNEL_BENCH_RESNET.positions.map((p) => p.choices), [
    [64, 128, 192, 256], [64, 128, 192, 256], [64, 128, 192, 256],
    [128, 256, 384, 512], [128, 256, 384, 512], [128, 256, 384, 512], [128, 256, 384, 512],
  ]);
  t.same(CHANNEL_BENCH_MOBILENET.positions.map((p) => p.maxChannels), [128, 768, 768, 768, 256, 1536, 1024]);
  t.equal(genomeToCode(largestGenome(CHANNEL_BENCH_RESNET), CHANNEL_BENCH_RESNET), '4444444');
  t.equal(genomeToCode(smallestGenome(CHANNEL_BENCH_MOBILENET), CHANNEL_BENCH_MOBILENET), '1111111');
  t.same(codeToGenome('4213342', CHANNEL_BENCH_RESNET), [256, 128, 64, 384, 384, 512, 256]);
  for (const bad of ['421334', '42133421', '4213352', '421334a']) t.equal(codeToGenome(bad, CHANNEL_BENCH_RESNET), undefined, `"${bad}" is no code`);
  const codes = allCodes(CHANNEL_BENCH_RESNET);
  t.same([codes.length, codes[0], codes[1], codes.at(-1), new Set(codes).size], [16384, '1111111', '1111112', '4444444', 16384]);
});

t.test('genome <-> code is a bijection, and the space operators work on tabular spaces', async (t) => {
  holds(t, 'round trip and valid offspring', fc.property(fc.constantFrom(...spaces), seedArb, (space, seed) => {
    const rng = Rng.fromSeed(seed);
    const [a, b] = [sampleGenome(space, rng), sampleGenome(space, rng)];
    const children = [...crossover('uniform')(a, b, space, rng), mutation({ kind: 'neighbour', probability: 0.5 })(a, space, rng)];
    const cost = (g: readonly number[]) => tabularCost(g, space);
    const budget = { maxParams: (cost(largestGenome(space)).params + cost(smallestGenome(space)).params) / 2 };
    const repaired = repairGenome(a, space, budget, cost);
    return (
      JSON.stringify(codeToGenome(genomeToCode(a, space), space)) === JSON.stringify(a) &&
      children.every((c) => isValidGenome(c, space)) &&
      cost(repaired).params <= budget.maxParams
    );
  }));
});

t.test('the analytic cost grows with every width', async (t) => {
  holds(t, 'monotone', fc.property(fc.constantFrom(...spaces), seedArb, fc.integer({ min: 0, max: 6 }), (space, seed, i) => {
    const genome = sampleGenome(space, Rng.fromSeed(seed));
    const choices = space.positions[i]!.choices;
    const at = choices.indexOf(genome[i]!);
    if (at === choices.length - 1) return true;
    const wider = genome.map((w, j) => (j === i ? choices[at + 1]! : w));
    const [before, after] = [tabularCost(genome, space), tabularCost(wider, space)];
    return after.params > before.params && after.macs > before.macs;
  }));
});

t.test('generated tables are complete, seeded, and more width buys more accuracy', async (t) => {
  const table = generateTable(CHANNEL_BENCH_RESNET, Rng.fromSeed(4));
  t.equal(Object.keys(table).length, 16384);
  t.same(generateTable(CHANNEL_BENCH_RESNET, Rng.fromSeed(4))['2314412'], table['2314412'], 'same seed, same table');
  const entry = table['2314412']!;
  t.equal(entry.acc.length, 3);
  t.ok(Math.abs(entry.mean - entry.acc.reduce((s, a) => s + a, 0) / 3) < 1e-3, 'mean of the runs');
  t.ok(table['4444444']!.mean > table['2314412']!.mean && table['2314412']!.mean > table['1111111']!.mean);
  t.equal(table['3333333']!.params, tabularCost(codeToGenome('3333333', CHANNEL_BENCH_RESNET)!, CHANNEL_BENCH_RESNET).params);
  const parsed = parseTable(JSON.stringify(table), CHANNEL_BENCH_RESNET, 'gen.json');
  t.match(lookupGenome(parsed, codeToGenome('2314412', CHANNEL_BENCH_RESNET)!), entry);
  t.match(parsed.sha256, /^[0-9a-f]{64}$/);
});

t.test('a bad table names the key, the field and what is allowed', async (t) => {
  const ok = { acc: [90.1, 90.3, 90.2], mean: 90.2, std: 0.08, params: 1000, flops: 2000 };
  const cases: [unknown, RegExp][] = [
    ['not json', /^table t\.json is not JSON/],
    [[1, 2], /^table t\.json must be a JSON object from architecture codes/],
    [{}, /^table t\.json has no architectures$/],
    [{ '1234': ok }, /^table t\.json: key "1234" is not an architecture code of channel-bench-resnet \(7 digits 1-4\)$/],
    [{ '1111111': { ...ok, mean: 190 } }, /^table t\.json: "1111111"\.mean is 190; expected a percentage from 0 to 100$/],
    [{ '1111111': { ...ok, params: 'many' } }, /"1111111"\.params is "many"; expected a count ≥ 0/],
    [{ '1111111': { ...ok, acc: [] } }, /"1111111"\.acc must be a non-empty list of percentages/],
    [{ '1111111': 5 }, /"1111111" must be an object \{acc, mean, std, params, flops\}/],
  ];
  for (const [content, message] of cases) {
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    t.throws(() => parseTable(text, CHANNEL_BENCH_RESNET, 't.json'), { name: 'TableError', message });
  }
  t.equal(spaceFromFileName('/data/Results_ResNet.json'), CHANNEL_BENCH_RESNET);
  t.equal(spaceFromFileName('Resuls_MobileNet.json'), CHANNEL_BENCH_MOBILENET);
  t.equal(spaceFromFileName('bench.json'), undefined);
});

t.test('a table of a width space is keyed by genome text, checked against the space', async (t) => {
  const space = tableSpace('resnet20-cvpr2021');
  const largest = '16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64';
  const smallest = Array(19).fill(4).join('-');
  const ok = { acc: [90.1, 90.3], mean: 90.2, std: 0.1, params: 1000, flops: 2000 };
  const parsed = parseTable(JSON.stringify({ [largest]: ok, [smallest]: { ...ok, mean: 50 } }), space, 'truth.json');
  t.equal(parsed.space, space);
  t.match(lookupGenome(parsed, largest.split('-').map(Number)), ok, 'looked up by the genome');
  t.equal(tableKey(smallest.split('-').map(Number), space), smallest);
  const cases: [string, RegExp][] = [
    ['2314412', /key "2314412" is not a genome of resnet20-cvpr2021: genome has 1 width;/],
    [`${largest}-64`, /key "16-16-.*-64-64" is not a genome of resnet20-cvpr2021 in canonical form \(19 widths joined by "-", e\.g\. 16-16/],
    [largest.replace(/^16/, '20'), /key "20-16-.*" is not a genome of resnet20-cvpr2021: genome g\[0\] \(.*\) is 20; allowed: 4, 8, 12, 16/],
  ];
  for (const [key, message] of cases) t.throws(() => parseTable(JSON.stringify({ [key]: ok }), space, 'truth.json'), { name: 'TableError', message });
  t.throws(() => tableSpace('resnet21'), { name: 'InputError', message: /unknown space "resnet21" for a table; tabular: channel-bench-resnet, .*; width spaces: resnet20-cvpr2021/ });
});
