/*
 * Float32 kernels that the TensorFlow.js wasm backend lacks or runs slowly: the filter and input
 * gradients of convolutions (regular and depthwise) and training-mode batch norm.
 *
 * The module imports the tfjs wasm backend's own memory, so every kernel reads and writes tensors
 * in place, by the byte offsets the backend keeps for them. It must therefore own nothing in that
 * memory: no static data and no shadow-stack use (scripts/build-wasm-kernels.mjs rejects a build
 * with either). Callers pass every buffer, and scratch space, as pointers.
 *
 * Layouts are TensorFlow's: activations NHWC, conv filters [kh, kw, in, out], depthwise filters
 * [kh, kw, in, multiplier]. SIMD runs over the innermost (channel) axis, four lanes at a time, with
 * scalar loops for channel counts that are not multiples of four.
 *
 * Build: npm run build:wasm (needs clang and wasm-ld with the wasm32 target).
 */
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

INLINE v128_t madd(v128_t acc, v128_t a, v128_t b) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }

EXPORT(fill_zero) void fill_zero(float* out, int count) { __builtin_memset(out, 0, (unsigned)count * 4u); }

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

/* ---------------------------------------------------------------------------------------------
 * Conv2D: y[n][oy][ox][co] = sum over kh, kw, ci of x[n][oy*sh + kh*dh - pt][ox*sw + kw*dw - pl][ci]
 * * w[kh][kw][ci][co], taps outside x contributing nothing. A register tile of PIX output pixels
 * (along a row) x 4*COV output channels accumulates over every tap and input channel, reading the
 * filter in its own layout (no packing). Pixels whose taps all fall inside x go four at a time;
 * the others one at a time with their own tap ranges.
 * ------------------------------------------------------------------------------------------- */
#define DEFINE_CONV_TILE(PIX, COV)                                                                  \
  INLINE void conv_tile_##PIX##x##COV(const Geometry* g, const float* xn, const float* w, float* yp, \
                                      int pixel_stride, int oy, int ox, int co, int kh0, int kh1,  \
                                      int kw0, int kw1) {                                          \
    const int CI = g->ci, CO = g->co, XS = g->sw * CI;                                             \
    v128_t acc[PIX][COV];                                                                          \
    UNROLL for (int i = 0; i < PIX; i++) UNROLL for (int j = 0; j < COV; j++)                      \
      acc[i][j] = wasm_f32x4_splat(0.0f);                                                          \
    for (int kh = kh0; kh < kh1; kh++) {                                                           \
      const int iy = oy * g->sh + kh * g->dh - g->pt;                                              \
      for (int kw = kw0; kw < kw1; kw++) {                                                         \
        const float* xp = xn + (iy * g->w + ox * g->sw + kw * g->dw - g->pl) * CI;                 \
        const float* wp = w + (kh * g->kw + kw) * CI * CO + co;                                    \
        for (int ci = 0; ci < CI; ci++) {                                                          \
          v128_t wv[COV];                                                                          \
          UNROLL for (int j = 0; j < COV; j++) wv[j] = wasm_v128_load(wp + ci * CO + 4 * j);       \
          UNROLL for (int i = 0; i < PIX; i++) {                                                   \
            const v128_t s = wasm_v128_load32_splat(xp + i * XS + ci);                             \
            UNROLL for (int j = 0; j < COV; j++) acc[i][j] = madd(acc[i][j], s, wv[j]);            \
          }                                                                                        \
        }                                                                                          \
      }                                                                                            \
    }                                                                                              \
    UNROLL for (int i = 0; i < PIX; i++) UNROLL for (int j = 0; j < COV; j++)                      \
      wasm_v128_store(yp + i * pixel_stride + 4 * j, acc[i][j]);                                   \
  }
DEFINE_CONV_TILE(4, 2)
DEFINE_CONV_TILE(1, 2)
DEFINE_CONV_TILE(4, 1)
DEFINE_CONV_TILE(1, 1)

