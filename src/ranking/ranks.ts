/**
 * Ranks with ties averaged ("fractional ranking"): the values' 1-based positions in ascending
 * order, where equal values share the mean of the positions they span — what Spearman's rho
 * needs so that ties neither help nor hurt.
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end += 1;
    // Positions start+1 .. end share their mean.
    const shared = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = shared;
    start = end;
  }
  return ranks;
}
