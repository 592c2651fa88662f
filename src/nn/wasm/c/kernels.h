/*
 * Shared definitions of evo-nas's float32 kernels for the TensorFlow.js wasm backend: the
 * convolution gradients it lacks (conv.c, winograd.c, winograd43.c, depthwise.c), a faster
 * convolution (conv.c, winograd.c, winograd43.c) and training-mode batch norm (batch_norm.c).
 *
 * The module imports the tfjs wasm backend's own memory, so every kernel reads and writes tensors
 * in place, by the byte offsets the backend keeps for them. It must therefore own nothing in that
 * memory: no static data and no shadow-stack use (scripts/build-wasm-kernels.mjs rejects a build
 * with either; register tiles are arrays that loops index with literal bounds, fully unrolled, so
 * they live in locals). Callers pass every buffer, and scratch space, as pointers.
 *
 * Layouts are TensorFlow's: activations NHWC, conv filters [kh, kw, in, out], depthwise filters
 * [kh, kw, in, multiplier]. SIMD runs over the innermost (channel) axis, four lanes at a time, with
 * scalar loops for channel counts that are not multiples of four.
 *
 * Build: npm run build:wasm (needs clang and wasm-ld with the wasm32 target, and wabt).
 */
#ifndef EVO_NAS_KERNELS_H
#define EVO_NAS_KERNELS_H

#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
#define INLINE static inline __attribute__((always_inline))
/* Register tiles live in locals only if their loops are unrolled completely. */
#define UNROLL _Pragma("clang loop unroll(full)")

/* One convolution's shape, written by the caller into scratch memory as 15 int32s. */
typedef struct {
  int n, h, w, ci;      /* input: batch, height, width, channels */
  int ho, wo, co;       /* output: height, width, channels (depthwise: ci * multiplier) */
  int kh, kw;           /* filter size */
  int sh, sw, dh, dw;   /* strides and dilations */
  int pt, pl;           /* padding before the first row and column (may be 0) */
} Geometry;

INLINE int min_i(int a, int b) { return a < b ? a : b; }

/* First output index o whose input index o*s + k*d - p is >= 0. */
INLINE int first_out(int k, int s, int d, int p) {
  const int t = p - k * d;
  return t <= 0 ? 0 : (t + s - 1) / s;
}

/* One past the last output index o (< out) whose input index o*s + k*d - p is < size. */
INLINE int end_out(int k, int s, int d, int p, int size, int out) {
  const int t = size + p - k * d;
  return t <= 0 ? 0 : min_i(out, (t + s - 1) / s);
}

#ifdef __wasm_relaxed_simd__
/* acc + a*b. Relaxed SIMD lets the engine fuse it into one FMA instruction (one rounding) where the
 * CPU has one; the module built with it is used only where the runtime accepts it (module.ts). */
INLINE v128_t madd(v128_t acc, v128_t a, v128_t b) {
  return (v128_t)__builtin_wasm_relaxed_madd_f32x4((__f32x4)a, (__f32x4)b, (__f32x4)acc);
}
#else
INLINE v128_t madd(v128_t acc, v128_t a, v128_t b) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }
#endif

/* What a fused convolution does to each output vector (channels c..c+3) before storing it: add
 * bias[c..c+3] when bias is not null, then max(., 0) when relu is not 0. Inference folds batch
 * norm into the filter and this bias, so conv + BN + ReLU is one pass over the output. */
INLINE v128_t epilogue(v128_t v, const float* bias, int c, int relu) {
  if (bias) v = wasm_f32x4_add(v, wasm_v128_load(bias + c));
  if (relu) v = wasm_f32x4_max(v, wasm_f32x4_splat(0.0f));
  return v;
}

/* The scalar epilogue, for channel counts that are not multiples of four. */
INLINE float epilogue_scalar(float v, const float* bias, int c, int relu) {
  if (bias) v += bias[c];
  return relu && v < 0.0f ? 0.0f : v;
}

/* out[0..count) = 0 (conv.c). */
void fill_zero(float* out, int count);

/* Where a kernel writes its NHWC output, in floats: y[n][i][j][c] is at
 * offset + n*image + i*row + j*pixel + c. A dense tensor has offset 0, pixel = channels,
 * row = width*pixel, image = height*row; a stride phase of a larger tensor has larger strides. */
typedef struct {
  int offset, image, row, pixel;
} Layout;

/* First filter tap k whose input index o*s + k*d - p is >= 0. */
INLINE int first_tap(int o, int s, int d, int p) {
  const int t = p - o * s;
  return t <= 0 ? 0 : (t + d - 1) / d;
}

/* One past the last filter tap k (< taps) whose input index o*s + k*d - p is < size. */
INLINE int end_tap(int o, int s, int d, int p, int size, int taps) {
  const int t = size + p - o * s;
  return t <= 0 ? 0 : min_i(taps, (t + d - 1) / d);
}

#endif
