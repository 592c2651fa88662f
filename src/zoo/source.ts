/**
 * What `--model NAME_OR_ENTRY` names: a zoo architecture by its registry name, or a folder that
 * `evo-nas export` wrote (entry.json + model/). Both come back as an {@link Architecture}, so
 * everything downstream (building, counting, training, saving) treats them alike; an entry also
 * carries its inherited weights, which `loadEntryModel` loads.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { InputError, ZooError } from '../errors/errors.js';
import { getSpace, parseGenome, type ResNetSpace } from '../space/index.js';
import { loadLayersModelFrom } from '../supernet/export.js';
import type { Architecture } from './architecture.js';
import { isZooEntryDir, readZooEntry, type ZooEntry } from './entries.js';
import { genomeArchitecture } from './genome-architecture.js';
import { getArchitecture, ZOO } from './registry.js';

export type ModelSource =
  | { readonly kind: 'architecture'; readonly architecture: Architecture }
  | { readonly kind: 'entry'; readonly architecture: Architecture; readonly entry: ZooEntry };

/**
 * Resolves a registry name or an entry folder. A registry name wins over a same-named folder in
 * the working directory; write `./name` to mean the folder.
 */
export function resolveModel(nameOrEntry: string): ModelSource {
  const explicitPath = /[\\/]/.test(nameOrEntry) || nameOrEntry.startsWith('.');
  if (!explicitPath && ZOO.has(nameOrEntry)) return { kind: 'architecture', architecture: getArchitecture(nameOrEntry) };
  const dir = resolve(nameOrEntry);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    if (!isZooEntryDir(dir)) {
      throw new InputError(`${dir} is not a zoo entry: it has no entry.json (evo-nas export writes entries as folders holding entry.json and model/)`);
    }
    const entry = readZooEntry(dir);
    return { kind: 'entry', entry, architecture: entryArchitecture(entry) };
  }
  if (explicitPath) throw new InputError(`no zoo entry folder ${dir} (evo-nas export --to DIR writes them; evo-nas zoo list --entries DIR lists them)`);
  return { kind: 'architecture', architecture: getArchitecture(nameOrEntry) };
}

/** The architecture an exported entry's genome describes. */
export function entryArchitecture(entry: ZooEntry): Architecture {
  let space: ResNetSpace;
  try {
    space = getSpace(entry.space);
  } catch (error) {
    throw new ZooError(`${entry.dir}: ${(error as Error).message}`);
  }
  return genomeArchitecture(entry.name, space, parseGenome(entry.genome, space), entry.shortcut);
}

/** The entry's exported model: its architecture with the weights it inherited from the supernet. */
export async function loadEntryModel(entry: ZooEntry): Promise<tf.LayersModel> {
  const dir = join(entry.dir, 'model');
  if (!existsSync(join(dir, 'model.json'))) throw new ZooError(`${entry.dir} has no exported weights (model/model.json is missing)`);
  return loadLayersModelFrom(dir);
}
