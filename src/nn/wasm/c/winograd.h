/* What the Winograd convolutions (winograd.c: F(2x2, 3x3); winograd43.c: F(4x4, 3x3)) share: the
 * read of an input tile, the padding read as zeros, and the matrix products of the transformed
 * tiles with the transformed filter. */
#ifndef EVO_NAS_WINOGRAD_H
#define EVO_NAS_WINOGRAD_H

#include "kernels.h"

/*
 * The size x size input tile whose top-left pixel is input row iy, column ix of image xn (the padding
 * g->pt, g->pl already subtracted, so iy and ix may be negative): xn itself where the tile lies
 * inside the image, else a copy in `tile` with zeros where it reaches past the border. Sets *pitch
 * to the returned tile's row pitch in floats. Most tiles are interior; the border ones cost a
 * size*size-pixel copy instead of a zero-bordered copy of the whole input.
 */
INLINE const float* input_tile(const float* xn, const Geometry* g, int size, int iy, int ix, float* tile, int* pitch) {
  const int CI = g->ci;
  if (iy >= 0 && ix >= 0 && iy + size <= g->h && ix + size <= g->w) {
    *pitch = g->w * CI;
    return xn + (iy * g->w + ix) * CI;
  }
  for (int i = 0; i < size; i++) {
    for (int j = 0; j < size; j++) {
      float* d = tile + (i * size + j) * CI;
      const int r = iy + i, c = ix + j;
      if (r >= 0 && r < g->h && c >= 0 && c < g->w) __builtin_memcpy(d, xn + (r * g->w + c) * CI, (unsigned)CI * 4u);
      else fill_zero(d, CI);
    }
  }
  *pitch = size * CI;
  return tile;
}

/* M[t][co] (rows t0..t0+ROWS-1 of one xi) = V[t][ci] U[ci][co]: ROWS tiles x 4*COV channels in registers. */
#define DEFINE_GEMM_TILE(ROWS, COV)                                                                 \
  INLINE void gemm_tile_##ROWS##x##COV(const float* v, const float* u, float* m, int ci, int co) { \
    v128_t acc[ROWS][COV];                                                                         \
    UNROLL for (int i = 0; i < ROWS; i++) UNROLL for (int j = 0; j < COV; j++)                     \
      acc[i][j] = wasm_f32x4_splat(0.0f);                                                          \
    for (int k = 0; k < ci; k++) {                                                                 \
      v128_t uv[COV];                                                                              \
      UNROLL for (int j = 0; j < COV; j++) uv[j] = wasm_v128_load(u + k * co + 4 * j);             \
      UNROLL for (int i = 0; i < ROWS; i++) {                                                      \
        const v128_t s = wasm_v128_load32_splat(v + i * ci + k);                                   \
        UNROLL for (int j = 0; j < COV; j++) acc[i][j] = madd(acc[i][j], s, uv[j]);                \
      }                                                                                            \
    }                                                                                              \
    UNROLL for (int i = 0; i < ROWS; i++) UNROLL for (int j = 0; j < COV; j++)                     \
      wasm_v128_store(m + i * co + 4 * j, acc[i][j]);                                              \
  }
DEFINE_GEMM_TILE(4, 2)
DEFINE_GEMM_TILE(4, 1)
DEFINE_GEMM_TILE(1, 2)
DEFINE_GEMM_TILE(1, 1)

/* m [rows][co] = v [rows][ci] u [ci][co], co a multiple of 4. */
INLINE void gemm(const float* v, const float* u, float* m, int rows, int ci, int co) {
  int t = 0;
  for (; t + 4 <= rows; t += 4) {
    int c = 0;
    for (; c + 8 <= co; c += 8) gemm_tile_4x2(v + t * ci, u + c, m + t * co + c, ci, co);
    for (; c < co; c += 4) gemm_tile_4x1(v + t * ci, u + c, m + t * co + c, ci, co);
  }
  for (; t < rows; t++) {
    int c = 0;
    for (; c + 8 <= co; c += 8) gemm_tile_1x2(v + t * ci, u + c, m + t * co + c, ci, co);
    for (; c < co; c += 4) gemm_tile_1x1(v + t * ci, u + c, m + t * co + c, ci, co);
  }
}

