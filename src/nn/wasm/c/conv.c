/* Direct convolutions: Conv2D, and the gradients of any convolution that Winograd does not take. */
#include "kernels.h"

EXPORT(fill_zero) void fill_zero(float* out, int count) { __builtin_memset(out, 0, (unsigned)count * 4u); }

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

/* The epilogue over one output row just written (still in cache): wo pixels of co channels. */
INLINE void row_epilogue(float* yr, int pixel, int wo, int co, const float* bias, int relu) {
  for (int ox = 0; ox < wo; ox++) {
    float* p = yr + ox * pixel;
    int c = 0;
    for (; c + 4 <= co; c += 4) wasm_v128_store(p + c, epilogue(wasm_v128_load(p + c), bias, c, relu));
    for (; c < co; c++) p[c] = epilogue_scalar(p[c], bias, c, relu);
  }
}

/* bias (may be null) and relu: the epilogue (kernels.h), applied row by row. */
EXPORT(conv2d_forward)
void conv2d_forward(const float* x, const float* w, float* y, const Geometry* g, const Layout* out,
                    const float* bias, int relu) {
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
      if (bias || relu) row_epilogue(yr, out->pixel, g->wo, g->co, bias, relu);
    }
  }
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
