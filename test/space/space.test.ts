import t from 'tap';
import {
  DEFAULT_SPACE_NAME,
  genomeLength,
  getSpace,
  resnetSpace,
  type ResNetSpaceSpec,
} from '../../src/space/index.js';

const steps = (step: number, max: number) => Array.from({ length: max / step }, (_, i) => step * (i + 1));

t.test('the default space is CVPR 2021 Track 1 exactly as DESIGN.md gives it', async (t) => {
  const space = getSpace();
  t.equal(space.name, DEFAULT_SPACE_NAME);
  t.equal(genomeLength(space), 19);
  const choices = space.positions.map((p) => p.choices);
  for (let i = 0; i <= 6; i++) t.same(choices[i], [4, 8, 12, 16], `g[${i}] in {4..16}`);
  for (let i = 7; i <= 12; i++) t.same(choices[i], steps(4, 32), `g[${i}] in {4..32}`);
  for (let i = 13; i <= 18; i++) t.same(choices[i], steps(4, 64), `g[${i}] in {4..64}`);
  const blocks = space.blocks;
  t.equal(blocks.length, 9);
  t.same(blocks.filter((b) => b.stride === 2).map((b) => b.index), [3, 6], 'stride 2 at blocks 3 and 6');
  t.same(blocks[4], { index: 4, stage: 1, stride: 1, input: 8, middle: 9, output: 10 });
  t.equal(space.shortcut, 'always');
  t.same([space.inputChannels, space.inputSize], [3, 32]);
});

t.test('deeper ResNets follow the same rule with more blocks a stage', async (t) => {
  for (const [name, n] of [['resnet32-widths', 5], ['resnet44-widths', 7], ['resnet56-widths', 9]] as const) {
    const space = getSpace(name);
    t.equal(genomeLength(space), 1 + 6 * n, `${name} has ${1 + 6 * n} genes`);
    t.same(space.blocks.filter((b) => b.stride === 2).map((b) => b.index), [n, 2 * n]);
    t.same(space.positions.at(-1)?.choices, steps(4, 64));
  }
});

t.test('an unknown space name lists the declared ones', async (t) => {
  t.throws(() => getSpace('resnet21'), { message: /unknown space "resnet21"; declared spaces: resnet20-cvpr2021, resnet32-widths/ });
});

t.test('a malformed declaration is refused with what is wrong', async (t) => {
  const good = getSpace();
  const bad = (patch: Partial<ResNetSpaceSpec>) => () => resnetSpace({ ...good, ...patch });
  t.throws(bad({ stemChoices: [8, 4] }), { message: /stemChoices must be ascending/ });
  t.throws(bad({ stages: [] }), { message: /at least one stage/ });
  t.throws(bad({ stages: [{ blocks: 0, stride: 1, choices: [4] }] }), { message: /stage 1: blocks/ });
  t.throws(bad({ classes: 0 }), { message: /classes must be an integer >= 1/ });
  t.same(resnetSpace(good).positions, good.positions, 'a good declaration derives the same positions');
});
