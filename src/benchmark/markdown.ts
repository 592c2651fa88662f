/** The strategy benchmark's results as a markdown table: one row per table and strategy. */
import type { TableResult } from './strategies.js';

const fixed = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

export function strategiesMarkdown(results: readonly TableResult[]): string {
  const checkpoints = Object.keys(results[0]?.strategies[0]?.share ?? {});
  const header = ['table', 'strategy', ...checkpoints.map((n) => `${n} evals`), 'ask CPU ms / gen (max)'];
  const rows = results.flatMap((r) =>
    r.strategies.map((s) => [
      `${r.space} (${r.architectures}, front ${r.frontSize})`,
      s.strategy,
      ...checkpoints.map((n) => {
        const share = s.share[n];
        return share ? `${fixed(share.median)} (${fixed(share.q25)}–${fixed(share.q75)})` : '–';
      }),
      Number.isFinite(s.askMs.median) ? `${s.askMs.median.toFixed(1)} (${s.askMs.max.toFixed(1)})` : '–',
    ]),
  );
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
