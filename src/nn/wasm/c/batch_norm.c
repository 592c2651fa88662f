/* Training-mode batch norm: statistics, normalisation (optionally with ReLU) and gradients. */
#include "kernels.h"

/* ---------------------------------------------------------------------------------------------
 * Batch norm over the rows of an [m, c] matrix (NHWC flattened), in training mode.
 * Statistics: each block of rows gets its own mean and sum of squared deviations in float32
 * (two passes over the block while it is in cache), and blocks are merged in float64 with Chan,
 * Golub and LeVeque's (1979) pairwise update, so the result stays accurate for large m.
 * ------------------------------------------------------------------------------------------- */
#define BN_BLOCK 128

/* sum[ch] = sum of rows r0..r0+rows of (a[r][ch] - shift[ch]) * (b[r][ch] - shift2[ch]), vectorised.
 * Specialised by the INLINE callers below; `mode` picks the product. */
INLINE void column_sums(const float* a, const float* b, const float* center, int rows, int c,
                        float* sum, const int mode) {
  /* mode 0: a; mode 1: (a - center)^2; mode 2: b * (a - center); mode 3: b */
  int ch = 0;
  for (; ch + 4 <= c; ch += 4) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    const v128_t mu = mode == 1 || mode == 2 ? wasm_v128_load(center + ch) : wasm_f32x4_splat(0.0f);
    for (int r = 0; r < rows; r++) {
      const v128_t v = wasm_v128_load(a + r * c + ch);
      if (mode == 0) acc = wasm_f32x4_add(acc, v);
      if (mode == 1) { const v128_t d = wasm_f32x4_sub(v, mu); acc = madd(acc, d, d); }
      if (mode == 2) acc = madd(acc, wasm_v128_load(b + r * c + ch), wasm_f32x4_sub(v, mu));
      if (mode == 3) acc = wasm_f32x4_add(acc, wasm_v128_load(b + r * c + ch));
    }
    wasm_v128_store(sum + ch, acc);
  }
  for (; ch < c; ch++) {
    float acc = 0.0f;
    for (int r = 0; r < rows; r++) {
      const float v = a[r * c + ch];
      if (mode == 0) acc += v;
      if (mode == 1) acc += (v - center[ch]) * (v - center[ch]);
      if (mode == 2) acc += b[r * c + ch] * (v - center[ch]);
      if (mode == 3) acc += b[r * c + ch];
    }
    sum[ch] = acc;
  }
}

/*
 * mean[ch] and biased variance[ch] of x's columns. scratch: 2c doubles then 2c floats.
 */
EXPORT(batch_norm_statistics)
void batch_norm_statistics(const float* x, int m, int c, float* mean, float* variance, double* scratch) {
  double* total_mean = scratch;
  double* total_m2 = scratch + c;
  float* block_mean = (float*)(scratch + 2 * c);
  float* block_m2 = block_mean + c;
  for (int ch = 0; ch < c; ch++) total_mean[ch] = total_m2[ch] = 0.0;
  for (int r0 = 0; r0 < m; r0 += BN_BLOCK) {
    const int rows = min_i(BN_BLOCK, m - r0);
    const float* xb = x + r0 * c;
    column_sums(xb, 0, 0, rows, c, block_mean, 0);
    for (int ch = 0; ch < c; ch++) block_mean[ch] /= (float)rows;
    column_sums(xb, 0, block_mean, rows, c, block_m2, 1);
    const double seen = (double)r0, total = (double)(r0 + rows);
    for (int ch = 0; ch < c; ch++) {
      const double delta = (double)block_mean[ch] - total_mean[ch];
      total_mean[ch] += delta * rows / total;
      total_m2[ch] += (double)block_m2[ch] + delta * delta * seen * rows / total;
    }
  }
  for (int ch = 0; ch < c; ch++) {
    mean[ch] = (float)total_mean[ch];
    variance[ch] = (float)(total_m2[ch] / m);
  }
}

/* y = (x - mean) * gamma / sqrt(variance + eps) + beta, then max(y, 0) when relu != 0.
 * scratch: c floats. */