/* du[ci][co] += v[t][ci]^T yhat[t][co] over `count` tiles (a filter gradient's products): 4 x 8 register tiles. */
#define DEFINE_OUTER_TILE(CIB, COV)                                                                 \
  INLINE void outer_tile_##CIB##x##COV(const float* v, const float* yh, float* du, int count,     \
                                       int ci, int co) {                                           \
    v128_t acc[CIB][COV];                                                                          \
    UNROLL for (int i = 0; i < CIB; i++) UNROLL for (int j = 0; j < COV; j++)                      \
      acc[i][j] = wasm_v128_load(du + i * co + 4 * j);                                             \
    for (int t = 0; t < count; t++) {                                                              \
      v128_t d[COV];                                                                               \
      UNROLL for (int j = 0; j < COV; j++) d[j] = wasm_v128_load(yh + t * co + 4 * j);             \
      UNROLL for (int i = 0; i < CIB; i++) {                                                       \
        const v128_t s = wasm_v128_load32_splat(v + t * ci + i);                                   \
        UNROLL for (int j = 0; j < COV; j++) acc[i][j] = madd(acc[i][j], s, d[j]);                 \
      }                                                                                            \
    }                                                                                              \
    UNROLL for (int i = 0; i < CIB; i++) UNROLL for (int j = 0; j < COV; j++)                      \
      wasm_v128_store(du + i * co + 4 * j, acc[i][j]);                                             \
  }
DEFINE_OUTER_TILE(4, 2)
DEFINE_OUTER_TILE(4, 1)

/* du [ci][co] += v [count][ci]^T yh [count][co], ci and co multiples of 4. */
INLINE void outer_products(const float* v, const float* yh, float* du, int count, int ci, int co) {
  for (int i = 0; i < ci; i += 4) {
    int c = 0;
    for (; c + 8 <= co; c += 8) outer_tile_4x2(v + i, yh + c, du + i * co + c, count, ci, co);
    for (; c < co; c += 4) outer_tile_4x1(v + i, yh + c, du + i * co + c, count, ci, co);
  }
}

/*
 * The loops both Winograd convolutions run, given one transform's pieces: `edge` is its output
 * tile's edge (2 or 4; the input tile is edge + 2 square, with (edge + 2)^2 points xi). The
 * transforms are passed as functions so that each caller states its own; they are always inlined
 * here, so clang resolves the calls at compile time and the loops compile as if written out.
 */
typedef void (*InputTransform)(const float* xt, int pitch, int ci, float* v, int stride_xi);
typedef void (*OutputTransform)(const float* m, int stride_xi, int co, float* y, int row, int pixel,
                                int rows, int cols, const float* bias, int relu);
typedef void (*GradientTransform)(const float* yt, int row, int pixel, int rows, int cols, int co, float* out, int stride_xi);
typedef void (*FilterBackTransform)(const float* du, float* dw, int plane);

/* V[xi][t] for tile t (of image n, at tile row ty, column tx) through `input`; `border` the
 * scratch a border tile is copied into. */
INLINE void winograd_input(int edge, InputTransform input, const float* x, const Geometry* g, int n, int ty, int tx,
                           float* border, float* v, int stride_xi) {
  int pitch;
  const float* xt = input_tile(x + n * g->h * g->w * g->ci, g, edge + 2, edge * ty - g->pt, edge * tx - g->pl, border, &pitch);
  input(xt, pitch, g->ci, v, stride_xi);
}

