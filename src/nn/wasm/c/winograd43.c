/* Winograd F(4x4, 3x3) for 3x3 stride-1 convolutions: forward (also serving input gradients) and filter gradient. */
#include "winograd.h"

/* ---------------------------------------------------------------------------------------------
 * Winograd F(4x4, 3x3) (Lavin & Gray 2016; interpolation points 0, 1, -1, 2, -2 and infinity): a
 * 4x4 output tile from a 6x6 input tile costs 36 multiply-adds per channel pair instead of the
 * 144 of a direct convolution (F(2x2, 3x3): 16 for 2x2, that is 64 per 4x4). The transforms are
 *   U = G w G^T,  V = B^T d B,  Y = A^T (U . V) A
 * with the matrices below, applied one axis at a time. Its transforms have larger coefficients
 * (up to 8) than F(2x2, 3x3)'s, so its results differ from a direct convolution by a few float32
 * ulps more. The caller (direct-conv.ts, winogradTile) takes it where it needs fewer multiply-adds
 * than F(2x2, 3x3) counting the outputs past the edge; winograd.c serves the other sizes. Tiles go
 * in blocks, as in winograd.c, so that the transformed tiles and products stay in cache.
 * ------------------------------------------------------------------------------------------- */

/* G's rows applied to g0, g1, g2: 1/4 g0, -(g0 + g1 + g2)/6, -(g0 - g1 + g2)/6,
 * g0/24 + g1/12 + g2/6, g0/24 - g1/12 + g2/6, g2. */
INLINE void filter_rows(const v128_t g[3], v128_t t[6]) {
  const v128_t even = wasm_f32x4_add(g[0], g[2]);
  const v128_t outer = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_splat(1.0f / 24.0f), g[0]), wasm_f32x4_mul(wasm_f32x4_splat(1.0f / 6.0f), g[2]));
  const v128_t middle = wasm_f32x4_mul(wasm_f32x4_splat(1.0f / 12.0f), g[1]);
  t[0] = wasm_f32x4_mul(wasm_f32x4_splat(0.25f), g[0]);
  t[1] = wasm_f32x4_mul(wasm_f32x4_splat(-1.0f / 6.0f), wasm_f32x4_add(even, g[1]));
  t[2] = wasm_f32x4_mul(wasm_f32x4_splat(-1.0f / 6.0f), wasm_f32x4_sub(even, g[1]));
  t[3] = wasm_f32x4_add(outer, middle);
  t[4] = wasm_f32x4_sub(outer, middle);
  t[5] = g[2];
}

/* u[36][ci][co] = G w G^T for every (ci, co), w [3][3][ci][co]. */
EXPORT(winograd43_filter)
void winograd43_filter(const float* w, float* u, int ci, int co) {
  const int plane = ci * co;
  for (int i = 0; i < plane; i += 4) {
    v128_t g[3][3], t[3][6];
    UNROLL for (int r = 0; r < 3; r++)
      UNROLL for (int c = 0; c < 3; c++) g[r][c] = wasm_v128_load(w + (r * 3 + c) * plane + i);
    /* Down the columns first (t[c][r] = (G w)[r][c]), then along each row. */
    UNROLL for (int c = 0; c < 3; c++) {
      const v128_t column[3] = {g[0][c], g[1][c], g[2][c]};
      filter_rows(column, t[c]);
    }
    UNROLL for (int r = 0; r < 6; r++) {
      const v128_t row[3] = {t[0][r], t[1][r], t[2][r]};
      v128_t out[6];
      filter_rows(row, out);
      UNROLL for (int c = 0; c < 6; c++) wasm_v128_store(u + (r * 6 + c) * plane + i, out[c]);
    }
  }
}

/* B^T's rows applied to d0..d5: 4 d0 - 5 d2 + d4, (d4 - 4 d2) +- (d3 - 4 d1),
 * (d4 - d2) +- 2 (d3 - d1), 4 d1 - 5 d3 + d5. */
