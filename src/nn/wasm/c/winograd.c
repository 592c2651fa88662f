/* Winograd F(2x2, 3x3) for 3x3 stride-1 convolutions: forward (also serving input gradients) and filter gradient. */
#include "winograd.h"

/* ---------------------------------------------------------------------------------------------
 * Winograd F(2x2, 3x3) (Lavin & Gray 2016) for 3x3, stride-1 convolutions with channel counts
 * that are multiples of four: a 2x2 output tile costs 16 multiply-adds per channel pair instead
 * of 36. Tile (ty, tx) reads the 4x4 input pixels from row 2ty - pt, column 2tx - pl, those
 * outside x as zeros (input_tile), so x needs no padded copy. Tiles go in blocks of `block`: their input
 * transforms V[16][block][ci], then 16 matrix products M[xi] = V[xi] U[xi], then the output
 * transforms, so the intermediates stay in cache. winograd43.c's F(4x4, 3x3) takes the sizes where
 * it needs fewer multiply-adds (all of ResNet20's); this one the rest (1x1, 2x2, 5x5, 6x6 outputs).
 * ------------------------------------------------------------------------------------------- */

/* u[16][ci][co] = G w G^T for every (ci, co), w [3][3][ci][co]. */
EXPORT(winograd_filter)
void winograd_filter(const float* w, float* u, int ci, int co) {
  const int plane = ci * co;
  const v128_t half = wasm_f32x4_splat(0.5f);
  for (int i = 0; i < plane; i += 4) {
    v128_t g[3][3], t[4][3];
    UNROLL for (int r = 0; r < 3; r++)
      UNROLL for (int c = 0; c < 3; c++) g[r][c] = wasm_v128_load(w + (r * 3 + c) * plane + i);
    UNROLL for (int c = 0; c < 3; c++) {
      const v128_t even = wasm_f32x4_add(g[0][c], g[2][c]);
      t[0][c] = g[0][c];
      t[1][c] = wasm_f32x4_mul(half, wasm_f32x4_add(even, g[1][c]));
      t[2][c] = wasm_f32x4_mul(half, wasm_f32x4_sub(even, g[1][c]));
      t[3][c] = g[2][c];
    }
    UNROLL for (int r = 0; r < 4; r++) {
      const v128_t even = wasm_f32x4_add(t[r][0], t[r][2]);
      wasm_v128_store(u + (r * 4 + 0) * plane + i, t[r][0]);
      wasm_v128_store(u + (r * 4 + 1) * plane + i, wasm_f32x4_mul(half, wasm_f32x4_add(even, t[r][1])));
      wasm_v128_store(u + (r * 4 + 2) * plane + i, wasm_f32x4_mul(half, wasm_f32x4_sub(even, t[r][1])));
      wasm_v128_store(u + (r * 4 + 3) * plane + i, t[r][2]);
    }
  }
}

/* V[xi][t][c..c+3] = (B^T d B)[xi] for the 4x4 input tile d at xt (row pitch `pitch` floats). */
INLINE void winograd_input_tile(const float* xt, int pitch, int ci, float* v, int stride_xi) {
  for (int c = 0; c < ci; c += 4) {
    v128_t d[4][4], r[4][4];
    UNROLL for (int i = 0; i < 4; i++)
      UNROLL for (int j = 0; j < 4; j++) d[i][j] = wasm_v128_load(xt + i * pitch + j * ci + c);
    UNROLL for (int j = 0; j < 4; j++) {
      r[0][j] = wasm_f32x4_sub(d[0][j], d[2][j]);
      r[1][j] = wasm_f32x4_add(d[1][j], d[2][j]);
      r[2][j] = wasm_f32x4_sub(d[2][j], d[1][j]);
      r[3][j] = wasm_f32x4_sub(d[1][j], d[3][j]);
    }
    UNROLL for (int i = 0; i < 4; i++) {
      float* vi = v + i * 4 * stride_xi + c;
      wasm_v128_store(vi, wasm_f32x4_sub(r[i][0], r[i][2]));
      wasm_v128_store(vi + stride_xi, wasm_f32x4_add(r[i][1], r[i][2]));
      wasm_v128_store(vi + 2 * stride_xi, wasm_f32x4_sub(r[i][2], r[i][1]));
      wasm_v128_store(vi + 3 * stride_xi, wasm_f32x4_sub(r[i][1], r[i][3]));
    }
  }
}

/* The 2x2 output tile A^T m A (m: M[xi][t] at stride stride_xi) into y, clipped to rows x cols,
 * through the epilogue (bias may be null). */
