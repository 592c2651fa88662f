import { fileURLToPath } from 'node:url';
import t from 'tap';
import { conceptOf, folderCycles, folderEdges, packagesLoadedBy, parseSource, readSources } from './import-graph.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const sources = readSources(root, ['src', 'populations', 'evaluators']);

t.test('no two folders of src/, populations/ and evaluators/ import each other, directly or around a loop', async (t) => {
  t.ok(sources.length > 200, `${sources.length} files read`);
  t.same(folderCycles(folderEdges(sources)), []);
});

t.test('the search, the population managers, the run orchestration and the store load no TensorFlow.js', async (t) => {
  const tensorFree = sources.filter((f) => ['src/search', 'populations', 'src/run', 'src/store'].includes(conceptOf(f.path)));
  t.ok(tensorFree.length > 20, `${tensorFree.length} files checked`);
  for (const file of tensorFree) {
    const tensors = [...packagesLoadedBy(sources, file.path)].filter(([name]) => name.startsWith('@tensorflow/'));
    t.same(tensors, [], `${file.path} loads no @tensorflow package (through static imports)`);
  }
});

t.test("the command line's start-up loads no TensorFlow.js, BullMQ or ioredis: only the command that needs them imports them, lazily", async (t) => {
  const heavy = [...packagesLoadedBy(sources, 'src/cli/main.ts')].filter(([name]) => name.startsWith('@tensorflow/') || name === 'bullmq' || name === 'ioredis');
  t.same(heavy, [], 'src/cli/main.ts loads none of them through static imports (each costs 0.2-0.7 s of every --help)');
});

t.test('the graph reader sees static, re-exported, side-effect and lazy imports, and finds a planted cycle', async (t) => {
  const file = parseSource(
    'src/a/x.ts',
    "import { y } from '../b/y.js';\nexport * from './z.js';\nimport '../c/side.js';\nimport type { T } from '@tensorflow/tfjs';\nconst m = await import('../d/lazy.js');",
  );
  t.same(file.staticImports, ['src/b/y.ts', 'src/a/z.ts', 'src/c/side.ts']);
  t.same(file.lazyImports, ['src/d/lazy.ts']);
  t.same(file.packages, ['@tensorflow/tfjs']);
  t.same([...file.typeOnly], ['@tensorflow/tfjs'], 'a type-only import is known as one: it loads nothing');
  const typeOnlyChain = [
    parseSource('src/a/x.ts', "import type { E } from '../b/y.js';\nimport { f } from '../c/z.js';"),
    parseSource('src/b/y.ts', "import * as tf from '@tensorflow/tfjs';"),
    parseSource('src/c/z.ts', "import type { Tensor } from '@tensorflow/tfjs';"),
  ];
  t.same([...packagesLoadedBy(typeOnlyChain, 'src/a/x.ts').keys()], [], 'type-only imports load neither files nor packages');
  t.same([...packagesLoadedBy(typeOnlyChain, 'src/b/y.ts').keys()], ['@tensorflow/tfjs']);
  t.equal(conceptOf('src/cli/commands/run.ts'), 'src/cli');
  t.equal(conceptOf('evaluators/handlers/table.ts'), 'evaluators');
  const edges = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
    ['d', new Set(['a'])],
  ]);
  t.same(folderCycles(edges), [['a', 'b', 'c']]);
  t.same(folderCycles(new Map([['a', new Set(['b'])], ['b', new Set<string>()]])), []);
});
