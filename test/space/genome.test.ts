import t from 'tap';
import fc from 'fast-check';
import {
  formatGenome,
  genomeHash,
  getSpace,
  isValidGenome,
  largestGenome,
  parseGenome,
} from '../../src/space/index.js';
import { genomeArb, holds, spaceGenomeArb } from '../helpers/property.js';

const space = getSpace();
const RESNET20 = '16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64';

t.test('the text form round-trips for every space', async (t) => {
  holds(t, 'parse(format(g)) = g', fc.property(spaceGenomeArb, ({ space, genome }) =>
    formatGenome(parseGenome(formatGenome(genome), space)) === formatGenome(genome)));
});

t.test('the standard ResNet20 parses to the largest genome of the default space', async (t) => {
  t.same(parseGenome(RESNET20, space), largestGenome(space));
  t.same(parseGenome(`  ${RESNET20}\n`, space), largestGenome(space), 'surrounding whitespace is ignored');
});

t.test("the challenge's 20-number form is accepted and printed as 19 numbers", async (t) => {
  const published = '16-8-16-16-8-12-12-20-12-4-12-32-32-24-48-8-52-16-12-36';
  const genome = parseGenome(published, space);
  t.equal(genome.length, 19);
  t.equal(formatGenome(genome), '16-8-16-16-8-12-12-20-12-4-12-32-32-24-48-8-52-16-12');
  t.throws(() => parseGenome(`${RESNET20}-x`, space), { message: /g\[19\] is "x", not a whole number/ });
});

t.test('bad genomes are refused with the position and the allowed widths', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['empty', '', /genome is empty; expected 19 widths joined by "-"/],
    ['too short', '16-16', /genome has 2 widths; space "resnet20-cvpr2021" takes 19 \(or 20 in the challenge's published form/],
    ['too long', `${RESNET20}-64-64`, /genome has 21 widths/],
    ['not a number', RESNET20.replace(/^16-16/, '16-x'), /g\[1\] is "x", not a whole number; allowed at g\[1\] \(stage 1, block 1 conv1 output\): 4, 8, 12, 16/],
    ['a decimal', RESNET20.replace(/^16/, '16.0'), /g\[0\] is "16.0", not a whole number/],
    ['a negative width', `-${RESNET20}`, /g\[0\] is "", not a whole number/],
    ['not a choice', RESNET20.replace(/-64$/, '-65'), /g\[18\] \(stage 3, block 9 output\) is 65; allowed: 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64/],
    ['too wide for stage 1', RESNET20.replace(/^16/, '32'), /g\[0\] \(stem output\) is 32; allowed: 4, 8, 12, 16/],
  ];
  for (const [name, text, message] of cases) {
    t.throws(() => parseGenome(text, space), { name: 'GenomeError', message }, name);
  }
});

t.test('isValidGenome agrees with the declared choices', async (t) => {
  holds(t, 'sampled genomes are valid', fc.property(genomeArb(space), (g) => isValidGenome(g, space)));
  t.notOk(isValidGenome([...largestGenome(space), 64], space), 'wrong length');
  t.notOk(isValidGenome(largestGenome(space).map((w, i) => (i === 5 ? w + 1 : w)), space), 'not a choice');
});

t.test('the hash is stable, and equal exactly for equal genomes', async (t) => {
  // Pinned: caches and stores key on this value; changing the hash invalidates them all.
  t.equal(genomeHash(largestGenome(space), space), 'a13d0c9e953a1786');
  holds(t, 'hash equality is genome equality', fc.property(genomeArb(space), genomeArb(space), (a, b) =>
    (genomeHash(a, space) === genomeHash(b, space)) === (formatGenome(a) === formatGenome(b))));
  t.not(genomeHash([4, 4, 4, 4, 4, 4, 4], getSpace('resnet56-widths')), genomeHash([4, 4, 4, 4, 4, 4, 4], space), 'the space name is part of the identity');
});
