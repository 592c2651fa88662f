/**
 * The C kernels of src/nn/wasm/c, compiled to one module and instantiated inside a TensorFlow.js
 * wasm backend. The module imports the backend's own WebAssembly memory, so a kernel works on
 * tensors in place: a tensor is passed as the byte offset the backend keeps for its data, and
 * outputs are allocated by the backend (`makeOutput`) like any other kernel's.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs';
import { InputError } from '../../errors/errors.js';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-wasm.js';

/** The WebAssembly API, typed locally: the project's TypeScript lib (ES2022, node) omits it. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Which build of the kernels runs: plain SIMD128, or relaxed SIMD (multiply-adds fused where the CPU can). */
export type KernelVariant = 'simd' | 'relaxed-simd';
export const KERNEL_VARIANTS: readonly KernelVariant[] = ['simd', 'relaxed-simd'];

export interface KernelChoice {
  readonly variant: KernelVariant;
  /** Why: what was asked, and whether this runtime accepts relaxed SIMD. */
  readonly reason: string;
}

/** Whether this runtime compiles relaxed SIMD: Node 22 does by default, Node 20 with --experimental-wasm-relaxed-simd. */
export function relaxedSimdSupported(): boolean {
  return webAssembly.validate(Buffer.from(KERNELS_RELAXED_WASM_BASE64, 'base64'));
}

/**
 * The kernel build this process uses, fixed at start-up by `$EVO_NAS_WASM_KERNELS`: `simd` (the
 * default), `relaxed-simd`, or `auto` (relaxed SIMD where the runtime accepts it). Plain SIMD is
 * the default because fused multiply-adds measured no faster here (a ResNet20 step within ±3% on
 * an AMD EPYC with FMA3: the kernels wait on memory, not on arithmetic) while they round once
 * instead of twice: results about 1e-7 apart, so a run's bits would depend on the Node version.
 * The variant is part of a run's bits, like the backend; evo-nas doctor reports it.
 */
export function chooseKernelVariant(asked = process.env.EVO_NAS_WASM_KERNELS ?? 'simd'): KernelChoice {
  const supported = relaxedSimdSupported();
  const support = supported ? 'this Node accepts relaxed SIMD' : 'this Node does not accept relaxed SIMD: Node 22 does, Node 20 with --experimental-wasm-relaxed-simd';
  if (asked === 'auto') return { variant: supported ? 'relaxed-simd' : 'simd', reason: `auto: ${support}` };
  if (asked === 'simd') return { variant: 'simd', reason: `the default; ${support}` };
  if (asked === 'relaxed-simd') {
    if (!supported) throw new InputError(`EVO_NAS_WASM_KERNELS=relaxed-simd, but ${support}`);
    return { variant: 'relaxed-simd', reason: 'asked by EVO_NAS_WASM_KERNELS' };
  }
  throw new InputError(`EVO_NAS_WASM_KERNELS must be one of ${KERNEL_VARIANTS.join(', ')} or auto (got "${asked}")`);
}

let chosenKernels: KernelChoice | undefined;

/** The variant every backend of this process uses (chosen once). */
export function kernelChoice(): KernelChoice {
  return (chosenKernels ??= chooseKernelVariant());
}

/** The parts of `BackendWasm` (tfjs-backend-wasm) that the custom kernels rely on. */
export interface WasmBackendInternals {
  readonly wasm: {
    readonly asm: { readonly memory: { readonly buffer: ArrayBuffer } };
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  };
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
}

/** A convolution's shape as the C kernels' `Geometry` reads it (15 int32s, in this order). */
export interface ConvGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

export type Pointer = number;

/** Where a kernel writes its NHWC output (the C kernels' `Layout`), in floats. */
export interface OutputLayout {
  readonly offset: number;
  readonly image: number;
  readonly row: number;
  readonly pixel: number;
}

/** The layout of a dense [batch, height, width, channels] tensor. */
export function denseLayout(height: number, width: number, channels: number): OutputLayout {
  return { offset: 0, image: height * width * channels, row: width * channels, pixel: channels };
}