/* One output channel of one pixel (for channel counts that are not multiples of four). */
INLINE void conv_scalar(const Geometry* g, const float* xn, const float* w, float* yp, int oy, int ox,
                        int co, int kh0, int kh1, int kw0, int kw1) {
  const int CI = g->ci, CO = g->co;
  float acc = 0.0f;
  for (int kh = kh0; kh < kh1; kh++) {
    const int iy = oy * g->sh + kh * g->dh - g->pt;
    for (int kw = kw0; kw < kw1; kw++) {
      const float* xp = xn + (iy * g->w + ox * g->sw + kw * g->dw - g->pl) * CI;
      const float* wp = w + (kh * g->kw + kw) * CI * CO + co;
      for (int ci = 0; ci < CI; ci++) acc += xp[ci] * wp[ci * CO];
    }
  }
  *yp = acc;
}

/* One output row, channels co..co+4*COV: interior pixels four at a time, the rest singly. */
#define DEFINE_CONV_ROW(COV)                                                                        \
  INLINE void conv_row_##COV(const Geometry* g, const float* xn, const float* w, float* yr,       \
                             int pixel, int oy, int co, int kh0, int kh1, int oxa, int oxb) {      \
    int ox = 0;                                                                                    \
    for (; ox < g->wo; ox++) {                                                                     \
      if (ox >= oxa && ox + 4 <= oxb) {                                                            \
        conv_tile_4x##COV(g, xn, w, yr + ox * pixel + co, pixel, oy, ox, co, kh0, kh1, 0, g->kw);  \
        ox += 3;                                                                                   \
        continue;                                                                                  \
      }                                                                                            \
      const int kw0 = first_tap(ox, g->sw, g->dw, g->pl), kw1 = end_tap(ox, g->sw, g->dw, g->pl, g->w, g->kw); \
      conv_tile_1x##COV(g, xn, w, yr + ox * pixel + co, pixel, oy, ox, co, kh0, kh1, kw0, kw1);    \
    }                                                                                              \
  }
DEFINE_CONV_ROW(2)
DEFINE_CONV_ROW(1)

/* dst [n][hp][wp][c] = src [n][h][w][c] placed at row `top`, column `left`, zeros around it. */
EXPORT(pad_nhwc)
void pad_nhwc(const float* src, float* dst, int n, int h, int w, int c, int top, int left, int hp, int wp) {
  const int row = wp * c;
  for (int b = 0; b < n; b++) {
    float* image = dst + b * hp * row;
    fill_zero(image, top * row);
    for (int y = 0; y < h; y++) {
      float* d = image + (top + y) * row;
      fill_zero(d, left * c);
      __builtin_memcpy(d + left * c, src + (b * h + y) * w * c, (unsigned)(w * c) * 4u);
      fill_zero(d + (left + w) * c, (wp - left - w) * c);
    }
    fill_zero(image + (top + h) * row, (hp - top - h) * row);
  }
}

EXPORT(conv2d_forward)
void conv2d_forward(const float* x, const float* w, float* y, const Geometry* g, const Layout* out) {
  /* Pixels oxa..oxb-1 have every tap inside x. */
  const int oxa = min_i(g->wo, first_out(0, g->sw, g->dw, g->pl));
  const int oxb = end_out(g->kw - 1, g->sw, g->dw, g->pl, g->w, g->wo);
  for (int n = 0; n < g->n; n++) {
    const float* xn = x + n * g->h * g->w * g->ci;
    for (int oy = 0; oy < g->ho; oy++) {
      const int kh0 = first_tap(oy, g->sh, g->dh, g->pt), kh1 = end_tap(oy, g->sh, g->dh, g->pt, g->h, g->kh);
      float* yr = y + out->offset + n * out->image + oy * out->row;
      int co = 0;
      for (; co + 8 <= g->co; co += 8) conv_row_2(g, xn, w, yr, out->pixel, oy, co, kh0, kh1, oxa, oxb);
      for (; co + 4 <= g->co; co += 4) conv_row_1(g, xn, w, yr, out->pixel, oy, co, kh0, kh1, oxa, oxb);
      for (; co < g->co; co++)
        for (int ox = 0; ox < g->wo; ox++) {
          const int kw0 = first_tap(ox, g->sw, g->dw, g->pl), kw1 = end_tap(ox, g->sw, g->dw, g->pl, g->w, g->kw);
          conv_scalar(g, xn, w, yr + ox * out->pixel + co, oy, ox, co, kh0, kh1, kw0, kw1);
        }
    }
  }
}