INLINE void winograd_output_tile(const float* m, int stride_xi, int co, float* y, int row, int pixel,
                                 int rows, int cols, const float* bias, int relu) {
  for (int c = 0; c < co; c += 4) {
    v128_t q[4][4], t[2][4];
    UNROLL for (int i = 0; i < 4; i++)
      UNROLL for (int j = 0; j < 4; j++) q[i][j] = wasm_v128_load(m + (i * 4 + j) * stride_xi + c);
    UNROLL for (int j = 0; j < 4; j++) {
      t[0][j] = wasm_f32x4_add(wasm_f32x4_add(q[0][j], q[1][j]), q[2][j]);
      t[1][j] = wasm_f32x4_sub(wasm_f32x4_sub(q[1][j], q[2][j]), q[3][j]);
    }
    /* A fixed trip count (no break) so that every clang unrolls it and keeps t in registers. */
    UNROLL for (int i = 0; i < 2; i++) {
      if (i < rows) {
        wasm_v128_store(y + i * row + c, epilogue(wasm_f32x4_add(wasm_f32x4_add(t[i][0], t[i][1]), t[i][2]), bias, c, relu));
        if (cols > 1) wasm_v128_store(y + i * row + pixel + c, epilogue(wasm_f32x4_sub(wasm_f32x4_sub(t[i][1], t[i][2]), t[i][3]), bias, c, relu));
      }
    }
  }
}

/* scratch: 16*block*(ci + co) + 16*ci floats; see winograd_conv_tiles (winograd.h). */
EXPORT(winograd_conv)
void winograd_conv(const float* x, const float* u, float* y, const Geometry* g, const Layout* out,
                   float* scratch, int block, const float* bias, int relu) {
  winograd_conv_tiles(2, winograd_input_tile, winograd_output_tile, x, u, y, g, out, scratch, block, bias, relu);
}

/* The filter gradient's transforms (the loops and the algebra: winograd_filter_grad_tiles, winograd.h). */

/* Yhat[xi][t][c..c+3] = (A dY A^T)[xi] for the 2x2 output-gradient tile at yt, rows x cols of it real. */
INLINE void winograd_gradient_tile(const float* yt, int row, int pixel, int rows, int cols, int co,
                                   float* out, int stride_xi) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int c = 0; c < co; c += 4) {
    const v128_t d00 = wasm_v128_load(yt + c);
    const v128_t d01 = cols > 1 ? wasm_v128_load(yt + pixel + c) : zero;
    const v128_t d10 = rows > 1 ? wasm_v128_load(yt + row + c) : zero;
    const v128_t d11 = rows > 1 && cols > 1 ? wasm_v128_load(yt + row + pixel + c) : zero;
    /* rows of A dY: dY0, dY0 + dY1, dY0 - dY1, -dY1 */
    v128_t r[4][2];
    r[0][0] = d00;                      r[0][1] = d01;
    r[1][0] = wasm_f32x4_add(d00, d10); r[1][1] = wasm_f32x4_add(d01, d11);
    r[2][0] = wasm_f32x4_sub(d00, d10); r[2][1] = wasm_f32x4_sub(d01, d11);
    r[3][0] = wasm_f32x4_neg(d10);      r[3][1] = wasm_f32x4_neg(d11);
    UNROLL for (int i = 0; i < 4; i++) {
      float* o = out + i * 4 * stride_xi + c;
      wasm_v128_store(o, r[i][0]);
      wasm_v128_store(o + stride_xi, wasm_f32x4_add(r[i][0], r[i][1]));
      wasm_v128_store(o + 2 * stride_xi, wasm_f32x4_sub(r[i][0], r[i][1]));
      wasm_v128_store(o + 3 * stride_xi, wasm_f32x4_neg(r[i][1]));
    }
  }
}

/* dw [3][3][ci][co] = G^T du G for every (ci, co), du [16][ci][co]. */
INLINE void winograd_filter_back(const float* du, float* dw, int plane) {
  const v128_t half = wasm_f32x4_splat(0.5f);
  for (int i = 0; i < plane; i += 4) {
    v128_t q[4][4], t[3][4];
    UNROLL for (int r = 0; r < 4; r++)
      UNROLL for (int c = 0; c < 4; c++) q[r][c] = wasm_v128_load(du + (r * 4 + c) * plane + i);
    UNROLL for (int c = 0; c < 4; c++) {
      const v128_t sum = wasm_f32x4_mul(half, wasm_f32x4_add(q[1][c], q[2][c]));
      t[0][c] = wasm_f32x4_add(q[0][c], sum);
      t[1][c] = wasm_f32x4_mul(half, wasm_f32x4_sub(q[1][c], q[2][c]));
      t[2][c] = wasm_f32x4_add(sum, q[3][c]);
    }
    UNROLL for (int r = 0; r < 3; r++) {
      const v128_t sum = wasm_f32x4_mul(half, wasm_f32x4_add(t[r][1], t[r][2]));
      wasm_v128_store(dw + (r * 3 + 0) * plane + i, wasm_f32x4_add(t[r][0], sum));
      wasm_v128_store(dw + (r * 3 + 1) * plane + i, wasm_f32x4_mul(half, wasm_f32x4_sub(t[r][1], t[r][2])));
      wasm_v128_store(dw + (r * 3 + 2) * plane + i, wasm_f32x4_add(sum, t[r][3]));
    }
  }
}

/* scratch: 16*ci*co + 16*block*(ci+co) + 16*ci floats; see winograd_filter_grad_tiles (winograd.h). */
EXPORT(winograd_filter_grad)
void winograd_filter_grad(const float* x, const float* dy, float* dw, const Geometry* g, float* scratch, int block) {
  winograd_filter_grad_tiles(2, winograd_input_tile, winograd_gradient_tile, winograd_filter_back, x, dy, dw, g, scratch, block);
}
