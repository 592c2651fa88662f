/**
 * A small Unicode scatter of a Pareto front for the terminal: accuracy up, cost across (a log
 * axis when the costs span more than a factor of 20), each architecture a ●, joined by the
 * front's staircase in dots. Pure: points in, lines out.
 */

export interface PlotPoint {
  readonly cost: number;
  readonly accuracy: number;
}

export interface PlotOptions {
  /** Columns of the plotting area (default 56). */
  readonly width?: number;
  /** Rows of the plotting area (default 12). */
  readonly height?: number;
  /** The cost's name on the x axis ("params", "MACs"). */
  readonly costLabel: string;
}

const compact = (n: number): string =>
  n >= 1e9 ? `${+(n / 1e9).toPrecision(3)}G` : n >= 1e6 ? `${+(n / 1e6).toPrecision(3)}M` : n >= 1e3 ? `${+(n / 1e3).toPrecision(3)}k` : `${+n.toPrecision(3)}`;

/** The plot as lines, or one line saying there is nothing to draw. */
export function frontScatter(points: readonly PlotPoint[], options: PlotOptions): string[] {
  if (points.length === 0) return ['(no front to plot)'];
  const width = options.width ?? 56;
  const height = options.height ?? 12;
  const sorted = [...points].sort((a, b) => a.cost - b.cost);
  const costs = sorted.map((p) => p.cost);
  const [minCost, maxCost] = [Math.min(...costs), Math.max(...costs)];
  const log = minCost > 0 && maxCost / minCost > 20;
  const scale = (c: number) => (log ? Math.log(c) : c);
  const [x0, x1] = [scale(minCost), scale(maxCost)];
  const accuracies = sorted.map((p) => p.accuracy);
  const [y0, y1] = [Math.min(...accuracies), Math.max(...accuracies)];
  const column = (c: number) => (x1 === x0 ? Math.floor(width / 2) : Math.round(((scale(c) - x0) / (x1 - x0)) * (width - 1)));
  const row = (a: number) => (y1 === y0 ? Math.floor(height / 2) : Math.round(((y1 - a) / (y1 - y0)) * (height - 1)));
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  // The staircase: each member's accuracy holds until the next (costlier) member's column.
  sorted.forEach((p, i) => {
    const r = row(p.accuracy);
    const next = sorted[i + 1];
    const end = next ? column(next.cost) : column(p.cost);
    for (let c = column(p.cost); c <= end; c++) (grid[r] as string[])[c] = '·';
    if (next) for (let rr = row(next.accuracy); rr < r; rr++) (grid[rr] as string[])[end] = '·';
  });
  for (const p of sorted) (grid[row(p.accuracy)] as string[])[column(p.cost)] = '●';
  const label = (a: number) => `${(a * 100).toFixed(1)}%`;
  const pad = Math.max(label(y0).length, label(y1).length);
  const lines = grid.map((cells, r) => {
    const tick = r === 0 ? label(y1) : r === height - 1 ? label(y0) : '';
    return `${tick.padStart(pad)} │${cells.join('').trimEnd()}`;
  });
  const [left, right] = [compact(minCost), compact(maxCost)];
  lines.push(`${' '.repeat(pad)} └${'─'.repeat(width)}`);
  const axis = `${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`;
  lines.push(`${' '.repeat(pad + 2)}${axis}`);
  lines.push(`${' '.repeat(pad + 2)}${options.costLabel}${log ? ' (log scale)' : ''}; accuracy up`);
  return lines;
}