/* ---------------------------------------------------------------------------------------------
 * Winograd F(2x2, 3x3) (Lavin & Gray 2016) for 3x3, stride-1 convolutions with channel counts
 * that are multiples of four: a 2x2 output tile costs 16 multiply-adds per channel pair instead
 * of 36. x must be padded so that every 4x4 input tile lies inside it (tile (ty, tx) starts at
 * row 2ty, column 2tx; g->pt and g->pl are 0). Tiles go in blocks of `block`: their input
 * transforms V[16][block][ci], then 16 matrix products M[xi] = V[xi] U[xi], then the output
 * transforms, so the intermediates stay in cache.
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

/* M[t][co] (rows t0..t0+3 of one xi) += V[t][ci] U[ci][co]: 4 tiles x 8 channels in registers. */
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

/* The 2x2 output tile A^T m A (m: M[xi][t] at stride stride_xi) into y, clipped to rows x cols. */
INLINE void winograd_output_tile(const float* m, int stride_xi, int co, float* y, int row, int pixel,
                                 int rows, int cols) {
  for (int c = 0; c < co; c += 4) {
    v128_t q[4][4], t[2][4];
    UNROLL for (int i = 0; i < 4; i++)
      UNROLL for (int j = 0; j < 4; j++) q[i][j] = wasm_v128_load(m + (i * 4 + j) * stride_xi + c);
    UNROLL for (int j = 0; j < 4; j++) {
      t[0][j] = wasm_f32x4_add(wasm_f32x4_add(q[0][j], q[1][j]), q[2][j]);
      t[1][j] = wasm_f32x4_sub(wasm_f32x4_sub(q[1][j], q[2][j]), q[3][j]);
    }
    UNROLL for (int i = 0; i < 2; i++) {
      if (i >= rows) break;
      wasm_v128_store(y + i * row + c, wasm_f32x4_add(wasm_f32x4_add(t[i][0], t[i][1]), t[i][2]));
      if (cols > 1) wasm_v128_store(y + i * row + pixel + c, wasm_f32x4_sub(wasm_f32x4_sub(t[i][1], t[i][2]), t[i][3]));
    }
  }
}

/* scratch: 16*block*(ci + co) floats. */
EXPORT(winograd_conv)
void winograd_conv(const float* x, const float* u, float* y, const Geometry* g, const Layout* out,
                   float* scratch, int block) {
  const int CI = g->ci, CO = g->co, TY = (g->ho + 1) / 2, TX = (g->wo + 1) / 2;
  const int tiles = g->n * TY * TX, pitch = g->w * CI;
  float* v = scratch;
  float* m = scratch + 16 * block * CI;
  for (int t0 = 0; t0 < tiles; t0 += block) {
    const int count = min_i(block, tiles - t0);
    for (int t = 0; t < count; t++) {
      const int tile = t0 + t, n = tile / (TY * TX), ty = (tile / TX) % TY, tx = tile % TX;
      winograd_input_tile(x + (n * g->h + 2 * ty) * pitch + 2 * tx * CI, pitch, CI, v + t * CI, block * CI);
    }
    for (int xi = 0; xi < 16; xi++)
      gemm(v + xi * block * CI, u + xi * CI * CO, m + xi * block * CO, count, CI, CO);
    for (int t = 0; t < count; t++) {
      const int tile = t0 + t, n = tile / (TY * TX), ty = (tile / TX) % TY, tx = tile % TX;
      float* yt = y + out->offset + n * out->image + 2 * ty * out->row + 2 * tx * out->pixel;
      winograd_output_tile(m + t * CO, block * CO, CO, yt, out->row, out->pixel, min_i(2, g->ho - 2 * ty), min_i(2, g->wo - 2 * tx));
    }
  }
}

