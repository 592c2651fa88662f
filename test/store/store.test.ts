import { join } from 'node:path';
import { open } from 'lmdb';
import t from 'tap';
import { Rng } from '../../src/random/rng.js';
import { SCHEMA_VERSION, Store, STORE_FILE, type GenerationRecord, type NamedTensor, type RunRecord } from '../../src/store/index.js';
import { tempDir } from '../helpers/tmp.js';

const run = (status: RunRecord['status']): RunRecord => ({
  config: { population: 4 }, seed: 1, status, createdAt: 'then', updatedAt: 'now', evoNasVersion: '0.1.0',
});
const metrics = (accuracy: number) => ({ accuracy, loss: null, params: 1000, macs: 5000, ms: 1.5 });
const generation = (index: number): GenerationRecord => ({
  index,
  candidates: [{ genome: [1, 2], hash: 'h1', source: 'evaluated', metrics: metrics(0.5) }, { genome: [3, 4], hash: 'h2', source: 'failed', reason: 'boom' }],
  population: [{ genome: [1, 2], hash: 'h1', objectives: [0.5, 1000], violation: 0, metrics: metrics(0.5) }],
  archive: [{ genome: [1, 2], hash: 'h1', objectives: [0.5, 1000], violation: 0, metrics: metrics(0.5) }],
  hypervolume: 0.123456789012345,
  rng: Rng.fromSeed(3).fork('search').state(),
  counts: { evaluated: 1, cached: 0, failed: 1 },
  supernetVersion: 0,
  evalSpecHash: 'abcd',
  seconds: 0.25,
  committedAt: 'now',
});

t.test('generations, the run record and cache entries round-trip, exactly', async (t) => {
  const dir = tempDir(t);
  const store = Store.open(dir);
  t.equal(store.lastGeneration(), undefined, 'no generation yet');
  t.equal(store.getRun(), undefined);
  store.commitGeneration(generation(0), new Map([['h1|0|abcd', metrics(0.5)]]), run('running'));
  store.commitGeneration(generation(1), new Map(), run('running'));
  store.commitGeneration(generation(10), new Map(), run('finished'));
  t.same(store.lastGeneration(), generation(10), 'the last generation by index, not by insertion');
  t.same(store.allGenerations().map((g) => g.index), [0, 1, 10]);
  t.same(store.getEvaluation('h1|0|abcd'), metrics(0.5));
  t.equal(store.getRun()?.status, 'finished');
  const rng = Rng.fromState(store.getGeneration(0)!.rng);
  const expected = Rng.fromSeed(3).fork('search');
  t.equal(rng.float(), expected.float(), 'the stored generator state continues the stream');
  t.equal(store.getGeneration(0)!.hypervolume, 0.123456789012345, 'floats are kept bit for bit');
  await store.close();

  const reader = Store.open(dir, { readOnly: true });
  t.same(reader.getGeneration(1), generation(1), 'a reader sees what was committed');
  t.throws(() => reader.putRun(run('failed')), 'a reader cannot write');
  await reader.close();
});