INLINE void input_rows(const v128_t d[6], v128_t r[6]) {
  const v128_t four = wasm_f32x4_splat(4.0f), five = wasm_f32x4_splat(5.0f), two = wasm_f32x4_splat(2.0f);
  const v128_t a = wasm_f32x4_sub(d[4], wasm_f32x4_mul(four, d[2]));
  const v128_t b = wasm_f32x4_sub(d[3], wasm_f32x4_mul(four, d[1]));
  const v128_t c = wasm_f32x4_sub(d[4], d[2]);
  const v128_t e = wasm_f32x4_mul(two, wasm_f32x4_sub(d[3], d[1]));
  r[0] = wasm_f32x4_add(wasm_f32x4_sub(wasm_f32x4_mul(four, d[0]), wasm_f32x4_mul(five, d[2])), d[4]);
  r[1] = wasm_f32x4_add(a, b);
  r[2] = wasm_f32x4_sub(a, b);
  r[3] = wasm_f32x4_add(c, e);
  r[4] = wasm_f32x4_sub(c, e);
  r[5] = wasm_f32x4_add(wasm_f32x4_sub(wasm_f32x4_mul(four, d[1]), wasm_f32x4_mul(five, d[3])), d[5]);
}

/* V[xi][t][c..c+3] = (B^T d B)[xi] for the 6x6 input tile d at xt (row pitch `pitch` floats). */
INLINE void input_tile_transform(const float* xt, int pitch, int ci, float* v, int stride_xi) {
  for (int c = 0; c < ci; c += 4) {
    v128_t t[6][6];
    /* Along each row first (t[i][j] = (d B)[i][j]), then down each column. */
    UNROLL for (int i = 0; i < 6; i++) {
      v128_t d[6];
      UNROLL for (int j = 0; j < 6; j++) d[j] = wasm_v128_load(xt + i * pitch + j * ci + c);
      input_rows(d, t[i]);
    }
    UNROLL for (int j = 0; j < 6; j++) {
      const v128_t column[6] = {t[0][j], t[1][j], t[2][j], t[3][j], t[4][j], t[5][j]};
      v128_t out[6];
      input_rows(column, out);
      UNROLL for (int i = 0; i < 6; i++) wasm_v128_store(v + (i * 6 + j) * stride_xi + c, out[i]);
    }
  }
}

/* A^T's rows applied to m0..m5: m0 + (m1 + m2) + (m3 + m4), (m1 - m2) + 2 (m3 - m4),
 * (m1 + m2) + 4 (m3 + m4), (m1 - m2) + 8 (m3 - m4) + m5. */
INLINE void output_rows(const v128_t m[6], v128_t o[4]) {
  const v128_t s12 = wasm_f32x4_add(m[1], m[2]), d12 = wasm_f32x4_sub(m[1], m[2]);
  const v128_t s34 = wasm_f32x4_add(m[3], m[4]), d34 = wasm_f32x4_sub(m[3], m[4]);
  o[0] = wasm_f32x4_add(wasm_f32x4_add(m[0], s12), s34);
  o[1] = wasm_f32x4_add(d12, wasm_f32x4_mul(wasm_f32x4_splat(2.0f), d34));
  o[2] = wasm_f32x4_add(s12, wasm_f32x4_mul(wasm_f32x4_splat(4.0f), s34));
  o[3] = wasm_f32x4_add(wasm_f32x4_add(d12, wasm_f32x4_mul(wasm_f32x4_splat(8.0f), d34)), m[5]);
}

/* The 4x4 output tile A^T m A (m: M[xi][t] at stride stride_xi) into y, clipped to rows x cols,
 * through the epilogue (bias may be null). */
