/**
 * A search entry as `evo-nas export` writes it (entry.json + model/), made without running a
 * search: a seeded supernet's subnet for a genome, its weights inherited as export does.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { Rng } from '../../src/random/rng.js';
import { formatGenome, genomeCost, type Genome, type ResNetSpace, type Shortcut } from '../../src/space/index.js';
import { saveLayersModelTo, subnetLayersModel } from '../../src/supernet/export.js';
import { recalibrateBn } from '../../src/supernet/recalibrate.js';
import { Supernet } from '../../src/supernet/supernet.js';

export interface EntryFixture {
  readonly space: ResNetSpace;
  readonly genome: Genome;
  readonly shortcut: Shortcut;
  readonly classes: number;
  readonly inputShape: readonly [number, number, number];
  /** Images to recalibrate BN on, as export does (default: none, the initial statistics). */
  readonly recalibration?: readonly tf.Tensor4D[];
}

/** Writes the entry into `dir` (created) and returns the folder. */
export async function writeSearchEntry(dir: string, fixture: EntryFixture, name = 'searched-entry'): Promise<string> {
  const { space, genome, shortcut, classes, inputShape } = fixture;
  const supernet = Supernet.create(space, { classes, inputChannels: inputShape[2], shortcut }, Rng.fromSeed(3));
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  const statistics = fixture.recalibration ? recalibrateBn(supernet, genome, fixture.recalibration) : undefined;
  const model = subnetLayersModel(supernet, genome, statistics, inputShape);
  try {
    await saveLayersModelTo(model, join(folder, 'model'));
  } finally {
    model.dispose();
    supernet.dispose();
  }
  const cost = genomeCost(genome, space, { classes, inputChannels: inputShape[2], inputSize: inputShape[0], shortcut });
  const entry = {
    name,
    kind: 'evo-nas-search',
    space: space.name,
    genome: formatGenome(genome),
    shortcut,
    classes,
    inputShape,
    metrics: { accuracy: 0.5, loss: 1, params: cost.params, macs: cost.macs },
    provenance: { run: '/runs/fixture', generation: 0, supernetVersion: 1, dataset: 'fashion-mnist-mini', seed: 0, exportedAt: '2026-11-28T00:00:00Z' },
  };
  await writeFile(join(folder, 'entry.json'), `${JSON.stringify(entry, null, 2)}\n`);
  return folder;
}