/*
 * The filter gradient in the Winograd domain: the forward tile is Y = A^T (U . V) A with
 * U = G w G^T, so dU = sum over tiles of (A dY A^T) . V and dw = G^T dU G. dU[xi] is a product of
 * the tiles' V[xi] (transposed) and Yhat[xi], accumulated block by block.
 */

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

/* du[ci][co] += v[t][ci]^T yhat[t][co] over `count` tiles: 4 x 8 register tiles. */
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

/* x padded as for winograd_conv; dy dense [n][ho][wo][co]. scratch: 16*ci*co + 16*block*(ci+co) floats. */
EXPORT(winograd_filter_grad)
void winograd_filter_grad(const float* x, const float* dy, float* dw, const Geometry* g, float* scratch, int block) {
  const int CI = g->ci, CO = g->co, TY = (g->ho + 1) / 2, TX = (g->wo + 1) / 2;
  const int tiles = g->n * TY * TX, pitch = g->w * CI;
  float* du = scratch;
  float* v = du + 16 * CI * CO;
  float* yh = v + 16 * block * CI;
  fill_zero(du, 16 * CI * CO);
  for (int t0 = 0; t0 < tiles; t0 += block) {
    const int count = min_i(block, tiles - t0);
    for (int t = 0; t < count; t++) {
      const int tile = t0 + t, n = tile / (TY * TX), ty = (tile / TX) % TY, tx = tile % TX;
      winograd_input_tile(x + (n * g->h + 2 * ty) * pitch + 2 * tx * CI, pitch, CI, v + t * CI, block * CI);
      const float* yt = dy + ((n * g->ho + 2 * ty) * g->wo + 2 * tx) * CO;
      winograd_gradient_tile(yt, g->wo * CO, CO, min_i(2, g->ho - 2 * ty), min_i(2, g->wo - 2 * tx), CO, yh + t * CO, block * CO);
    }
    for (int xi = 0; xi < 16; xi++) {
      const float* vx = v + xi * block * CI;
      const float* yx = yh + xi * block * CO;
      float* dux = du + xi * CI * CO;
      for (int ci = 0; ci < CI; ci += 4) {
        int co = 0;
        for (; co + 8 <= CO; co += 8) outer_tile_4x2(vx + ci, yx + co, dux + ci * CO + co, count, CI, CO);
        for (; co < CO; co += 4) outer_tile_4x1(vx + ci, yx + co, dux + ci * CO + co, count, CI, CO);
      }
    }
  }
  winograd_filter_back(du, dw, CI * CO);
}

/* ---------------------------------------------------------------------------------------------
 * Conv2DBackpropFilter: dw[kh][kw][ci][co] = sum over n, oy, ox of
 *   x[n][oy*sh + kh*dh - pt][ox*sw + kw*dw - pl][ci] * dy[n][oy][ox][co]
 * A register tile of CIB input channels x 4*COV output channels accumulates over one image's
 * output pixels for one filter tap, so the image's rows stay in cache across the tiles.
 * ------------------------------------------------------------------------------------------- */
/* Defines filter_tile_<CIB>x<COV>; the tile sizes are literals so the loops unroll into locals. */
#define DEFINE_FILTER_TILE(CIB, COV)                                                                \
  INLINE void filter_tile_##CIB##x##COV(const Geometry* g, const float* xn, const float* dyn,      \
                                        float* tap, int ci, int co, int kh, int kw, int oy0,       \
                                        int oy1, int ox0, int ox1) {                               \
    const int CI = g->ci, CO = g->co, W = g->w, WO = g->wo;                                        \
    v128_t acc[CIB][COV];                                                                          \
    UNROLL for (int i = 0; i < CIB; i++) UNROLL for (int j = 0; j < COV; j++)                      \
      acc[i][j] = wasm_v128_load(tap + (ci + i) * CO + co + 4 * j);                                \
    for (int oy = oy0; oy < oy1; oy++) {                                                           \
      const int iy = oy * g->sh + kh * g->dh - g->pt;                                              \
      const float* xr = xn + (iy * W + kw * g->dw - g->pl) * CI + ci;                              \
      const float* dr = dyn + oy * WO * CO + co;                                                   \
      for (int ox = ox0; ox < ox1; ox++) {                                                         \
        const float* xp = xr + ox * g->sw * CI;                                                    \
        const float* dp = dr + ox * CO;                                                            \
        v128_t d[COV];                                                                             \
        UNROLL for (int j = 0; j < COV; j++) d[j] = wasm_v128_load(dp + 4 * j);                    \
        UNROLL for (int i = 0; i < CIB; i++) {                                                     \
          const v128_t s = wasm_v128_load32_splat(xp + i);                                         \
          UNROLL for (int j = 0; j < COV; j++) acc[i][j] = madd(acc[i][j], s, d[j]);               \
        }                                                                                          \
      }                                                                                            \
    }                                                                                              \
    UNROLL for (int i = 0; i < CIB; i++) UNROLL for (int j = 0; j < COV; j++)                      \
      wasm_v128_store(tap + (ci + i) * CO + co + 4 * j, acc[i][j]);                                \
  }
