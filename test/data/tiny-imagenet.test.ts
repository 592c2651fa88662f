import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { readTinyImageNet } from '../../src/data/tiny-imagenet.js';
import { classColour, flatJpeg, tempDir, writeTinyImageNet } from '../helpers/datasets.js';

const grayJpeg = fileURLToPath(new URL('../../../test/fixtures/data/gray-64x64.jpg', import.meta.url));

t.test('the folder layout reads as 64x64x3 images: train by class folder, val by annotation', async (t) => {
  const dir = await tempDir(t);
  const wnids = await writeTinyImageNet(dir, 3, 2, 2);
  const progress: string[] = [];
  const data = await readTinyImageNet(dir, (done, total, what) => progress.push(`${what} ${done}/${total}`));
  t.match(data, { height: 64, width: 64, channels: 3 });
  t.same(data.classNames, ['thing 0, other name', 'thing 1, other name', 'thing 2, other name']);
  t.equal(data.train.count, 6);
  t.equal(data.test.count, 6);
  t.same(Array.from(data.train.labels), [0, 0, 1, 1, 2, 2]);
  t.same(Array.from(data.test.labels), [0, 0, 1, 1, 2, 2]);
  // Flat colours survive JPEG within a couple of levels; check the centre pixel of each image.
  for (let i = 0; i < 6; i++) {
    const at = i * 64 * 64 * 3 + (32 * 64 + 32) * 3;
    const colour = classColour(data.train.labels[i]!);
    for (let c = 0; c < 3; c++) t.ok(Math.abs(data.train.images[at + c]! - colour[c]!) <= 3, `image ${i} channel ${c}`);
  }
  t.same(progress, ['train 6/6', 'val 6/6']);
  t.equal(wnids.length, 3);
});

t.test('a grayscale JPEG is expanded to three equal channels', async (t) => {
  const dir = await tempDir(t);
  const [first] = await writeTinyImageNet(dir, 2, 1, 1);
  await copyFile(grayJpeg, join(dir, 'train', first!, 'images', `${first}_0.JPEG`));
  const data = await readTinyImageNet(dir);
  const row = 10 * 64 * 3;
  for (const x of [0, 17, 63]) {
    const [r, g, b] = data.train.images.subarray(row + x * 3, row + x * 3 + 3);
    t.ok(r === g && g === b, `pixel ${x}: ${r}, ${g}, ${b} are equal`);
    t.ok(Math.abs(r! - 4 * x) <= 2, `pixel ${x} is ${r}, the gradient says ${4 * x}`);
  }
});

t.test('corrupt or misplaced files are errors naming the file', async (t) => {
  const dir = await tempDir(t);
  const [first, second] = await writeTinyImageNet(dir, 2, 2, 1);
  const image = join(dir, 'train', first!, 'images', `${first}_1.JPEG`);
  const good = await readFile(image);
  await writeFile(image, good.subarray(0, good.length >> 1));
  await t.rejects(readTinyImageNet(dir), { name: 'DataError', message: new RegExp(`^${image} is not a readable JPEG \\(.*\\); expected a 64x64 JPEG image$`) });
  await writeFile(image, Buffer.from('not a jpeg at all'));
  await t.rejects(readTinyImageNet(dir), { message: new RegExp(`^${image} is not a readable JPEG`) });
  await writeFile(image, flatJpeg([1, 2, 3], 32));
  await t.rejects(readTinyImageNet(dir), { message: `${image} is 32x32; expected 64x64` });
  await writeFile(image, good);

  await rm(join(dir, 'val', 'images', 'val_1.JPEG'));
  await t.rejects(readTinyImageNet(dir), { message: new RegExp(`^cannot read ${join(dir, 'val', 'images', 'val_1.JPEG')}; expected a 64x64 JPEG image`) });
  await writeFile(join(dir, 'val', 'val_annotations.txt'), 'val_0.JPEG\tn99999999\t0\t0\t1\t1\n');
  await t.rejects(readTinyImageNet(dir), { message: /val_annotations\.txt line 1 \("val_0\.JPEG\tn99999999.*"\) does not name an image and a class from wnids\.txt/ });

  await rm(join(dir, 'train', second!), { recursive: true });
  await t.rejects(readTinyImageNet(dir), { message: `missing folder ${join(dir, 'train', second!, 'images')}; expected the JPEG training images of class ${second} (listed in wnids.txt)` });
  await rm(join(dir, 'wnids.txt'));
  await t.rejects(readTinyImageNet(dir), { message: /^missing the Tiny-ImageNet class list/ });
});
