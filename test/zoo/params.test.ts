/**
 * Every zoo architecture has the parameter count and MACs of the PyTorch code it follows, for
 * 10 and 100 classes, and its logits have the right shape. The figures were counted by PyTorch
 * 1.13 on the reference repositories (test/reference/zoo_params_torch.py, commits in the JSON);
 * 10 classes come from kuangliu/pytorch-cifar and 100 from weiaicunzai/pytorch-cifar100 where
 * both define the network, otherwise from the one reference that does.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { buildModel, modelCost, ZOO } from '../../src/zoo/index.js';
import { ZOO_LIST } from '../../src/zoo/list-cache.js';
import { listRow } from '../../src/zoo/list-row.js';

interface Pinned {
  readonly reference10: { readonly repo: string; readonly file: string; readonly symbol: string };
  readonly reference100: { readonly repo: string; readonly file: string; readonly symbol: string };
  readonly params10: number;
  readonly usedParams10: number;
  readonly macs10: number;
  readonly params100: number;
  readonly usedParams100: number;
  readonly macs100: number;
}

const pinned = JSON.parse(readFileSync(new URL('../../../test/reference/zoo-params-torch.json', import.meta.url), 'utf8')) as {
  source: string;
  commits: Record<string, string>;
  entries: Record<string, Pinned>;
};

/**
 * References whose parameter count includes layers their forward pass never calls. The zoo does
 * not create those layers, so it matches the reference's count of parameters that receive a
 * gradient (`usedParams`, counted by the same script) instead of the total:
 * - efficientnetb0 (kuangliu models/efficientnet.py): the first block (expansion 1) allocates
 *   an unused 1x1 conv + BN, 32*32 + 2*32 = 1,088 parameters (3,599,686 -> 3,598,598 at 10 classes).
 * - attention56/92 (weiaicunzai models/attention.py): every AttentionModule1 allocates an unused
 *   `shortcut_short` unit and every AttentionModule3 an unused `shortcut` unit (attention56:
 *   55,519,370 -> 53,214,474; attention92: 105,261,450 -> 98,619,914 at 10 classes).
 * - nasnet (weiaicunzai models/nasnet.py): every cell's `Fit` allocates both a factorised
 *   reduction and a 1x1 width fit and uses at most one (5,126,494 -> 4,238,926 at 10 classes).
 */
const UNUSED_LAYERS_IN_REFERENCE = new Set(['efficientnetb0', 'attention56', 'attention92', 'nasnet']);

const cachedRows = new Map(ZOO_LIST.map((row) => [row.name, row]));

t.test('zoo list caches every architecture, in registry order', async (t) => {
  t.same(ZOO_LIST.map((row) => row.name), [...ZOO.keys()]);
});

t.test('every architecture is pinned, and every pin is an architecture', async (t) => {
  t.same([...ZOO.keys()].sort(), Object.keys(pinned.entries).sort());
  t.equal(ZOO.size, 82);
});

t.test('the reference counts say where they come from', async (t) => {
  for (const [name, p] of Object.entries(pinned.entries)) {
    for (const ref of [p.reference10, p.reference100]) t.match(pinned.commits[ref.repo], /^[0-9a-f]{40}$/, `${name}: ${ref.repo} commit`);
    const architecture = ZOO.get(name);
    t.ok(architecture?.references.some((r) => r.repo === p.reference10.repo && r.file === p.reference10.file), `${name} follows ${p.reference10.repo}`);
  }
  // Where both repositories define the network, 10 classes are kuangliu's and 100 weiaicunzai's.
  t.match(pinned.entries.resnet18, { reference10: { repo: 'kuangliu/pytorch-cifar' }, reference100: { repo: 'weiaicunzai/pytorch-cifar100' } });
  t.match(pinned.entries.densenet121, { reference10: { repo: 'kuangliu/pytorch-cifar' }, reference100: { repo: 'weiaicunzai/pytorch-cifar100' } });
});

t.test('the textbook sizes hold (He et al. ResNet20 = 0.27M; ViT-CIFAR = 6.3M)', async (t) => {
  t.equal(pinned.entries.resnet20!.params10, 269_722);
  t.equal(pinned.entries.resnet110!.params10, 1_727_962);
  t.equal(pinned.entries.vit!.params10, 6_268_810);
  t.equal(pinned.entries.shakeshake26_2x32d!.params10, 2_923_162);
});

for (const [name, architecture] of ZOO) {
  t.test(`${name} has its reference's parameters and MACs`, async (t) => {
    const p = pinned.entries[name]!;
    const fresh: { params: number; macs: number }[] = [];
    for (const classes of [10, 100] as const) {
      const model = buildModel(architecture, { classes, weights: 'zeros' });
      try {
        t.same(model.outputs[0]!.shape, [null, classes], `logits of ${classes} classes`);
        const cost = modelCost(model);
        fresh.push(cost);
        const used = classes === 10 ? p.usedParams10 : p.usedParams100;
        const total = classes === 10 ? p.params10 : p.params100;
        if (UNUSED_LAYERS_IN_REFERENCE.has(name)) {
          t.ok(used < total, `${name}'s reference has unused layers`);
          t.equal(cost.params, used, `params (${classes} classes) = the reference's used parameters`);
        } else {
          t.equal(used, total, 'the reference uses every parameter it has');
          t.equal(cost.params, total, `params (${classes} classes)`);
        }
        t.equal(cost.macs, classes === 10 ? p.macs10 : p.macs100, `MACs (${classes} classes)`);
      } finally {
        model.dispose();
      }
    }
    t.equal(tf.memory().numTensors, 0, 'disposing the model frees every tensor');
    t.same(cachedRows.get(name), listRow(architecture, fresh[0]!, fresh[1]!), "zoo list's cached row equals this fresh count (else: npm run zoo:list-cache)");
  });
}
