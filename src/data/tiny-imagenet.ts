/**
 * Tiny-ImageNet-200 (the Stanford CS231n subset of ImageNet): 200 classes of 64x64 colour JPEGs,
 * as unpacked from `tiny-imagenet-200.zip` into `tiny-imagenet-200/`:
 *
 *   wnids.txt                       the 200 class ids (WordNet ids), in label order
 *   words.txt                       WordNet id -> names (optional; ids are used without it)
 *   train/<wnid>/images/*.JPEG      500 training images per class
 *   val/images/*.JPEG               10,000 images, labelled by
 *   val/val_annotations.txt         "<file>\t<wnid>\t<box>" per line
 *
 * The official test images have no labels, so evo-nas uses `val` as the test split (as is usual)
 * and carves its validation split from `train`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors/errors.js';
import { makeDataset, type Dataset, type ImageSet, type ReadProgress } from './dataset.js';
import { exists, findFile, readLines } from './files.js';
import { decodeJpegInto } from './jpeg.js';

export const TINY_IMAGENET_SIDE = 64;

/** Reads Tiny-ImageNet from the `tiny-imagenet-200` folder. Decoding ~110,000 JPEGs takes about a minute. */
export async function readTinyImageNet(dir: string, onProgress?: ReadProgress): Promise<Dataset> {
  const wnidsFile = await findFile(dir, ['wnids.txt'], 'the Tiny-ImageNet class list (one WordNet id per line)');
  const wnids = await readLines(wnidsFile);
  if (wnids.length === 0) throw new DataError(`${wnidsFile} is empty; expected one WordNet id per line`);
  const labelOf = new Map(wnids.map((wnid, label) => [wnid, label]));
  const classNames = await readClassNames(dir, wnids);
  const trainList = await listTraining(dir, wnids);
  const annotations = await findFile(join(dir, 'val'), ['val_annotations.txt'], 'the Tiny-ImageNet validation labels');
  const valList = await listValidation(annotations, labelOf);
  const train = await decodeAll(trainList, (done, total) => onProgress?.(done, total, 'train'));
  const test = await decodeAll(valList, (done, total) => onProgress?.(done, total, 'val'));
  return makeDataset({ name: 'tiny-imagenet', classNames, train, test, files: [wnidsFile, join(dir, 'train'), annotations, join(dir, 'val', 'images')] });
}

interface Labelled {
  readonly file: string;
  readonly label: number;
}

async function readClassNames(dir: string, wnids: readonly string[]): Promise<string[]> {
  const wordsFile = join(dir, 'words.txt');
  if (!(await exists(wordsFile))) return [...wnids];
  const words = new Map((await readLines(wordsFile)).map((line) => line.split('\t') as [string, string]));
  return wnids.map((wnid) => words.get(wnid) ?? wnid);
}

async function listTraining(dir: string, wnids: readonly string[]): Promise<Labelled[]> {
  const list: Labelled[] = [];
  for (const [label, wnid] of wnids.entries()) {
    const folder = join(dir, 'train', wnid, 'images');
    const names = await readdir(folder).catch(() => {
      throw new DataError(`missing folder ${folder}; expected the JPEG training images of class ${wnid} (listed in wnids.txt)`);
    });
    const jpegs = names.filter((name) => /\.jpe?g$/i.test(name)).sort();
    if (jpegs.length === 0) throw new DataError(`${folder} holds no .JPEG files; expected the training images of class ${wnid}`);
    for (const name of jpegs) list.push({ file: join(folder, name), label });
  }
  return list;
}

async function listValidation(annotations: string, labelOf: ReadonlyMap<string, number>): Promise<Labelled[]> {
  const imagesDir = join(annotations, '..', 'images');
  return (await readLines(annotations)).map((line, index) => {
    const [name, wnid] = line.split('\t');
    const label = wnid === undefined ? undefined : labelOf.get(wnid);
    if (name === undefined || label === undefined) {
      throw new DataError(`${annotations} line ${index + 1} ("${line}") does not name an image and a class from wnids.txt; expected "<file>\\t<wnid>\\t..."`);
    }
    return { file: join(imagesDir, name), label };
  });
}

/** Reads and decodes the listed JPEGs, a few reads in flight while the last ones decode. */
async function decodeAll(list: readonly Labelled[], onProgress: (done: number, total: number) => void): Promise<ImageSet> {
  const side = TINY_IMAGENET_SIDE;
  const size = side * side * 3;
  const images = new Uint8Array(list.length * size);
  const labels = Uint16Array.from(list, (item) => item.label);
  const chunk = 64;
  for (let start = 0; start < list.length; start += chunk) {
    const items = list.slice(start, start + chunk);
    const bytes = await Promise.all(items.map((item) => readFile(item.file).catch(() => {
      throw new DataError(`cannot read ${item.file}; expected a ${side}x${side} JPEG image`);
    })));
    bytes.forEach((data, k) => decodeJpegInto(data, images.subarray((start + k) * size, (start + k + 1) * size), side, side, (items[k] as Labelled).file));
    onProgress(Math.min(start + chunk, list.length), list.length);
  }
  return { images, labels, count: list.length, height: side, width: side, channels: 3 };
}