DEFINE_FILTER_TILE(4, 2)
DEFINE_FILTER_TILE(4, 1)
DEFINE_FILTER_TILE(3, 2)
DEFINE_FILTER_TILE(3, 1)
DEFINE_FILTER_TILE(2, 2)
DEFINE_FILTER_TILE(2, 1)
DEFINE_FILTER_TILE(1, 2)
DEFINE_FILTER_TILE(1, 1)

/* Output channels co.. that are not a multiple of four, one at a time. */
INLINE void filter_scalar(const Geometry* g, const float* xn, const float* dyn, float* tap, int ci,
                          int co, int kh, int kw, int oy0, int oy1, int ox0, int ox1) {
  const int CI = g->ci, CO = g->co;
  float acc = tap[ci * CO + co];
  for (int oy = oy0; oy < oy1; oy++) {
    const int iy = oy * g->sh + kh * g->dh - g->pt;
    for (int ox = ox0; ox < ox1; ox++) {
      const int ix = ox * g->sw + kw * g->dw - g->pl;
      acc += xn[(iy * g->w + ix) * CI + ci] * dyn[(oy * g->wo + ox) * CO + co];
    }
  }
  tap[ci * CO + co] = acc;
}

#define FILTER_ROWS(CIB)                                                                            \
  INLINE void filter_rows_##CIB(const Geometry* g, const float* xn, const float* dyn, float* tap,  \
                                int ci, int kh, int kw, int oy0, int oy1, int ox0, int ox1) {      \
    int co = 0;                                                                                    \
    for (; co + 8 <= g->co; co += 8)                                                               \
      filter_tile_##CIB##x2(g, xn, dyn, tap, ci, co, kh, kw, oy0, oy1, ox0, ox1);                  \
    for (; co + 4 <= g->co; co += 4)                                                               \
      filter_tile_##CIB##x1(g, xn, dyn, tap, ci, co, kh, kw, oy0, oy1, ox0, ox1);                  \
    for (; co < g->co; co++)                                                                       \
      for (int i = 0; i < CIB; i++) filter_scalar(g, xn, dyn, tap, ci + i, co, kh, kw, oy0, oy1, ox0, ox1); \
  }
FILTER_ROWS(4)
FILTER_ROWS(3)
FILTER_ROWS(2)
FILTER_ROWS(1)

