/**
 * `evo-nas doctor`: what this machine offers for training. Which TensorFlow.js backends load
 * (and why the others do not), which one a run would choose, its threads and SIMD, and the
 * versions of everything involved.
 */
import { availableParallelism, cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '../../nn/quiet.js';
import { BACKEND_PACKAGES, BACKENDS, packageVersion } from '../../nn/backend-probes.js';
import { initBackend, usableReason, type BackendChoice, type BackendInfo } from '../../nn/backend.js';
import { WASM_GRADIENT_KERNELS } from '../../nn/gradients/register.js';
import { kernelChoice, relaxedSimdSupported, type KernelChoice } from '../../nn/wasm/module.js';
import { formatTable } from '../table.js';

export interface DoctorOptions {
  readonly backend?: BackendChoice;
  readonly json?: boolean;
}

export interface DoctorReport {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly backends: { readonly backend: string; readonly package: string; readonly available: boolean; readonly reason: string }[];
  readonly chosen: BackendInfo & { readonly wasmBinary?: string; readonly trainable: boolean; readonly kernels?: KernelChoice & { readonly relaxedSimdSupported: boolean } };
  readonly versions: Record<string, string>;
}

export async function doctorReport(options: DoctorOptions): Promise<DoctorReport> {
  // Probe every backend first (loading a package is what tells), then activate the choice.
  const backends = [];
  for (const backend of BACKENDS) {
    const { ok, reason } = await usableReason(backend);
    backends.push({ backend, package: BACKEND_PACKAGES[backend].package, available: ok, reason });
  }
  const info = await initBackend(options.backend);
  const wasmBinary = info.backend === 'wasm' ? (info.simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm') : undefined;
  const trainable = info.backend !== 'wasm' || WASM_GRADIENT_KERNELS.every((name) => tf.getKernel(name, 'wasm') !== undefined);
  const kernels = info.backend === 'wasm' ? { ...kernelChoice(), relaxedSimdSupported: relaxedSimdSupported() } : undefined;
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    backends,
    chosen: { ...info, ...(wasmBinary ? { wasmBinary } : {}), trainable, ...(kernels ? { kernels } : {}) },
    versions: versions(),
  };
}

/** Versions of the TensorFlow.js packages, installed or not. */
function versions(): Record<string, string> {
  const names = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
  return Object.fromEntries(names.map((name) => [name, packageVersion(name) ?? 'not installed']));
}

export async function doctor(options: DoctorOptions): Promise<string> {
  const report = await doctorReport(options);
  if (options.json) return JSON.stringify(report);
  const { chosen } = report;
  const details = [
    `${chosen.threads} thread${chosen.threads === 1 ? '' : 's'}`,
    ...(chosen.wasmBinary ? [`SIMD ${chosen.simd ? 'yes' : 'no'} (${chosen.wasmBinary})`] : []),
    chosen.trainable ? 'trainable' : 'NOT trainable (gradient kernels missing)',
  ];
  const kernels = chosen.kernels ? [`kernels  evo-nas wasm kernels: ${chosen.kernels.variant === 'simd' ? 'SIMD128' : 'relaxed SIMD (fused multiply-add)'} (${chosen.kernels.reason})`] : [];
  return [
    `node     ${report.node} (${report.platform}), ${report.cpus} CPUs: ${report.cpuModel}`,
    `chosen   ${chosen.backend} (asked: ${chosen.requested}), ${details.join(', ')}`,
    ...kernels,
    '',
    formatTable(['backend', 'available', 'why'], report.backends.map((b) => [b.backend, b.available ? 'yes' : 'no', b.reason])),
    '',
    formatTable(['package', 'version'], Object.entries(report.versions)),
  ].join('\n');
}
