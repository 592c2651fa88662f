/**
 * `evo-nas augment preview`: draws what an augmentation pipeline does to synthetic images into a
 * PNG contact sheet, so a person can look before training with it.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { addAugmentOptions, augmentConfigFromOptions, buildAugmentation, describeAugmentation, type AugmentOptions } from '../../augment/index.js';
import { previewSheet } from '../../augment/preview.js';
import { InputError } from '../../errors/errors.js';
import { Rng } from '../../random/rng.js';
import { addSettings } from '../../settings/commander.js';
import { SEED } from '../../settings/common.js';
import { imageSize, wholeNumber } from '../options.js';
import { encodePng } from '../png.js';

export interface AugmentPreviewOptions extends AugmentOptions {
  readonly out: string;
  readonly images: number;
  readonly versions: number;
  readonly size: number | readonly [number, number];
  readonly channels: number;
  readonly scale: number;
  readonly seed: number;
  readonly json?: boolean;
}

export async function augmentPreview(options: AugmentPreviewOptions): Promise<string> {
  const [height, width] = typeof options.size === 'number' ? [options.size, options.size] : options.size;
  const shape = { height, width, channels: options.channels };
  const config = augmentConfigFromOptions(options, { cropFlip: true }, shape);
  const layout = { images: options.images, versions: options.versions, scale: options.scale, shape };
  const sheet = previewSheet(buildAugmentation(config, shape), layout, Rng.fromSeed(options.seed).fork('augment-preview'));
  await writeAtomically(options.out, encodePng(sheet.pixels, sheet.width, sheet.height, sheet.channels));
  const description = describeAugmentation(config);
  if (options.json) {
    return JSON.stringify({ out: options.out, config, description, images: options.images, versions: options.versions, image: shape, sheet: { height: sheet.height, width: sheet.width } });
  }
  return [
    `wrote ${options.out} (${sheet.width}x${sheet.height} pixels)`,
    `rows: ${options.images} synthetic ${height}x${width}x${options.channels} images; columns: the original, then ${options.versions} augmented versions`,
    `pipeline: ${description}`,
  ].join('\n');
}

/** Writes `data` to a temporary file beside `path`, then renames it, so `path` is never half-written. */
async function writeAtomically(path: string, data: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EISDIR') {
      throw new InputError(`--out ${path}: cannot write there (${code}); give a file path in an existing, writable folder`);
    }
    throw error;
  }
}

function greyOrColour(value: string): number {
  if (value.trim() !== '1' && value.trim() !== '3') throw new InvalidArgumentError(`must be 1 or 3 (got "${value}")`);
  return Number(value);
}

export function registerAugmentCommands(program: Command, print: (text: string) => void): void {
  const augment = program.command('augment').description('look at what the data augmentations do');
  const preview = addAugmentOptions(
    augment
      .command('preview')
      .description('draw synthetic images and augmented versions of them into a PNG contact sheet')
      .requiredOption('--out <file>', 'the PNG file to write')
      .option('--images <count>', 'rows: how many synthetic images', wholeNumber(1, 64), 8)
      .option('--versions <count>', 'columns after the original: augmented versions of each image', wholeNumber(1, 32), 6)
      .option('--size <side>', 'image side, or height x width like 32x48', imageSize, 32)
      .option('--channels <count>', 'image channels: 1 (grey) or 3 (colour)', greyOrColour, 3)
      .option('--scale <factor>', 'each image pixel becomes factor x factor sheet pixels', wholeNumber(1, 16), 4)
      .addOption(new Option('--json', 'print JSON instead of text')),
  );
  addSettings(preview, [SEED])
    .action(async (options: AugmentPreviewOptions) => print(await augmentPreview(options)))
    .addHelpText('after', '\nExample:\n  evo-nas augment preview --out preview.png --autoaugment --cutout 16');
}