INLINE void output_tile_transform(const float* m, int stride_xi, int co, float* y, int row, int pixel,
                                  int rows, int cols, const float* bias, int relu) {
  for (int c = 0; c < co; c += 4) {
    v128_t t[6][4];
    /* Down each column first (t[j][i] = (A^T m)[i][j]), then along each output row. */
    UNROLL for (int j = 0; j < 6; j++) {
      v128_t column[6];
      UNROLL for (int i = 0; i < 6; i++) column[i] = wasm_v128_load(m + (i * 6 + j) * stride_xi + c);
      output_rows(column, t[j]);
    }
    /* Fixed trip counts (no break) so that every clang unrolls them and keeps t in registers. */
    UNROLL for (int i = 0; i < 4; i++) {
      if (i < rows) {
        const v128_t line[6] = {t[0][i], t[1][i], t[2][i], t[3][i], t[4][i], t[5][i]};
        v128_t out[4];
        output_rows(line, out);
        UNROLL for (int j = 0; j < 4; j++)
          if (j < cols) wasm_v128_store(y + i * row + j * pixel + c, epilogue(out[j], bias, c, relu));
      }
    }
  }
}

/* scratch: 36*block*(ci + co) + 36*ci floats; u: winograd43_filter's output; see
 * winograd_conv_tiles (winograd.h). */
EXPORT(winograd43_conv)
void winograd43_conv(const float* x, const float* u, float* y, const Geometry* g, const Layout* out,
                     float* scratch, int block, const float* bias, int relu) {
  winograd_conv_tiles(4, input_tile_transform, output_tile_transform, x, u, y, g, out, scratch, block, bias, relu);
}

/* The filter gradient's transforms in F(4x4, 3x3) (the loops and the algebra: winograd_filter_grad_tiles, winograd.h). */

/* A's rows applied to y0..y3: y0, (y0 + y2) +- (y1 + y3), (y0 + 4 y2) +- (2 y1 + 8 y3), y3. */
INLINE void gradient_rows(const v128_t y[4], v128_t h[6]) {
  const v128_t even = wasm_f32x4_add(y[0], y[2]), odd = wasm_f32x4_add(y[1], y[3]);
  const v128_t even4 = wasm_f32x4_add(y[0], wasm_f32x4_mul(wasm_f32x4_splat(4.0f), y[2]));
  const v128_t odd4 = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_splat(2.0f), y[1]), wasm_f32x4_mul(wasm_f32x4_splat(8.0f), y[3]));
  h[0] = y[0];
  h[1] = wasm_f32x4_add(even, odd);
  h[2] = wasm_f32x4_sub(even, odd);
  h[3] = wasm_f32x4_add(even4, odd4);
  h[4] = wasm_f32x4_sub(even4, odd4);
  h[5] = y[3];
}

/* Yhat[xi][t][c..c+3] = (A dY A^T)[xi] for the 4x4 output-gradient tile at yt, rows x cols of it real. */
INLINE void gradient_tile_transform(const float* yt, int row, int pixel, int rows, int cols, int co, float* out, int stride_xi) {
  for (int c = 0; c < co; c += 4) {
    v128_t t[4][6];
    /* Down each column first (t[j][r] = (A dY)[r][j]), then along each row. */
    UNROLL for (int j = 0; j < 4; j++) {
      v128_t column[4];
      UNROLL for (int i = 0; i < 4; i++)
        column[i] = i < rows && j < cols ? wasm_v128_load(yt + i * row + j * pixel + c) : wasm_f32x4_splat(0.0f);
      gradient_rows(column, t[j]);
    }
    UNROLL for (int r = 0; r < 6; r++) {
      const v128_t line[4] = {t[0][r], t[1][r], t[2][r], t[3][r]};
      v128_t h[6];
      gradient_rows(line, h);
      UNROLL for (int s = 0; s < 6; s++) wasm_v128_store(out + (r * 6 + s) * stride_xi + c, h[s]);
    }
  }
}

/* G^T's rows applied to q0..q5: q0/4 - (q1 + q2)/6 + (q3 + q4)/24, (q2 - q1)/6 + (q3 - q4)/12,
 * (q3 + q4 - q1 - q2)/6 + q5. */