/** The C kernels' exports; every pointer is a byte offset into the backend's memory. */
interface KernelExports {
  fill_zero(out: Pointer, count: number): void;
  conv2d_forward(x: Pointer, w: Pointer, y: Pointer, geometry: Pointer, layout: Pointer, bias: Pointer, relu: number): void;
  winograd_filter(w: Pointer, u: Pointer, inChannels: number, outChannels: number): void;
  winograd_conv(x: Pointer, u: Pointer, y: Pointer, geometry: Pointer, layout: Pointer, scratch: Pointer, block: number, bias: Pointer, relu: number): void;
  winograd43_filter(w: Pointer, u: Pointer, inChannels: number, outChannels: number): void;
  winograd43_conv(x: Pointer, u: Pointer, y: Pointer, geometry: Pointer, layout: Pointer, scratch: Pointer, block: number, bias: Pointer, relu: number): void;
  /** winograd43_conv for inChannels = outChannels = 16, 32, 64 and blocks of 4 tiles. */
  winograd43_conv_16(x: Pointer, u: Pointer, y: Pointer, geometry: Pointer, layout: Pointer, scratch: Pointer, bias: Pointer, relu: number): void;
  winograd43_conv_32(x: Pointer, u: Pointer, y: Pointer, geometry: Pointer, layout: Pointer, scratch: Pointer, bias: Pointer, relu: number): void;
  winograd43_conv_64(x: Pointer, u: Pointer, y: Pointer, geometry: Pointer, layout: Pointer, scratch: Pointer, bias: Pointer, relu: number): void;
  /** winograd43_filter_grad for inChannels = outChannels = 16, 32 (blocks of 8 tiles), 64 (blocks of 4). */
  winograd43_filter_grad_16(x: Pointer, dy: Pointer, dw: Pointer, geometry: Pointer, scratch: Pointer): void;
  winograd43_filter_grad_32(x: Pointer, dy: Pointer, dw: Pointer, geometry: Pointer, scratch: Pointer): void;
  winograd43_filter_grad_64(x: Pointer, dy: Pointer, dw: Pointer, geometry: Pointer, scratch: Pointer): void;
  winograd_filter_grad(x: Pointer, dy: Pointer, dw: Pointer, geometry: Pointer, scratch: Pointer, block: number): void;
  winograd43_filter_grad(x: Pointer, dy: Pointer, dw: Pointer, geometry: Pointer, scratch: Pointer, block: number): void;
  pad_nhwc(src: Pointer, dst: Pointer, n: number, h: number, w: number, c: number, top: number, left: number, hp: number, wp: number): void;
  conv2d_backprop_filter(x: Pointer, dy: Pointer, dw: Pointer, geometry: Pointer): void;
  phase_filter(w: Pointer, out: Pointer, geometry: Pointer, ky0: number, kx0: number, my: number, mx: number): void;
  transpose_filter(w: Pointer, out: Pointer, taps: number, inChannels: number, outChannels: number): void;
  conv2d_backprop_input_direct(dy: Pointer, wt: Pointer, dx: Pointer, geometry: Pointer): void;
  depthwise_backprop_filter(x: Pointer, dy: Pointer, dw: Pointer, geometry: Pointer): void;
  depthwise_backprop_input(dy: Pointer, w: Pointer, dx: Pointer, geometry: Pointer): void;
  batch_norm_statistics(x: Pointer, rows: number, channels: number, mean: Pointer, variance: Pointer, scratch: Pointer): void;
  batch_norm_apply(
    x: Pointer, mean: Pointer, variance: Pointer, gamma: Pointer, beta: Pointer, epsilon: number,
    relu: number, rows: number, channels: number, y: Pointer, scratch: Pointer,
  ): void;
  batch_norm_backward(
    dy: Pointer, x: Pointer, mean: Pointer, variance: Pointer, gamma: Pointer, dmean: Pointer, dvariance: Pointer,
    reluOutput: Pointer, epsilon: number, rows: number, channels: number, dx: Pointer, dgamma: Pointer, dbeta: Pointer,
    scratch: Pointer,
  ): void;
  relu_mask(dy: Pointer, y: Pointer, out: Pointer, count: number): void;
}

