import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { readCifar10 } from '../../src/data/cifar10.js';
import { readCifar100 } from '../../src/data/cifar100.js';
import { CIFAR10_NAMES, cifarRecords, pixel, tempDir, writeCifar10, writeCifar100 } from '../helpers/datasets.js';

t.test('CIFAR-10 records: channel planes become NHWC, batches concatenate in order', async (t) => {
  const dir = await tempDir(t);
  await writeCifar10(dir, 4, 3);
  const data = await readCifar10(dir);
  t.match(data, { name: 'cifar10', height: 32, width: 32, channels: 3, classNames: CIFAR10_NAMES });
  t.equal(data.train.count, 20);
  t.equal(data.test.count, 3);
  // Image 13 (batch 4, record 1), pixel (row 5, column 9), every channel.
  const p = 5 * 32 + 9;
  for (let c = 0; c < 3; c++) t.equal(data.train.images[13 * 3072 + p * 3 + c], pixel(13, p, c), `channel ${c}`);
  t.same(Array.from(data.train.labels), Array.from({ length: 20 }, (_, i) => i % 10));
  t.same(Array.from(data.test.labels), [3, 4, 5]);
  t.equal(data.files.length, 7);
});

t.test('CIFAR-100 records carry a coarse then a fine label', async (t) => {
  const dir = await tempDir(t);
  await writeCifar100(dir, 25, 5);
  const data = await readCifar100(dir);
  t.equal(data.classNames.length, 100);
  t.equal(data.classNames[42], 'fine42');
  t.equal(data.coarse?.classNames[7], 'coarse7');
  t.same(Array.from(data.train.labels.slice(20, 25)), [20, 21, 22, 23, 24]);
  t.same(Array.from(data.coarse!.train.slice(20, 25)), [0, 1, 2, 3, 4]);
  t.same(Array.from(data.test.labels), [1, 2, 3, 4, 5]);
  t.equal(data.train.images[24 * 3072 + 1023 * 3 + 2], pixel(24, 1023, 2));
});

t.test('truncated, mislabelled or incomplete CIFAR files are errors naming the file', async (t) => {
  const dir = await tempDir(t);
  await writeCifar10(dir, 2, 2);
  const batch = join(dir, 'data_batch_3.bin');
  const good = await readFile(batch);
  await writeFile(batch, good.subarray(0, good.length - 1000));
  await t.rejects(readCifar10(dir), {
    name: 'DataError',
    message: `${batch} has ${good.length - 1000} bytes, not a whole number of 3073-byte records (1 label byte + 32x32x3 image); the file is truncated or not a CIFAR binary file`,
  });
  await writeFile(batch, cifarRecords(2, () => [10]));
  await t.rejects(readCifar10(dir), { message: `${batch}: label 10 at record 0 is out of range; expected 0 to 9` });
  await writeFile(batch, good);
  await rm(join(dir, 'data_batch_5.bin'));
  await t.rejects(readCifar10(dir), { message: /^missing a CIFAR-10 training batch: none of .*data_batch_5\.bin exists/ });
  await writeCifar10(dir, 2, 2);
  await writeFile(join(dir, 'batches.meta.txt'), 'cat\ndog\n');
  await t.rejects(readCifar10(dir), { message: /batches\.meta\.txt lists 2 class names; expected 10/ });

  const hundred = await tempDir(t);
  await writeCifar100(hundred, 3, 3);
  // A CIFAR-10 file where CIFAR-100's 3074-byte records are expected.
  await writeFile(join(hundred, 'test.bin'), cifarRecords(2, () => [1]));
  await t.rejects(readCifar100(hundred), { message: /test\.bin has 6146 bytes, not a whole number of 3074-byte records \(2 label bytes/ });
  await rm(join(hundred, 'fine_label_names.txt'));
  await t.rejects(readCifar100(hundred), { message: /^missing CIFAR-100 fine class names/ });
});