INLINE void filter_back_rows(const v128_t q[6], v128_t w[3]) {
  const v128_t s12 = wasm_f32x4_add(q[1], q[2]), s34 = wasm_f32x4_add(q[3], q[4]);
  const v128_t sixth = wasm_f32x4_splat(1.0f / 6.0f);
  w[0] = wasm_f32x4_add(wasm_f32x4_sub(wasm_f32x4_mul(wasm_f32x4_splat(0.25f), q[0]), wasm_f32x4_mul(sixth, s12)),
                        wasm_f32x4_mul(wasm_f32x4_splat(1.0f / 24.0f), s34));
  w[1] = wasm_f32x4_add(wasm_f32x4_mul(sixth, wasm_f32x4_sub(q[2], q[1])), wasm_f32x4_mul(wasm_f32x4_splat(1.0f / 12.0f), wasm_f32x4_sub(q[3], q[4])));
  w[2] = wasm_f32x4_add(wasm_f32x4_mul(sixth, wasm_f32x4_sub(s34, s12)), q[5]);
}

/* dw [3][3][ci][co] = G^T du G for every (ci, co), du [36][ci][co]. */
INLINE void filter_back(const float* du, float* dw, int plane) {
  for (int i = 0; i < plane; i += 4) {
    v128_t t[6][3];
    /* Down each column first (t[c][r] = (G^T du)[r][c]), then along each row. */
    UNROLL for (int c = 0; c < 6; c++) {
      v128_t column[6];
      UNROLL for (int r = 0; r < 6; r++) column[r] = wasm_v128_load(du + (r * 6 + c) * plane + i);
      filter_back_rows(column, t[c]);
    }
    UNROLL for (int r = 0; r < 3; r++) {
      const v128_t line[6] = {t[0][r], t[1][r], t[2][r], t[3][r], t[4][r], t[5][r]};
      v128_t w[3];
      filter_back_rows(line, w);
      UNROLL for (int s = 0; s < 3; s++) wasm_v128_store(dw + (r * 3 + s) * plane + i, w[s]);
    }
  }
}

/* scratch: 36*ci*co + 36*block*(ci+co) + 36*ci floats; see winograd_filter_grad_tiles (winograd.h). */
EXPORT(winograd43_filter_grad)
void winograd43_filter_grad(const float* x, const float* dy, float* dw, const Geometry* g, float* scratch, int block) {
  winograd_filter_grad_tiles(4, input_tile_transform, gradient_tile_transform, filter_back, x, dy, dw, g, scratch, block);
}

/*
 * winograd43_conv and winograd43_filter_grad for ci = co = C (16, 32, 64: ResNet20's widths, and
 * most zoo models'), with the sizes the compiler knows: the transforms' strides are constants and
 * the products unroll fully. Measured 6% off a ResNet20 training step (benchmarks/train-step.ts);
 * other widths take the general functions. BLOCK: the forward's tiles per block (4, as
 * WINOGRAD_BLOCK) and the filter gradient's (filterGradientBlock: 8 up to 64 channels in and out, 4 above).
 */
#define DEFINE_WINOGRAD43_FIXED(C, GRAD_BLOCK)                                                      \
  EXPORT(winograd43_conv_##C)                                                                     \
  void winograd43_conv_##C(const float* x, const float* u, float* y, const Geometry* g,           \
                           const Layout* out, float* scratch, const float* bias, int relu) {      \
    Geometry fixed = *g;                                                                           \
    fixed.ci = C;                                                                                  \
    fixed.co = C;                                                                                  \
    winograd_conv_tiles(4, input_tile_transform, output_tile_transform, x, u, y, &fixed, out, scratch, 4, bias, relu); \
  }                                                                                                \
  EXPORT(winograd43_filter_grad_##C)                                                              \
  void winograd43_filter_grad_##C(const float* x, const float* dy, float* dw, const Geometry* g,  \
                                  float* scratch) {                                                \
    Geometry fixed = *g;                                                                           \
    fixed.ci = C;                                                                                  \
    fixed.co = C;                                                                                  \
    winograd_filter_grad_tiles(4, input_tile_transform, gradient_tile_transform, filter_back, x, dy, dw, &fixed, scratch, GRAD_BLOCK); \
  }
DEFINE_WINOGRAD43_FIXED(16, 8)
DEFINE_WINOGRAD43_FIXED(32, 8)
DEFINE_WINOGRAD43_FIXED(64, 4)
