/**
 * `evo-nas export RUN_DIR`: writes the architectures a search found as model-zoo entries, one
 * folder each: `entry.json` (name, space, genome, metrics, provenance) and `model/` (the subnet
 * with its weights inherited from the run's supernet and BN recalibrated on training images, as a
 * TensorFlow.js LayersModel that tf.loadLayersModel loads). Each entry is written to a staging
 * folder and renamed into place; an existing entry is kept unless --force.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../errors/errors.js';
import { initBackend, type BackendChoice } from '../../nn/backend.js';
import type { RunConfig } from '../../run/config.js';
import { readRunFront } from '../../run/front.js';
import { loadRunData, recalibrationImages } from '../../nas/run-data.js';
import { supernetProgress } from '../../nas/supernet-phase.js';
import { formatGenome, getSpace } from '../../space/index.js';
import type { EvaluatedIndividual } from '../../store/schema.js';
import { Store } from '../../store/store.js';
import { saveLayersModelTo, subnetLayersModel } from '../../supernet/export.js';
import { recalibrateBn } from '../../supernet/recalibrate.js';
import { Supernet } from '../../supernet/supernet.js';
import { EVO_NAS_VERSION } from '../../version.js';
import { lastComponentSlug } from '../folder-name.js';

export interface ExportOptions {
  readonly pareto?: boolean;
  readonly top?: number;
  readonly maxParams?: number;
  readonly to: string;
  readonly force?: boolean;
  readonly backend?: BackendChoice;
}

/** An entry's folder name: lower-case letters, digits and dashes only, so it cannot escape `--to`. */
export function entryName(runDir: string, individual: EvaluatedIndividual): string {
  return `${lastComponentSlug(runDir, 'run')}-${individual.hash}`;
}

/** Which architectures to export: the front, or the K most accurate, within the budget. */
export function selectEntries(front: readonly EvaluatedIndividual[], options: Pick<ExportOptions, 'pareto' | 'top' | 'maxParams'>) {
  const affordable = front.filter((i) => options.maxParams === undefined || i.metrics.params <= options.maxParams);
  const byAccuracy = [...affordable].sort((a, b) => b.metrics.accuracy - a.metrics.accuracy || a.metrics.params - b.metrics.params);
  return options.top === undefined ? byAccuracy : byAccuracy.slice(0, options.top);
}

export async function exportRun(runDir: string, options: ExportOptions, log: (line: string) => void): Promise<string> {
  if ((options.pareto ? 1 : 0) + (options.top === undefined ? 0 : 1) !== 1) {
    throw new InputError('export needs exactly one of --pareto (every architecture of the front) or --top K');
  }
  const store = Store.open(runDir, { readOnly: true });
  try {
    const result = readRunFront(store);
    if (!result || result.generation < 0) throw new InputError(`${runDir} holds no committed generation to export yet`);
    const config = result.config as RunConfig;
    const record = store.getSupernet(result.supernetVersion);
    const progress = supernetProgress(record);
    if (!record || !progress) {
      throw new InputError(`${runDir} was searched with ${config.evaluator ?? 'a table'}: it has no supernet to take weights from`);
    }
    const chosen = selectEntries(result.front, options);
    if (chosen.length === 0) throw new InputError(`no architecture of the front fits --max-params ${options.maxParams}`);
    await initBackend(options.backend);
    const space = getSpace(progress.settings.space);
    const supernet = Supernet.fromWeights(
      space,
      { classes: progress.classes, inputChannels: progress.inputChannels, shortcut: progress.settings.shortcut },
      store.getWeights(record.weights),
    );
    const data = await loadRunData(progress.settings);
    // The evaluator's own recalibration set (same seed, batches and batch size as the run's spec).
    const recalibration = recalibrationImages(data, config.seed, config.recalibrationBatches ?? 2, config.batchSize ?? progress.settings.batchSize);
    const target = resolve(options.to);
    await mkdir(target, { recursive: true });
    const written: string[] = [];
    try {
      for (const individual of chosen) {
        const name = entryName(runDir, individual);
        const dir = join(target, name);
        if (existsSync(dir) && !options.force) {
          log(`skipped ${name}: it exists (use --force to replace it)`);
          continue;
        }
        const staging = join(target, `.${name}.partial`);
        await rm(staging, { recursive: true, force: true });
        await mkdir(staging, { recursive: true });
        const statistics = recalibrateBn(supernet, individual.genome, recalibration);
        const model = subnetLayersModel(supernet, individual.genome, statistics, [progress.inputSize[0], progress.inputSize[1], progress.inputChannels]);
        await saveLayersModelTo(model, join(staging, 'model'));
        model.dispose();
        const entry = {
          name,
          kind: 'evo-nas-search',
          space: space.name,
          genome: formatGenome(individual.genome),
          shortcut: progress.settings.shortcut,
          classes: progress.classes,
          inputShape: [progress.inputSize[0], progress.inputSize[1], progress.inputChannels],
          metrics: individual.metrics,
          provenance: {
            run: resolve(runDir),
            generation: result.generation,
            supernetVersion: record.version,
            dataset: progress.settings.dataset,
            seed: config.seed,
            exportedAt: new Date().toISOString(),
            evoNasVersion: EVO_NAS_VERSION,
          },
        };
        await writeFile(join(staging, 'entry.json'), `${JSON.stringify(entry, null, 2)}\n`);
        await rm(dir, { recursive: true, force: true });
        await rename(staging, dir);
        written.push(name);
        log(`exported ${name}  ${(individual.metrics.accuracy * 100).toFixed(2)}%  ${individual.metrics.params} params`);
      }
    } finally {
      tf.dispose(recalibration);
      supernet.dispose();
    }
    return `${written.length} entr${written.length === 1 ? 'y' : 'ies'} written to ${target}`;
  } finally {
    store.close();
  }
}
