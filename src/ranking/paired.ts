/** The shared precondition of the rank statistics: two lists of the same length, at least two finite numbers each. */
export function checkPaired(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`paired lists differ in length (${x.length} and ${y.length})`);
  if (x.length < 2) throw new RangeError(`a correlation needs at least 2 pairs (got ${x.length})`);
  if (![...x, ...y].every(Number.isFinite)) throw new RangeError('a correlation needs finite numbers');
}