EXPORT(conv2d_backprop_filter)
void conv2d_backprop_filter(const float* x, const float* dy, float* dw, const Geometry* g) {
  fill_zero(dw, g->kh * g->kw * g->ci * g->co);
  for (int n = 0; n < g->n; n++) {
    const float* xn = x + n * g->h * g->w * g->ci;
    const float* dyn = dy + n * g->ho * g->wo * g->co;
    for (int kh = 0; kh < g->kh; kh++) {
      const int oy0 = first_out(kh, g->sh, g->dh, g->pt), oy1 = end_out(kh, g->sh, g->dh, g->pt, g->h, g->ho);
      for (int kw = 0; kw < g->kw; kw++) {
        const int ox0 = first_out(kw, g->sw, g->dw, g->pl), ox1 = end_out(kw, g->sw, g->dw, g->pl, g->w, g->wo);
        if (oy0 >= oy1 || ox0 >= ox1) continue;
        float* tap = dw + (kh * g->kw + kw) * g->ci * g->co;
        int ci = 0;
        for (; ci + 4 <= g->ci; ci += 4) filter_rows_4(g, xn, dyn, tap, ci, kh, kw, oy0, oy1, ox0, ox1);
        /* The last 1-3 input channels (an RGB stem has only these) as one tile. */
        if (g->ci - ci == 3) filter_rows_3(g, xn, dyn, tap, ci, kh, kw, oy0, oy1, ox0, ox1);
        if (g->ci - ci == 2) filter_rows_2(g, xn, dyn, tap, ci, kh, kw, oy0, oy1, ox0, ox1);
        if (g->ci - ci == 1) filter_rows_1(g, xn, dyn, tap, ci, kh, kw, oy0, oy1, ox0, ox1);
      }
    }
  }
}

/* ---------------------------------------------------------------------------------------------
 * Conv2DBackpropInput. The fast path runs conv2d_forward over dy once per stride phase, writing
 * that phase's pixels of dx in place (through a strided Layout); phase_filter builds its filter.
 * ------------------------------------------------------------------------------------------- */

/*
 * The filter for one stride phase: out[jy][jx][co][ci] = w[ky0 + sh*(my-1-jy)][kx0 + sw*(mx-1-jx)][ci][co],
 * i.e. the taps of that phase, spatially flipped, with input and output channels swapped.
 */
EXPORT(phase_filter)
void phase_filter(const float* w, float* out, const Geometry* g, int ky0, int kx0, int my, int mx) {
  const int CI = g->ci, CO = g->co;
  for (int jy = 0; jy < my; jy++)
    for (int jx = 0; jx < mx; jx++) {
      const float* src = w + ((ky0 + g->sh * (my - 1 - jy)) * g->kw + kx0 + g->sw * (mx - 1 - jx)) * CI * CO;
      float* dst = out + (jy * mx + jx) * CO * CI;
      for (int co = 0; co < CO; co++)
        for (int ci = 0; ci < CI; ci++) dst[co * CI + ci] = src[ci * CO + co];
    }
}

/* out[kh][kw][co][ci] = w[kh][kw][ci][co]. */
EXPORT(transpose_filter)
void transpose_filter(const float* w, float* out, int taps, int ci, int co) {
  for (int t = 0; t < taps; t++)
    for (int o = 0; o < co; o++)
      for (int i = 0; i < ci; i++) out[(t * co + o) * ci + i] = w[(t * ci + i) * co + o];
}

/*
 * The general Conv2DBackpropInput (any stride, dilation and padding), scattering each output
 * pixel's gradient through every tap: dx[n][iy][ix][:] += wt[kh][kw] (co x ci) . dy[n][oy][ox][:],
 * with wt the filter as transpose_filter lays it out.
 */
EXPORT(conv2d_backprop_input_direct)
void conv2d_backprop_input_direct(const float* dy, const float* wt, float* dx, const Geometry* g) {
  const int CI = g->ci, CO = g->co;
  fill_zero(dx, g->n * g->h * g->w * CI);
  for (int n = 0; n < g->n; n++)
    for (int oy = 0; oy < g->ho; oy++)
      for (int ox = 0; ox < g->wo; ox++) {
        const float* dp = dy + ((n * g->ho + oy) * g->wo + ox) * CO;
        for (int kh = 0; kh < g->kh; kh++) {
          const int iy = oy * g->sh + kh * g->dh - g->pt;
          if (iy < 0 || iy >= g->h) continue;
          for (int kw = 0; kw < g->kw; kw++) {
            const int ix = ox * g->sw + kw * g->dw - g->pl;
            if (ix < 0 || ix >= g->w) continue;
            float* xp = dx + ((n * g->h + iy) * g->w + ix) * CI;
            const float* tap = wt + (kh * g->kw + kw) * CO * CI;
            int ci = 0;
            for (; ci + 4 <= CI; ci += 4) {
              v128_t acc = wasm_v128_load(xp + ci);
              for (int co = 0; co < CO; co++)
                acc = madd(acc, wasm_v128_load32_splat(dp + co), wasm_v128_load(tap + co * CI + ci));
              wasm_v128_store(xp + ci, acc);
            }
            for (; ci < CI; ci++) {
              float acc = xp[ci];
              for (int co = 0; co < CO; co++) acc += dp[co] * tap[co * CI + ci];
              xp[ci] = acc;
            }
          }
        }
      }
}

