/**
 * `evo-nas correlate PREDICTIONS TRUTH`: how well predicted accuracies rank architectures against
 * ground truth (Kendall tau-b, Spearman, Pearson, top-10% overlap), beside the parameter-count
 * floor and the seed-to-seed ceiling. Either file may be a challenge submission or a table keyed
 * by genome text (see src/ranking/files.ts).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_TOP_FRACTION, type RankAgreement } from '../../ranking/agreement.js';
import { correlate, type CorrelationReport } from '../../ranking/correlate.js';
import { readScoreFile } from '../../ranking/files.js';
import { DEFAULT_SPACE_NAME, getSpace, SPACES } from '../../space/index.js';
import { formatTable } from '../table.js';

export interface CorrelateOptions {
  readonly space: string;
  readonly top: number;
  readonly json?: boolean;
}

export function correlateCommand(predictions: string, truth: string, options: CorrelateOptions): string {
  const space = getSpace(options.space);
  const report = correlate(readScoreFile(predictions, space), readScoreFile(truth, space), space, options.top);
  return options.json ? JSON.stringify(report, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v)) : formatReport(report);
}

const figure = (x: number) => (Number.isNaN(x) ? 'undefined' : x.toFixed(3));

export function formatReport(report: CorrelationReport): string {
  const percent = `${Math.round(report.topFraction * 100)}%`;
  const row = (name: string, a: RankAgreement) => [name, String(a.n), figure(a.kendallTau), figure(a.spearman), figure(a.pearson), figure(a.topOverlap)];
  const rows = [
    row('predictions', report.predicted),
    row(`params (floor, from the ${report.paramsFloor.paramsFrom})`, report.paramsFloor),
    ...(report.seedCeiling ? [row('seed 1 vs seed 2 (ceiling)', report.seedCeiling)] : []),
    ...(report.attainableKendall !== null
      ? [[`perfect ranking vs the ${report.seedsPerArchitecture}-seed mean (estimated)`, String(report.architectures), figure(report.attainableKendall), '', '', '']]
      : []),
  ];
  const notes = [
    `${report.predictions} against ${report.truth}: ${report.architectures} architectures of ${report.space}; top ${percent} = ${report.topCount}`,
    formatTable(['scored by', 'n', 'Kendall tau-b', 'Spearman', 'Pearson', `top-${percent} overlap`], rows),
  ];
  if (!report.seedCeiling) notes.push('no ceiling: the truth holds fewer than 2 architectures with two or more seeds');
  return notes.join('\n');
}

function topFraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n <= 1)) throw new InvalidArgumentError(`must be a fraction above 0 and at most 1, like 0.1 (got "${value}")`);
  return n;
}

export function registerCorrelateCommand(program: Command, print: (text: string) => void): void {
  program
    .command('correlate')
    .description('rank agreement of predicted accuracies with ground truth (Kendall tau-b, Spearman, Pearson, top-10% overlap), beside the params floor and the seed-to-seed ceiling')
    .argument('<predictions>', 'a challenge submission {"arch1": {"arch": "16-...", "acc": x}} or a table keyed by genome text')
    .argument('<truth>', 'the same two formats; a table (evo-nas table build) also gives params and seeds')
    .addOption(new Option('--space <name>', 'the space the genomes belong to').choices([...SPACES.keys()]).default(DEFAULT_SPACE_NAME))
    .option('--top <fraction>', 'the top share whose overlap is measured', topFraction, DEFAULT_TOP_FRACTION)
    .option('--json', 'print JSON instead of text (undefined figures as null)')
    .action((predictions: string, truth: string, options: CorrelateOptions) => print(correlateCommand(predictions, truth, options)))
    .addHelpText('after', '\nExamples:\n  evo-nas correlate predicted.json truth.json\n  evo-nas correlate submission.json truth.json --json');
}
