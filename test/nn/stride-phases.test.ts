import fc from 'fast-check';
import t from 'tap';
import { axisPhases } from '../../src/nn/gradients/stride-phases.js';
import { holds } from '../helpers/property.js';

const axisArb = fc
  .record({ size: fc.integer({ min: 1, max: 40 }), filter: fc.integer({ min: 1, max: 7 }), stride: fc.integer({ min: 1, max: 4 }), pad: fc.integer({ min: 0, max: 6 }) })
  .map((a) => ({ ...a, out: Math.floor((a.size + 2 * a.pad - a.filter) / a.stride) + 1 }))
  .filter((a) => a.out >= 1);

t.test('stride phases split the input rows and the filter taps exactly', async (t) => {
  holds(t, 'partition', fc.property(axisArb, ({ size, filter, stride, pad, out }) => {
    const phases = axisPhases(size, filter, stride, pad, out);
    const rows = phases.reduce((n, p) => n + p.rows, 0);
    const taps = phases.reduce((n, p) => n + p.taps, 0);
    // Every tap k0 + s*m of a phase is a real tap, and each phase's correlation yields its rows.
    const consistent = phases.every((p) => p.taps === 0 || (p.k0 + stride * (p.taps - 1) < filter && out + p.before + p.after - p.taps + 1 === p.rows));
    return rows === size && taps === tapsUsed(size, filter, stride, pad) && consistent;
  }));
});

t.test('a phase reads each input row from the output rows that the forward pass wrote it to', async (t) => {
  holds(t, 'adjoint', fc.property(axisArb, ({ size, filter, stride, pad, out }) => {
    // Forward: output o reads input o*s + k - pad through tap k. Each phase must pair input row
    // s*q + r with output q + c - m through tap k0 + s*m, c = (taps - 1 - before).
    return axisPhases(size, filter, stride, pad, out).every((p) => {
      for (let q = 0; q < p.rows; q++) {
        for (let m = 0; m < p.taps; m++) {
          const o = q + (p.taps - 1 - p.before) - m;
          if (o >= 0 && o < out && o * stride + p.k0 + stride * m - pad !== stride * q + p.r) return false;
        }
      }
      return true;
    });
  }));
});

/** Tap k feeds input rows r = (k - pad) mod s, s + r, ...: those with r < min(s, size) exist. */
function tapsUsed(size: number, filter: number, stride: number, pad: number): number {
  let used = 0;
  for (let k = 0; k < filter; k++) if ((((k - pad) % stride) + stride) % stride < Math.min(stride, size)) used += 1;
  return used;
}