EXPORT(batch_norm_apply)
void batch_norm_apply(const float* x, const float* mean, const float* variance, const float* gamma,
                      const float* beta, float eps, int relu, int m, int c, float* y, float* scratch) {
  float* scale = scratch;
  for (int ch = 0; ch < c; ch++) scale[ch] = gamma[ch] / __builtin_sqrtf(variance[ch] + eps);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < m; r++) {
    const float* xr = x + r * c;
    float* yr = y + r * c;
    int ch = 0;
    for (; ch + 4 <= c; ch += 4) {
      const v128_t centered = wasm_f32x4_sub(wasm_v128_load(xr + ch), wasm_v128_load(mean + ch));
      v128_t v = madd(wasm_v128_load(beta + ch), centered, wasm_v128_load(scale + ch));
      if (relu) v = wasm_f32x4_max(v, zero);
      wasm_v128_store(yr + ch, v);
    }
    for (; ch < c; ch++) {
      const float v = (xr[ch] - mean[ch]) * scale[ch] + beta[ch];
      yr[ch] = relu && v < 0.0f ? 0.0f : v;
    }
  }
}

/* dy masked by a ReLU output: dy where y > 0, else 0 (in place into out; out may equal dy). */
EXPORT(relu_mask)
void relu_mask(const float* dy, const float* y, float* out, int count) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + 4 <= count; i += 4) {
    const v128_t keep = wasm_f32x4_gt(wasm_v128_load(y + i), zero);
    wasm_v128_store(out + i, wasm_v128_and(wasm_v128_load(dy + i), keep));
  }
  for (; i < count; i++) out[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}

/*
 * Gradients of training-mode batch norm (the batch statistics depend on x), with xhat =
 * (x - mean) * invstd:
 *   dbeta = sum(dy), dgamma = sum(dy * xhat),
 *   dx = gamma * invstd * (dy - dbeta/m - xhat * dgamma/m) + dmean/m + 2 * dvariance * (x - mean)/m,
 * the last two terms for gradients that reach the returned batch statistics themselves. When
 * relu_y is not 0 the forward pass fused a ReLU whose output was relu_y: dy is first masked by
 * relu_y > 0 (into dx, which then serves as dy: every element is read before it is written).
 * The two sums are blocked like the statistics. scratch: 2c doubles then 5c floats.
 */
EXPORT(batch_norm_backward)
void batch_norm_backward(const float* dy, const float* x, const float* mean, const float* variance,
                         const float* gamma, const float* dmean, const float* dvariance,
                         const float* relu_y, float eps, int m, int c, float* dx, float* dgamma,
                         float* dbeta, double* scratch) {
  double* sum_dy = scratch;
  double* sum_dy_xc = scratch + c;
  float* block_dy = (float*)(scratch + 2 * c);
  float* block_dy_xc = block_dy + c;
  float* k_dy = block_dy_xc + c;
  float* k_x = k_dy + c;
  float* k_0 = k_x + c;
  if (relu_y) {
    relu_mask(dy, relu_y, dx, m * c);
    dy = dx;
  }
  for (int ch = 0; ch < c; ch++) sum_dy[ch] = sum_dy_xc[ch] = 0.0;
  for (int r0 = 0; r0 < m; r0 += BN_BLOCK) {
    const int rows = min_i(BN_BLOCK, m - r0);
    column_sums(x + r0 * c, dy + r0 * c, 0, rows, c, block_dy, 3);
    column_sums(x + r0 * c, dy + r0 * c, mean, rows, c, block_dy_xc, 2);
    for (int ch = 0; ch < c; ch++) {
      sum_dy[ch] += block_dy[ch];
      sum_dy_xc[ch] += block_dy_xc[ch];
    }
  }
  for (int ch = 0; ch < c; ch++) {
    const double invstd = 1.0 / __builtin_sqrt((double)variance[ch] + eps);
    dbeta[ch] = (float)sum_dy[ch];
    dgamma[ch] = (float)(sum_dy_xc[ch] * invstd);
    const double a = gamma[ch] * invstd;
    const double b = -a * invstd * invstd * sum_dy_xc[ch] / m + 2.0 * dvariance[ch] / m;
    k_dy[ch] = (float)a;
    k_x[ch] = (float)b;
    k_0[ch] = (float)(-a * sum_dy[ch] / m + dmean[ch] / (double)m);
  }
  for (int r = 0; r < m; r++) {
    const float* dr = dy + r * c;
    const float* xr = x + r * c;
    float* out = dx + r * c;
    int ch = 0;
    for (; ch + 4 <= c; ch += 4) {
      const v128_t centered = wasm_f32x4_sub(wasm_v128_load(xr + ch), wasm_v128_load(mean + ch));
      const v128_t v = madd(wasm_v128_load(k_0 + ch), wasm_v128_load(dr + ch), wasm_v128_load(k_dy + ch));
      wasm_v128_store(out + ch, madd(v, centered, wasm_v128_load(k_x + ch)));
    }
    for (; ch < c; ch++) out[ch] = dr[ch] * k_dy[ch] + (xr[ch] - mean[ch]) * k_x[ch] + k_0[ch];
  }
}
