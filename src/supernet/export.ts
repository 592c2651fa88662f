/**
 * Export of a subnet as a standalone TensorFlow.js LayersModel (`model.json` + `weights.bin`, the
 * format `tf.loadLayersModel` reads): conv (no bias) + BN + ReLU blocks with the subnet's exact
 * widths, its weights inherited from the supernet and its BN statistics (recalibrated, if given).
 *
 * Files are written to a temporary folder beside the target and renamed into place, so a crash
 * never leaves a half-written model. Without tfjs-node there is no `file://` handler, so
 * `loadLayersModelFrom` reads the two files itself; with tfjs-node,
 * `tf.loadLayersModel('file://DIR/model.json')` loads the same files.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Genome } from '../space/index.js';
import { needsProjection } from '../space/index.js';
import { BN_EPSILON } from '../nn/batch-norm.js';
import { extractSubnet } from './extract.js';
import { convPadding } from './folded.js';
import type { BnStatistics, Supernet } from './supernet.js';
import { makeDirectory } from '../files/directories.js';

/** A LayersModel computing the same function as `supernet.forward(x, genome)` in evaluation mode. */
export function subnetLayersModel(
  supernet: Supernet,
  genome: Genome,
  statistics: BnStatistics | undefined,
  inputShape: readonly [number, number, number],
): tf.LayersModel {
  const subnet = extractSubnet(supernet, genome, statistics);
  try {
    const weights = new Map(subnet.getWeights().map((w) => [w.name, tf.tensor(w.data, [...w.shape])]));
    const take = (name: string) => weights.get(name) as tf.Tensor;
    const convBn = (input: tf.SymbolicTensor, conv: string, bn: string, stride: number) => {
      const kernel = take(conv);
      const convLayer = tf.layers.conv2d({
        name: conv.replaceAll('.', '_'),
        filters: kernel.shape[3] as number,
        kernelSize: kernel.shape[0] as number,
        strides: stride,
        padding: convPadding(kernel.shape[0] as number),
        useBias: false,
        weights: [kernel],
      });
      const bnLayer = tf.layers.batchNormalization({
        name: bn.replaceAll('.', '_'),
        epsilon: BN_EPSILON,
        weights: ['gamma', 'beta', 'mean', 'variance'].map((part) => take(`${bn}.${part}`)),
      });
      return bnLayer.apply(convLayer.apply(input)) as tf.SymbolicTensor;
    };
    const relu = (x: tf.SymbolicTensor, name: string) => tf.layers.reLU({ name }).apply(x) as tf.SymbolicTensor;

    const input = tf.input({ shape: [...inputShape], name: 'image' });
    let h = relu(convBn(input, 'stem.conv', 'stem.bn', 1), 'stem_relu');
    for (const block of supernet.space.blocks) {
      const p = `block${block.index}`;
      const [from, to] = [genome[block.input] as number, genome[block.output] as number];
      const y = convBn(relu(convBn(h, `${p}.conv1`, `${p}.bn1`, block.stride), `${p}_relu1`), `${p}.conv2`, `${p}.bn2`, 1);
      const shortcut = needsProjection(supernet.config.shortcut, block.stride, from, to)
        ? convBn(h, `${p}.shortcut.conv`, `${p}.shortcut.bn`, block.stride)
        : h;
      h = relu(tf.layers.add({ name: `${p}_add` }).apply([y, shortcut]) as tf.SymbolicTensor, `${p}_relu2`);
    }
    const pooled = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(h) as tf.SymbolicTensor;
    const head = tf.layers.dense({
      name: 'head',
      units: supernet.config.classes,
      weights: [take('head.weight'), take('head.bias')],
    });
    const model = tf.model({ inputs: input, outputs: head.apply(pooled) as tf.SymbolicTensor, name: 'evo_nas_subnet' });
    for (const tensor of weights.values()) tensor.dispose();
    return model;
  } finally {
    subnet.dispose();
  }
}

/** Writes `model.json` and `weights.bin` into `dir` atomically (replacing any previous model there). */
export async function saveLayersModelTo(model: tf.LayersModel, dir: string): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('TensorFlow.js gave no weights to save');
  const weightData = tf.io.concatenateArrayBuffers([artifacts.weightData].flat());
  const manifest = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
  };
  const staging = join(dirname(dir), `.${Date.now()}-${process.pid}.partial`);
  await makeDirectory(staging, 'export directory');
  try {
    await writeFile(join(staging, 'weights.bin'), new Uint8Array(weightData));
    await writeFile(join(staging, 'model.json'), JSON.stringify(manifest));
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Loads a model written by `saveLayersModelTo` (or by tfjs's own file handler). */
export async function loadLayersModelFrom(dir: string): Promise<tf.LayersModel> {
  const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const groups = manifest.weightsManifest;
  const buffers = await Promise.all(groups.flatMap((g) => g.paths).map((path) => readFile(join(dir, path))));
  const weightData = tf.io.concatenateArrayBuffers(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs: groups.flatMap((g) => g.weights), weightData }),
  );
}
