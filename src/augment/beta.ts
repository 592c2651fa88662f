/**
 * Draws from the Beta distribution, which Mixup and CutMix take their mixing ratio from. Built
 * from two Gamma draws, Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), each Gamma by
 * Marsaglia & Tsang (2000, "A Simple Method for Generating Gamma Variables"). The work is done
 * in log space so that small shapes (α = 0.05, where most draws sit within 1e-20 of 0 or 1) do
 * not underflow to 0 / 0.
 */
import type { Rng } from '../random/rng.js';

/**
 * Marsaglia & Tsang accept at least 95% of proposals for shape ≥ 1; a stream that rejects this
 * many in a row has probability below 1e-1000, so hitting the bound means a broken generator.
 */
const MAX_PROPOSALS = 1000;

/** A draw from Beta(a, b), a, b > 0. */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`Beta parameters must be finite and > 0 (got ${a}, ${b})`);
  }
  const logX = logGamma(a, rng);
  const logY = logGamma(b, rng);
  // X / (X + Y) = 1 / (1 + e^(logY - logX)), which stays finite when both are tiny.
  return 1 / (1 + Math.exp(logY - logX));
}

/** The logarithm of a draw from Gamma(shape, 1). */
export function logGamma(shape: number, rng: Rng): number {
  // For shape < 1, Gamma(shape) = Gamma(shape + 1) * U^(1 / shape) (Marsaglia & Tsang, section 6).
  if (shape < 1) return logGamma(shape + 1, rng) + Math.log(1 - rng.float()) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let proposal = 0; proposal < MAX_PROPOSALS; proposal++) {
    const x = standardNormal(rng);
    const root = 1 + c * x;
    if (root <= 0) continue;
    const v = root * root * root;
    const u = 1 - rng.float();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return Math.log(d * v);
  }
  throw new Error(`Gamma(${shape}) rejected ${MAX_PROPOSALS} proposals in a row: the random generator is broken`);
}

/** A standard normal draw (Box–Muller). */
function standardNormal(rng: Rng): number {
  const u = 1 - rng.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.float());
}
