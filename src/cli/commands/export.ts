/**
 * `evo-nas export RUN_DIR`: writes the architectures a search found as model-zoo entries, one
 * folder each: `entry.json` (name, space, genome, metrics, provenance) and `model/` (the subnet
 * with its weights inherited from the run's supernet and BN recalibrated on training images, as a
 * TensorFlow.js LayersModel that tf.loadLayersModel loads). Each entry is written to a staging
 * folder and renamed into place; an existing entry is kept unless --force.
 */
import { initBackend, type BackendChoice } from '../../nn/backend.js';
import { applyExport } from '../../export/apply.js';
import { planExport, type ExportSelection } from '../../export/plan.js';
import { Store } from '../../store/store.js';

export interface ExportOptions extends ExportSelection {
  readonly to: string;
  readonly backend?: BackendChoice;
}

export async function exportRun(runDir: string, options: ExportOptions, log: (line: string) => void): Promise<string> {
  const store = Store.open(runDir, { readOnly: true });
  try {
    const plan = planExport(store, options);
    await initBackend(options.backend);
    const written = await applyExport(plan, store, log);
    return `${written.length} entr${written.length === 1 ? 'y' : 'ies'} written to ${plan.target}`;
  } finally {
    store.close();
  }
}