const GEOMETRY_FIELDS = 15;
/** The layout follows the geometry in the same scratch block. */
const LAYOUT_OFFSET = 64;

/**
 * The kernels bound to one backend, with the small scratch area they share (geometry and
 * per-channel temporaries). It lives as long as the backend; there is one per backend.
 */
export class WasmKernels {
  private scratch: Pointer;
  private scratchBytes: number;
  private readonly geometry: Pointer;

  private constructor(
    readonly backend: WasmBackendInternals,
    readonly exports: KernelExports,
  ) {
    this.geometry = backend.wasm._malloc(LAYOUT_OFFSET + 16);
    this.scratchBytes = 4096;
    this.scratch = backend.wasm._malloc(this.scratchBytes);
  }

  /** The kernels for `backend`, compiled on first use (synchronously: the module is small). */
  static for(backend: WasmBackendInternals): WasmKernels {
    let kernels = instances.get(backend);
    if (!kernels) {
      const binary = kernelChoice().variant === 'relaxed-simd' ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64;
      const module = new webAssembly.Module(Buffer.from(binary, 'base64'));
      const instance = new webAssembly.Instance(module, { env: { memory: backend.wasm.asm.memory } });
      kernels = new WasmKernels(backend, instance.exports as unknown as KernelExports);
      instances.set(backend, kernels);
    }
    return kernels;
  }

  /** The byte offset of a tensor's data. */
  pointer(info: TensorInfo): Pointer {
    const data = this.backend.dataIdMap.get(info.dataId);
    if (!data) throw new Error('wasm kernels: tensor data is not on the wasm backend');
    return data.memoryOffset;
  }

  /** A new float32 tensor, uninitialised unless `zero`. */
  output(shape: number[], zero = false): TensorInfo {
    const info = this.backend.makeOutput(shape, 'float32');
    if (zero) this.exports.fill_zero(this.pointer(info), shapeSize(shape));
    return info;
  }

  /** Frees temporaries made by `output` (or returned by other kernels). */
  dispose(...infos: TensorInfo[]): void {
    for (const info of infos) this.backend.disposeData(info.dataId);
  }

  /** Writes `geometry` where the C kernels read it and returns that pointer. */
  geometryPointer(g: ConvGeometry): Pointer {
    const fields = [
      g.batch, g.inHeight, g.inWidth, g.inChannels, g.outHeight, g.outWidth, g.outChannels,
      g.filterHeight, g.filterWidth, g.strideHeight, g.strideWidth, g.dilationHeight, g.dilationWidth,
      g.padTop, g.padLeft,
    ];
    // A fresh view each call: the backend's memory may have grown (and moved) since the last one.
    new Int32Array(this.backend.wasm.asm.memory.buffer, this.geometry, GEOMETRY_FIELDS).set(fields);
    return this.geometry;
  }

  /** Writes `layout` where the C kernels read it and returns that pointer. */
  layoutPointer(layout: OutputLayout): Pointer {
    const pointer = this.geometry + LAYOUT_OFFSET;
    new Int32Array(this.backend.wasm.asm.memory.buffer, pointer, 4).set([layout.offset, layout.image, layout.row, layout.pixel]);
    return pointer;
  }

  /** Scratch space of at least `bytes` bytes, 16-byte aligned, valid until the next call. */
  scratchPointer(bytes: number): Pointer {
    if (bytes > this.scratchBytes) {
      this.backend.wasm._free(this.scratch);
      this.scratchBytes = Math.max(bytes, 2 * this.scratchBytes);
      this.scratch = this.backend.wasm._malloc(this.scratchBytes);
    }
    return this.scratch;
  }
}

const instances = new WeakMap<WasmBackendInternals, WasmKernels>();

export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
