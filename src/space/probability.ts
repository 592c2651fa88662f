/** Checks an operator's probability option once, where the operator is made. */
export function checkProbability(name: string, p: number): number {
  if (!(Number.isFinite(p) && p >= 0 && p <= 1)) {
    throw new RangeError(`${name} must be a probability from 0 to 1 (got ${p})`);
  }
  return p;
}