/* ---------------------------------------------------------------------------------------------
 * Depthwise convolution gradients; g->co = g->ci * multiplier, output channel c*mult + m reads
 * input channel c. The multiplier-1 case (the common one) runs four channels per instruction.
 * ------------------------------------------------------------------------------------------- */
EXPORT(depthwise_backprop_filter)
void depthwise_backprop_filter(const float* x, const float* dy, float* dw, const Geometry* g) {
  const int C = g->ci, CO = g->co, M = CO / C;
  fill_zero(dw, g->kh * g->kw * CO);
  for (int n = 0; n < g->n; n++) {
    const float* xn = x + n * g->h * g->w * C;
    const float* dyn = dy + n * g->ho * g->wo * CO;
    for (int kh = 0; kh < g->kh; kh++) {
      const int oy0 = first_out(kh, g->sh, g->dh, g->pt), oy1 = end_out(kh, g->sh, g->dh, g->pt, g->h, g->ho);
      for (int kw = 0; kw < g->kw; kw++) {
        const int ox0 = first_out(kw, g->sw, g->dw, g->pl), ox1 = end_out(kw, g->sw, g->dw, g->pl, g->w, g->wo);
        float* tap = dw + (kh * g->kw + kw) * CO;
        for (int oy = oy0; oy < oy1; oy++) {
          const int iy = oy * g->sh + kh * g->dh - g->pt;
          for (int ox = ox0; ox < ox1; ox++) {
            const int ix = ox * g->sw + kw * g->dw - g->pl;
            const float* xp = xn + (iy * g->w + ix) * C;
            const float* dp = dyn + (oy * g->wo + ox) * CO;
            int c = 0;
            if (M == 1)
              for (; c + 4 <= C; c += 4)
                wasm_v128_store(tap + c, madd(wasm_v128_load(tap + c), wasm_v128_load(xp + c), wasm_v128_load(dp + c)));
            for (; c < C; c++)
              for (int m = 0; m < M; m++) tap[c * M + m] += xp[c] * dp[c * M + m];
          }
        }
      }
    }
  }
}

EXPORT(depthwise_backprop_input)
void depthwise_backprop_input(const float* dy, const float* w, float* dx, const Geometry* g) {
  const int C = g->ci, CO = g->co, M = CO / C;
  fill_zero(dx, g->n * g->h * g->w * C);
  for (int n = 0; n < g->n; n++)
    for (int oy = 0; oy < g->ho; oy++)
      for (int ox = 0; ox < g->wo; ox++) {
        const float* dp = dy + ((n * g->ho + oy) * g->wo + ox) * CO;
        for (int kh = 0; kh < g->kh; kh++) {
          const int iy = oy * g->sh + kh * g->dh - g->pt;
          if (iy < 0 || iy >= g->h) continue;
          for (int kw = 0; kw < g->kw; kw++) {
            const int ix = ox * g->sw + kw * g->dw - g->pl;
            if (ix < 0 || ix >= g->w) continue;
            float* xp = dx + ((n * g->h + iy) * g->w + ix) * C;
            const float* tap = w + (kh * g->kw + kw) * CO;
            int c = 0;
            if (M == 1)
              for (; c + 4 <= C; c += 4)
                wasm_v128_store(xp + c, madd(wasm_v128_load(xp + c), wasm_v128_load(tap + c), wasm_v128_load(dp + c)));
            for (; c < C; c++) {
              float acc = xp[c];
              for (int m = 0; m < M; m++) acc += tap[c * M + m] * dp[c * M + m];
              xp[c] = acc;
            }
          }
        }
      }
}

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
