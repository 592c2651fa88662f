import { readFileSync } from 'node:fs';
import t from 'tap';
import fc from 'fast-check';
import { genomeCost, getSpace, largestGenome, smallestGenome, type Shortcut } from '../../src/space/index.js';
import { holds, spaceGenomeArb } from '../helpers/property.js';

interface ReferenceCase {
  space: string;
  genome: number[];
  classes: number;
  shortcut: Shortcut;
  size: [number, number];
  in: number;
  params: number;
  bnParams: number;
  macs: number;
}
const reference = JSON.parse(
  readFileSync(new URL('../../../test/reference/resnet-cost-torch.json', import.meta.url), 'utf8'),
) as { source: string; cases: ReferenceCase[] };

t.test(`params and MACs equal PyTorch's own count (${reference.source})`, async (t) => {
  t.ok(reference.cases.length >= 19);
  for (const c of reference.cases) {
    const cost = genomeCost(c.genome, getSpace(c.space), { classes: c.classes, shortcut: c.shortcut, inputSize: c.size, inputChannels: c.in });
    t.same(
      { params: cost.params, bnParams: cost.bnParams, macs: cost.macs },
      { params: c.params, bnParams: c.bnParams, macs: c.macs },
      `${c.genome.join('-')} ${c.shortcut} ${c.classes} classes ${c.size.join('x')}x${c.in}`,
    );
  }
});

t.test('the standard ResNet20 has the textbook figures', async (t) => {
  const space = getSpace();
  const resnet20 = largestGenome(space);
  // He et al.'s ResNet20 with 1x1 projections where shapes change: 0.27M parameters, 40.8M MACs.
  t.same(genomeCost(resnet20, space, { classes: 10, shortcut: 'needed' }), { weightParams: 270_906, bnParams: 1_568, params: 272_474, macs: 40_813_184 });
  t.same(genomeCost(resnet20, space, { classes: 10, shortcut: 'always' }), { weightParams: 281_914, bnParams: 2_048, params: 283_962, macs: 42_648_192 });
  t.same(genomeCost(resnet20, space, { classes: 100, shortcut: 'always' }), { weightParams: 287_764, bnParams: 2_048, params: 289_812, macs: 42_653_952 });
  t.same(genomeCost(smallestGenome(space), space, { classes: 100, shortcut: 'always' }), { weightParams: 3_344, bnParams: 224, params: 3_568, macs: 1_336_720 });
  t.same(genomeCost(resnet20, space), genomeCost(resnet20, space, { classes: 100, shortcut: 'always', inputSize: 32, inputChannels: 3 }), "defaults are the space's");
});

const settingArb = fc.record({
  classes: fc.integer({ min: 1, max: 1000 }),
  shortcut: fc.constantFrom<Shortcut>('always', 'needed'),
  inputSize: fc.tuple(fc.integer({ min: 1, max: 96 }), fc.integer({ min: 1, max: 96 })),
  inputChannels: fc.integer({ min: 1, max: 4 }),
});

t.test('params and MACs grow with every width when every block projects', async (t) => {
  holds(t, 'monotone in every width (shortcut always)', fc.property(spaceGenomeArb, settingArb, fc.nat(), ({ space, genome }, setting, pick) => {
    const position = space.positions[pick % genome.length]!;
    const wider = position.choices.filter((c) => c > genome[position.index]!);
    if (wider.length === 0) return true;
    const grown = genome.map((w, i) => (i === position.index ? wider[pick % wider.length]! : w));
    const always = { ...setting, shortcut: 'always' as const };
    const [before, after] = [genomeCost(genome, space, always), genomeCost(grown, space, always)];
    return after.params > before.params && after.macs > before.macs;
  }));
});

t.test('under "needed", widening to match a block\'s input can drop its projection and cost less', async (t) => {
  // Blocks 1 and 2 go 16 -> 12 -> 16 through 4-wide middles, so both need 1x1 projections
  // (16x12 + BN: 216 params; 12x16 + BN: 224). Widening g[4] to 16 makes both shortcuts the
  // identity: -440, while the two 3x3 convs touching g[4] grow by 9x4x4 each (+288) and a BN by 8.
  const space = getSpace();
  const narrowMiddle = largestGenome(space).map((w, i) => (i === 3 ? 4 : i === 4 ? 12 : i === 5 ? 4 : w));
  const matched = narrowMiddle.map((w, i) => (i === 4 ? 16 : w));
  const setting = { classes: 10, shortcut: 'needed' as const };
  const [before, after] = [genomeCost(narrowMiddle, space, setting), genomeCost(matched, space, setting)];
  t.ok(after.params < before.params, `params fall from ${before.params} to ${after.params}`);
  t.ok(after.macs < before.macs, `MACs fall from ${before.macs} to ${after.macs}`);
});

t.test('the total is weights plus BN, and projecting always costs at least as much', async (t) => {
  holds(t, 'params = weightParams + bnParams; always >= needed', fc.property(spaceGenomeArb, settingArb, ({ space, genome }, setting) => {
    const always = genomeCost(genome, space, { ...setting, shortcut: 'always' });
    const needed = genomeCost(genome, space, { ...setting, shortcut: 'needed' });
    return always.params === always.weightParams + always.bnParams && always.params >= needed.params && always.macs >= needed.macs;
  }));
});
