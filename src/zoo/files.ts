/**
 * Saving a zoo model to a directory (model.json + weights.bin, TensorFlow.js's layers-model
 * format) and loading it back, without tfjs-node's file:// handler. Saving writes a sibling
 * temporary directory and renames it into place, so a crash never leaves a half-written model.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';
import { ZooError } from '../errors/errors.js';
import './layers/index.js';
import { makeDirectory } from '../files/directories.js';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/** Writes `model` to `dir` (created or replaced as a whole). */
export async function saveModelDir(model: tf.LayersModel, dir: string): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error(`${model.name}: TensorFlow.js produced no weights to save`);
  const manifest = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
  };
  const temporary = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  const previous = `${temporary}-old`;
  await makeDirectory(temporary, 'model directory');
  try {
    await writeFile(join(temporary, WEIGHTS_BIN), new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)));
    await writeFile(join(temporary, MODEL_JSON), JSON.stringify(manifest));
    // Move any existing model aside first: rename cannot replace a non-empty directory.
    const hadPrevious = await rename(dir, previous).then(() => true, () => false);
    await rename(temporary, dir);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/** Loads a model written by {@link saveModelDir}. */
export async function loadModelDir(dir: string): Promise<tf.LayersModel> {
  let manifest: { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  try {
    manifest = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8'));
  } catch (error) {
    throw new ZooError(`cannot read a saved model in ${dir}: ${(error as Error).message}`);
  }
  const group = manifest.weightsManifest[0];
  if (!group || group.paths.length !== 1) throw new ZooError(`${join(dir, MODEL_JSON)}: expected one weights file`);
  const bytes = await readFile(join(dir, group.paths[0]!));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs: group.weights, weightData }));
}