/* y = x convolved with the transformed filter u [points][ci][co], through the epilogue (bias may be
 * null). scratch: points*block*(ci + co) + points*ci floats. x is unpadded: g's padding (pt, pl,
 * and whatever the output size implies below and right) is read as zeros. */
INLINE void winograd_conv_tiles(int edge, InputTransform input, OutputTransform output, const float* x, const float* u,
                                float* y, const Geometry* g, const Layout* out, float* scratch, int block,
                                const float* bias, int relu) {
  const int CI = g->ci, CO = g->co, TY = (g->ho + edge - 1) / edge, TX = (g->wo + edge - 1) / edge;
  const int points = (edge + 2) * (edge + 2), tiles = g->n * TY * TX;
  float* v = scratch;
  float* m = scratch + points * block * CI;
  float* border = m + points * block * CO;
  for (int t0 = 0; t0 < tiles; t0 += block) {
    const int count = min_i(block, tiles - t0);
    for (int t = 0; t < count; t++) {
      const int tile = t0 + t, n = tile / (TY * TX), ty = (tile / TX) % TY, tx = tile % TX;
      winograd_input(edge, input, x, g, n, ty, tx, border, v + t * CI, block * CI);
    }
    for (int xi = 0; xi < points; xi++)
      gemm(v + xi * block * CI, u + xi * CI * CO, m + xi * block * CO, count, CI, CO);
    for (int t = 0; t < count; t++) {
      const int tile = t0 + t, n = tile / (TY * TX), ty = (tile / TX) % TY, tx = tile % TX;
      float* yt = y + out->offset + n * out->image + edge * ty * out->row + edge * tx * out->pixel;
      output(m + t * CO, block * CO, CO, yt, out->row, out->pixel, min_i(edge, g->ho - edge * ty), min_i(edge, g->wo - edge * tx), bias, relu);
    }
  }
}

/*
 * The filter gradient in the Winograd domain: the forward tile is Y = A^T (U . V) A with
 * U = G w G^T, so dU = sum over tiles of (A dY A^T) . V (`gradient` computes A dY A^T) and
 * dw = G^T dU G (`back`). dU[xi] is a product of the tiles' V[xi] (transposed) and Yhat[xi],
 * accumulated block by block. x as in winograd_conv_tiles; dy dense [n][ho][wo][co].
 * scratch: points*ci*co + points*block*(ci + co) + points*ci floats.
 */
INLINE void winograd_filter_grad_tiles(int edge, InputTransform input, GradientTransform gradient, FilterBackTransform back,
                                       const float* x, const float* dy, float* dw, const Geometry* g, float* scratch, int block) {
  const int CI = g->ci, CO = g->co, TY = (g->ho + edge - 1) / edge, TX = (g->wo + edge - 1) / edge;
  const int points = (edge + 2) * (edge + 2), tiles = g->n * TY * TX;
  float* du = scratch;
  float* v = du + points * CI * CO;
  float* yh = v + points * block * CI;
  float* border = yh + points * block * CO;
  fill_zero(du, points * CI * CO);
  for (int t0 = 0; t0 < tiles; t0 += block) {
    const int count = min_i(block, tiles - t0);
    for (int t = 0; t < count; t++) {
      const int tile = t0 + t, n = tile / (TY * TX), ty = (tile / TX) % TY, tx = tile % TX;
      winograd_input(edge, input, x, g, n, ty, tx, border, v + t * CI, block * CI);
      const float* yt = dy + ((n * g->ho + edge * ty) * g->wo + edge * tx) * CO;
      gradient(yt, g->wo * CO, CO, min_i(edge, g->ho - edge * ty), min_i(edge, g->wo - edge * tx), CO, yh + t * CO, block * CO);
    }
    for (int xi = 0; xi < points; xi++)
      outer_products(v + xi * block * CI, yh + xi * block * CO, du + xi * CI * CO, count, CI, CO);
  }
  back(du, dw, CI * CO);
}

#endif
