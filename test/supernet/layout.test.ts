import t from 'tap';
import fc from 'fast-check';
import { genomeCost, SHORTCUTS, type Shortcut } from '../../src/space/index.js';
import { fixedSpace } from '../../src/supernet/extract.js';
import { supernetLayout } from '../../src/supernet/layout.js';
import { holds, spaceGenomeArb } from '../helpers/property.js';

const configArb = fc.record({
  classes: fc.integer({ min: 1, max: 200 }),
  inputChannels: fc.integer({ min: 1, max: 4 }),
  shortcut: fc.constantFrom<Shortcut>(...SHORTCUTS),
});

t.test("a subnet's weight count equals the cost model's parameter count", async (t) => {
  holds(t, 'trainable tensors of the extracted layout = genomeCost params', fc.property(spaceGenomeArb, configArb, ({ space, genome }, config) => {
    const layout = supernetLayout(fixedSpace(space, genome), config);
    const weights = layout.filter((s) => s.trainable).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    return weights === genomeCost(genome, space, config).params;
  }), { numRuns: 300 });
});

t.test('the supernet allocates each tensor at the widest choices', async (t) => {
  const { getSpace } = await import('../../src/space/index.js');
  const layout = supernetLayout(getSpace(), { classes: 100, inputChannels: 3, shortcut: 'always' });
  const shape = (name: string) => layout.find((s) => s.name === name)?.shape;
  t.same(shape('stem.conv'), [3, 3, 3, 16]);
  t.same(shape('block3.conv1'), [3, 3, 16, 32]);
  t.same(shape('block3.shortcut.conv'), [1, 1, 16, 32]);
  t.same(shape('block8.conv2'), [3, 3, 64, 64]);
  t.same(shape('head.weight'), [64, 100]);
  t.notOk(layout.find((s) => s.name === 'stem.bn.mean')?.trainable, 'running statistics are not trainable');
  t.equal(new Set(layout.map((s) => s.name)).size, layout.length, 'names are unique');
});
