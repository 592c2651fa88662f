import t from 'tap';
import { settingDifferences } from '../../src/store/resume.js';

t.test('settingDifferences names each differing setting with both values, skipping the ignored ones', async (t) => {
  const saved = { seed: 1, lr: 0.1, epochs: 5, augment: { cropFlip: true } };
  t.same(settingDifferences(saved, { ...saved }), [], 'equal settings: nothing');
  t.same(settingDifferences(saved, { ...saved, seed: 2, augment: { cropFlip: false } }), ['seed: 1, asked 2', 'augment: {"cropFlip":true}, asked {"cropFlip":false}']);
  t.same(settingDifferences(saved, { ...saved, epochs: 9 }, ['epochs']), [], 'an ignored key may differ');
  t.same(settingDifferences({ a: 1 } as Record<string, number>, { a: 1, b: 2 }), ['b: undefined, asked 2'], 'a key on one side only');
});
