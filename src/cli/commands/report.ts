/**
 * `evo-nas report RUN_DIR... --out report.html`: one self-contained HTML file with a run's
 * evaluations, front, hypervolume, front widths, supernet curve, settings and table (and, for
 * several runs, their fronts and hypervolume overlaid). Reads every store read-only; writes the
 * file to a temporary name and renames it, so it is never half-written.
 */
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../../errors/errors.js';
import { reportHtml } from '../../report/html.js';
import { runIds } from '../../report/run-ids.js';
import { readRunView } from '../../report/run-view.js';

export interface ReportOptions {
  readonly out: string;
}

export async function reportCommand(runDirs: readonly string[], options: ReportOptions): Promise<string> {
  if (runDirs.length === 0) throw new InputError('report needs at least one run directory');
  const out = resolve(options.out);
  if (!existsSync(dirname(out))) throw new InputError(`--out ${options.out}: the folder ${dirname(out)} does not exist`);
  const ids = runIds(runDirs);
  const views = runDirs.map((dir, i) => readRunView(dir, ids[i] as string));
  const html = reportHtml(views, new Date().toISOString());
  const temporary = `${out}.partial-${process.pid}`;
  await writeFile(temporary, html);
  await rename(temporary, out);
  const evaluations = views.reduce((sum, v) => sum + v.evaluations.length, 0);
  return `report of ${views.length} run${views.length === 1 ? '' : 's'} (${evaluations} evaluations) written to ${out} (${(html.length / 1e6).toFixed(1)} MB); open it in a browser`;
}

export function registerReportCommand(program: Command, print: (text: string) => void): void {
  program
    .command('report')
    .description('write one self-contained HTML report (plots, tables, downloads) of one or more runs')
    .argument('<run-dirs...>', 'run directories (several: their fronts and hypervolume are compared)')
    .addOption(new Option('--out <file>', 'the HTML file to write').default('report.html'))
    .action(async (runDirs: string[], options: ReportOptions) => print(await reportCommand(runDirs, options)))
    .addHelpText('after', '\nExamples:\n  evo-nas report runs/nsga2-seed0 --out report.html\n  evo-nas report runs/nsga2-seed0 runs/aging-seed0 runs/random-seed0 --out compare.html');
}