t.test('weights are content-addressed raw float32 bytes, deduplicated, returned bit for bit', async (t) => {
  const store = Store.open(tempDir(t));
  t.teardown(() => store.close());
  const special = new Float32Array([0, -0, 1.5, NaN, Infinity, -Infinity, 1e-45, 3.4028234663852886e38]);
  const tensors: NamedTensor[] = [
    { name: 'conv.weight', shape: [2, 4], data: special },
    { name: 'bn.gamma', shape: [3], data: new Float32Array([1, 1, 1]) },
    { name: 'bn2.gamma', shape: [3], data: new Float32Array([1, 1, 1]) },
  ];
  const manifest = store.putWeights(tensors);
  t.match(manifest[0], { name: 'conv.weight', shape: [2, 4], sha256: /^[0-9a-f]{64}$/ });
  t.equal(manifest[1]!.sha256, manifest[2]!.sha256, 'equal tensors share one blob');
  const back = store.getWeights(manifest);
  t.same(back.map((w) => w.name), ['conv.weight', 'bn.gamma', 'bn2.gamma']);
  t.same(new Uint8Array(back[0]!.data.buffer, back[0]!.data.byteOffset, 32), new Uint8Array(special.buffer), 'the same bytes');
  t.equal(back[1]!.data.buffer, back[2]!.data.buffer, 'a shared blob is read once and viewed, not copied per tensor');
  t.same(store.putWeights(tensors), manifest, 'storing again gives the same manifest');
  t.throws(() => store.putWeights([{ name: 'bad', shape: [2, 2], data: new Float32Array(3) }]), { message: 'tensor "bad" has 3 values; its shape [2, 2] needs 4' });
  t.throws(() => store.getWeights([{ name: 'lost', shape: [1], sha256: 'f'.repeat(64) }]), { name: 'StoreDamagedError', message: /store\.mdb is damaged \(reading weights: weight blob f+ of tensor "lost" is missing/ });
});

t.test('supernet checkpoints get increasing versions, with weights, optimizer slots and training state', async (t) => {
  const store = Store.open(tempDir(t));
  t.teardown(() => store.close());
  t.equal(store.latestSupernetVersion(), 0);
  t.equal(store.getSupernet(), undefined);
  const weights = [{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }];
  const first = store.saveSupernet({ weights, training: { epoch: 1, step: 390 } });
  const second = store.saveSupernet({ weights, optimizer: [{ name: 'w/momentum', shape: [2], data: new Float32Array([0.5, 0.25]) }], training: { epoch: 2, step: 780 } });
  t.same([first.version, second.version, store.latestSupernetVersion()], [1, 2, 2]);
  t.same(store.getSupernet(1)?.training, { epoch: 1, step: 390 });
  const latest = store.getSupernet()!;
  t.same(latest.weights, first.weights, 'unchanged weights point at the same blobs');
  t.same([...store.getWeights(latest.optimizer)[0]!.data], [0.5, 0.25]);
});

t.test('a store of another schema version, or a directory without a store, is refused clearly', async (t) => {
  const dir = tempDir(t);
  await Store.open(dir).close();
  const raw = open({ path: join(dir, STORE_FILE), maxDbs: 8 });
  raw.openDB({ name: 'meta' }).putSync('schema', SCHEMA_VERSION + 1);
  await raw.close();
  t.throws(() => Store.open(dir), {
    name: 'RunDirectoryError',
    message: `run directory ${dir} holds a store of schema version ${SCHEMA_VERSION + 1}; this evo-nas reads version ${SCHEMA_VERSION}. Use the evo-nas version that wrote it, or start a new run directory.`,
  });
  t.throws(() => Store.open(dir, { readOnly: true }), { name: 'RunDirectoryError' });
  const empty = tempDir(t);
  t.throws(() => Store.open(empty, { readOnly: true }), { name: 'InputError', message: `${empty} is not an evo-nas run directory (it has no store.mdb)` });
});

t.test('training checkpoints: the newest two are kept, and only the blobs nothing else uses are deleted', async (t) => {
  const dir = tempDir(t);
  const store = Store.open(dir);
  const tensor = (name: string, value: number): NamedTensor => ({ name, shape: [2], data: new Float32Array([value, value]) });
  t.equal(store.getCheckpoint(), undefined, 'no checkpoint yet');
  store.saveSupernet({ weights: [tensor('shared', 7)], training: {} });
  for (let epoch = 1; epoch <= 4; epoch++) {
    store.saveCheckpoint({ weights: [tensor('w', epoch), tensor('shared', 7)], optimizer: [tensor('w.velocity', -epoch)], training: { epoch } });
  }
  t.equal(store.latestCheckpointVersion(), 4);
  t.same([1, 2, 3, 4].map((v) => store.getCheckpoint(v)?.training), [undefined, undefined, { epoch: 3 }, { epoch: 4 }]);
  const latest = store.getCheckpoint()!;
  t.same(Array.from(store.getWeights(latest.weights)[0]!.data), [4, 4], 'the newest weights read back');
  t.same(Array.from(store.getWeights(store.getCheckpoint(3)!.optimizer)[0]!.data), [-3, -3], 'and the one before');
  t.same(Array.from(store.getWeights(store.getSupernet()!.weights)[0]!.data), [7, 7], 'a blob the supernet shares survives');
  const blobs = [...open({ path: join(dir, STORE_FILE), maxDbs: 8, readOnly: true }).openDB({ name: 'weights', encoding: 'binary' }).getKeys()];
  t.equal(blobs.length, 5, 'the dropped checkpoints left no blobs behind: shared, w 3, w 4 and two velocities');
  t.throws(() => store.saveCheckpoint({ weights: [], training: {} }, 0), /whole number ≥ 1/);
  await store.close();
});
