/* Depthwise convolution gradients. */
#include "kernels.h"

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
