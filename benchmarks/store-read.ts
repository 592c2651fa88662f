/**
 * What checking each weight blob's sha256 on read costs: reads a checkpoint's weights through
 * `Store.getWeights` (which hashes every blob) and hashes the same bytes alone, printed as JSON.
 * The tensors are seeded noise of a supernet's order of size (default 1.5M floats in 60 tensors).
 *
 *   npm run bench:store-read [-- FLOATS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../src/random/rng.js';
import { Store, type NamedTensor } from '../src/store/index.js';
import { sha256Of } from '../src/store/weights.js';

const floats = Number(process.argv[2] ?? 1_500_000);
const TENSORS = 60;
const REPEATS = 20;
const rng = Rng.fromSeed(0).fork('bench-store-read');
const tensors: NamedTensor[] = Array.from({ length: TENSORS }, (_, i) => {
  const data = new Float32Array(Math.ceil(floats / TENSORS));
  for (let j = 0; j < data.length; j++) data[j] = rng.float();
  return { name: `t${i}`, shape: [data.length], data };
});

const dir = mkdtempSync(join(tmpdir(), 'evo-nas-bench-store-'));
try {
  const store = Store.open(dir);
  const record = store.saveSupernet({ weights: tensors, training: {} });
  const milliseconds = (work: () => void) => {
    work(); // warm: the pages are in memory for every timed repeat alike
    const start = process.hrtime.bigint();
    for (let i = 0; i < REPEATS; i++) work();
    return Number(process.hrtime.bigint() - start) / 1e6 / REPEATS;
  };
  const readMs = milliseconds(() => store.getWeights(record.weights));
  const hashMs = milliseconds(() => tensors.forEach(({ data }) => sha256Of(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))));
  await store.close();
  const megabytes = (4 * TENSORS * Math.ceil(floats / TENSORS)) / 2 ** 20;
  console.log(
    JSON.stringify({
      benchmark: 'store-read',
      tensors: TENSORS,
      megabytes: Number(megabytes.toFixed(2)),
      readWithHashMs: Number(readMs.toFixed(2)),
      hashAloneMs: Number(hashMs.toFixed(2)),
      hashShareOfRead: Number((hashMs / readMs).toFixed(3)),
      hashMegabytesPerSecond: Math.round(megabytes / (hashMs / 1000)),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
