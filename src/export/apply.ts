/**
 * Carries an export plan out: the run's supernet is loaded once, each planned architecture gets
 * its weights inherited and its BN recalibrated on the evaluator's own recalibration set (so the
 * exported model has the statistics its reported accuracy was measured with), and each entry is
 * written to a staging folder and renamed into place, so no half-written entry is ever visible.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Store } from '../store/store.js';
import { saveLayersModelTo, subnetLayersModel } from '../supernet/export.js';
import { recalibrateBn } from '../supernet/recalibrate.js';
import { loadRunData, recalibrationImages } from '../supernet/run-data.js';
import { loadSupernet } from '../supernet/stored.js';
import { ENTRY_FILE, formatEntryFile } from '../zoo/entry-file.js';
import type { ExportPlan } from './plan.js';
import { makeDirectory } from '../files/directories.js';

/** Writes the plan's entries; returns the names written (kept entries are reported through `log`). */
export async function applyExport(plan: ExportPlan, store: Store, log: (line: string) => void): Promise<string[]> {
  const stored = loadSupernet(store, plan.supernetVersion);
  if (!stored) throw new Error(`${store.runDir} lost supernet v${plan.supernetVersion} while exporting`);
  const { supernet, progress } = stored;
  const written: string[] = [];
  let recalibration: tf.Tensor4D[] = [];
  try {
    const data = await loadRunData(progress.settings);
    recalibration = recalibrationImages(data, plan.recalibration.seed, plan.recalibration.batches, plan.recalibration.batchSize);
    await makeDirectory(plan.target, 'export directory');
    for (const { individual, entry, dir, keep } of plan.entries) {
      if (keep) {
        log(`skipped ${entry.name}: it exists (use --force to replace it)`);
        continue;
      }
      const staging = join(plan.target, `.${entry.name}.partial`);
      await rm(staging, { recursive: true, force: true });
      await makeDirectory(staging, 'export directory');
      try {
        const statistics = recalibrateBn(supernet, individual.genome, recalibration);
        const model = subnetLayersModel(supernet, individual.genome, statistics, [...entry.inputShape]);
        try {
          await saveLayersModelTo(model, join(staging, 'model'));
        } finally {
          model.dispose();
        }
        await writeFile(join(staging, ENTRY_FILE), formatEntryFile(entry));
      } catch (error) {
        // A failed entry (a full disk) leaves no staging folder behind until the next export.
        await rm(staging, { recursive: true, force: true }).catch(() => undefined);
        throw error;
      }
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
      written.push(entry.name);
      log(`exported ${entry.name}  ${(individual.metrics.accuracy * 100).toFixed(2)}%  ${individual.metrics.params} params`);
    }
  } finally {
    tf.dispose(recalibration);
    supernet.dispose();
  }
  return written;
}
