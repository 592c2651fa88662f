/** A sample's median and spread, as the benchmarks report them. */

export interface Spread {
  readonly median: number;
  /** 25th and 75th percentiles (linear interpolation between order statistics). */
  readonly q25: number;
  readonly q75: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const quantile = (q: number) => {
    if (sorted.length === 0) return NaN;
    const at = q * (sorted.length - 1);
    const [lo, hi] = [Math.floor(at), Math.ceil(at)];
    return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
  };
  return { median: quantile(0.5), q25: quantile(0.25), q75: quantile(0.75), min: quantile(0), max: quantile(1) };
}
