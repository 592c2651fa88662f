/**
 * Small dataset files in the official layouts, written into temp folders for the reader, fetch
 * and CLI tests. The writers follow the published formats byte by byte and do not use the
 * readers' code, so a reader that misreads a format fails its test.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import type { Test } from 'tap';

/** A fresh temp folder, removed when the test ends. */
export async function tempDir(t: Test, label = 'evo-nas-data'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${label}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The byte the fixtures put at image i, pixel p, channel c: varied, and easy to recompute. */
export function pixel(i: number, p: number, c: number): number {
  return (i * 7 + p * 3 + c * 101) % 256;
}

/** An idx file: magic 0x0000080N, the dims big-endian, then the bytes. */
export function idxBytes(dims: readonly number[], data: ArrayLike<number>): Buffer {
  const out = Buffer.alloc(4 + 4 * dims.length + data.length);
  out.writeUInt32BE(0x0800 + dims.length, 0);
  dims.forEach((d, k) => out.writeUInt32BE(d, 4 + 4 * k));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

/** An MNIST-layout folder: `train` and `t10k` images (side x side) and labels (i % classes). */
export async function writeIdxDataset(dir: string, options: { train: number; test: number; side?: number; gzip?: boolean; classes?: number }): Promise<void> {
  const side = options.side ?? 28;
  const classes = options.classes ?? 10;
  await mkdir(dir, { recursive: true });
  for (const [prefix, count] of [['train', options.train], ['t10k', options.test]] as const) {
    const images = Array.from({ length: count * side * side }, (_, k) => pixel(Math.floor(k / (side * side)), k % (side * side), 0));
    const labels = Array.from({ length: count }, (_, i) => i % classes);
    const ext = options.gzip ? '.gz' : '';
    const pack = (b: Buffer) => (options.gzip ? gzipSync(b) : b);
    await writeFile(join(dir, `${prefix}-images-idx3-ubyte${ext}`), pack(idxBytes([count, side, side], images)));
    await writeFile(join(dir, `${prefix}-labels-idx1-ubyte${ext}`), pack(idxBytes([count], labels)));
  }
}

/** CIFAR binary records: label bytes, then the red, green and blue 32x32 planes. */
export function cifarRecords(count: number, labelsOf: (i: number) => number[], first = 0): Buffer {
  const chunks: Buffer[] = [];
  for (let i = first; i < first + count; i++) {
    const planes = Buffer.alloc(3072);
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) planes[c * 1024 + p] = pixel(i, p, c);
    chunks.push(Buffer.from(labelsOf(i)), planes);
  }
  return Buffer.concat(chunks);
}

export const CIFAR10_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** The CIFAR-10 binary layout with `perBatch` images in each of the five training batches. */
export async function writeCifar10(dir: string, perBatch: number, test: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'batches.meta.txt'), `${CIFAR10_NAMES.join('\n')}\n\n`);
  for (let b = 0; b < 5; b++) {
    await writeFile(join(dir, `data_batch_${b + 1}.bin`), cifarRecords(perBatch, (i) => [i % 10], b * perBatch));
  }
  await writeFile(join(dir, 'test_batch.bin'), cifarRecords(test, (i) => [(i + 3) % 10]));
}

/** The CIFAR-100 binary layout: coarse label i % 20, fine label i % 100. */
export async function writeCifar100(dir: string, train: number, test: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'fine_label_names.txt'), Array.from({ length: 100 }, (_, k) => `fine${k}`).join('\n'));
  await writeFile(join(dir, 'coarse_label_names.txt'), Array.from({ length: 20 }, (_, k) => `coarse${k}`).join('\n'));
  await writeFile(join(dir, 'train.bin'), cifarRecords(train, (i) => [i % 20, i % 100]));
  await writeFile(join(dir, 'test.bin'), cifarRecords(test, (i) => [(i + 1) % 20, (i + 1) % 100]));
}

/** Solid colour of class k in the Tiny-ImageNet fixtures (JPEG keeps flat colours nearly exact). */
export function classColour(k: number): [number, number, number] {
  return [40 + 60 * k, 200 - 50 * k, 100 + 20 * k];
}

/** A 64x64 JPEG of one flat colour. */
export function flatJpeg(colour: readonly number[], side = 64): Buffer {
  const data = Buffer.alloc(side * side * 4);
  for (let p = 0; p < side * side; p++) data.set([colour[0]!, colour[1]!, colour[2]!, 255], p * 4);
  return jpeg.encode({ width: side, height: side, data }, 95).data;
}

/** The Tiny-ImageNet layout with `classes` classes, `perClass` training and `valPerClass` val images each. */
export async function writeTinyImageNet(dir: string, classes: number, perClass: number, valPerClass: number): Promise<string[]> {
  const wnids = Array.from({ length: classes }, (_, k) => `n0000000${k}`);
  await mkdir(join(dir, 'val', 'images'), { recursive: true });
  await writeFile(join(dir, 'wnids.txt'), `${wnids.join('\n')}\n`);
  await writeFile(join(dir, 'words.txt'), wnids.map((w, k) => `${w}\tthing ${k}, other name`).join('\n'));
  const annotations: string[] = [];
  for (const [k, wnid] of wnids.entries()) {
    await mkdir(join(dir, 'train', wnid, 'images'), { recursive: true });
    for (let i = 0; i < perClass; i++) await writeFile(join(dir, 'train', wnid, 'images', `${wnid}_${i}.JPEG`), flatJpeg(classColour(k)));
    for (let i = 0; i < valPerClass; i++) {
      const name = `val_${k * valPerClass + i}.JPEG`;
      await writeFile(join(dir, 'val', 'images', name), flatJpeg(classColour(k)));
      annotations.push(`${name}\t${wnid}\t0\t0\t63\t63`);
    }
  }
  await writeFile(join(dir, 'val', 'val_annotations.txt'), `${annotations.join('\n')}\n`);
  return wnids;
}
