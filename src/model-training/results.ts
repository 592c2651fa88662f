/**
 * What a training run reports: a line per epoch, and at the end one results row with the columns
 * of the seed's tables (network, params, train loss, train top-1, val loss, val top-1,
 * hyper-parameters, peak memory).
 */

export interface EpochReport {
  /** 1-based. */
  readonly epoch: number;
  /** The learning rate of the epoch's last step. */
  readonly lr: number;
  readonly trainLoss: number;
  readonly trainTop1: number;
  readonly valLoss: number;
  readonly valTop1: number;
  readonly valTop5: number;
  readonly seconds: number;
  readonly imagesPerSecond: number;
}

export interface TrainingResult {
  readonly network: string;
  readonly params: number;
  readonly dataset: string;
  readonly epochs: number;
  readonly trainLoss: number;
  readonly trainTop1: number;
  readonly valLoss: number;
  readonly valTop1: number;
  readonly valTop5: number;
  readonly hyperParameters: string;
  /** The largest resident set of any process that trained this run, in bytes. */
  readonly peakMemoryBytes: number;
  readonly history: readonly EpochReport[];
}

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

export function formatEpoch(report: EpochReport, epochs: number, checkpoint: number): string {
  return (
    `epoch ${report.epoch}/${epochs}  train loss ${report.trainLoss.toFixed(4)} top-1 ${percent(report.trainTop1)}  ` +
    `val loss ${report.valLoss.toFixed(4)} top-1 ${percent(report.valTop1)} top-5 ${percent(report.valTop5)}  ` +
    `lr ${report.lr.toPrecision(3)}  ${Math.round(report.imagesPerSecond)} images/s  checkpoint v${checkpoint}`
  );
}

export const RESULT_COLUMNS = ['network', 'params', 'train loss', 'train top-1', 'val loss', 'val top-1', 'hyper-parameters', 'peak memory'] as const;

/** The cells of the results row, in {@link RESULT_COLUMNS} order. */
export function resultCells(result: TrainingResult): string[] {
  return [
    result.network,
    `${(result.params / 1e6).toFixed(2)}M`,
    result.trainLoss.toFixed(4),
    percent(result.trainTop1),
    result.valLoss.toFixed(4),
    percent(result.valTop1),
    result.hyperParameters,
    `${(result.peakMemoryBytes / 2 ** 30).toFixed(2)} GiB`,
  ];
}

/** The row as a Markdown table (header, rule, row), ready to paste beside the seed's tables. */
export function formatResultRow(result: TrainingResult): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(RESULT_COLUMNS), line(RESULT_COLUMNS.map(() => '---')), line(resultCells(result))].join('\n');
}
