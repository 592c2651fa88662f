/**
 * `evo-nas show RUN_DIR`: a run's status, settings, generations and current Pareto front, at any
 * time — also while the run goes on, since it opens the store read-only and takes no lock.
 */
import { Option, type Command } from 'commander';
import { InputError } from '../../errors/errors.js';
import { failureCounts, formatFailures } from '../../run/failures.js';
import { readRunFront } from '../../run/front.js';
import { validationImagesOf } from '../../search/standard-error.js';
import { runStatus, supernetLine, supernetPhase, type SupernetPhaseView } from '../../run/status.js';
import type { GenerationRecord } from '../../store/schema.js';
import { Store } from '../../store/store.js';
import { frontScatter } from '../front-plot.js';
import { frontMember, frontTable } from '../report.js';
import { formatTable } from '../table.js';

export interface ShowOptions {
  readonly json?: boolean;
}

export async function showRun(runDir: string, options: ShowOptions): Promise<string> {
  const store = Store.open(runDir, { readOnly: true });
  try {
    const result = readRunFront(store);
    const supernet = supernetPhase(store);
    if (!result) throw new InputError(noRun(runDir, supernet));
    const { config, run, front } = result;
    const status = runStatus(runDir, run);
    const generations = store.allGenerations().map(summary);
    const supernetText = supernetLine(supernet, config, generations.length);
    if (options.json) {
      return JSON.stringify({
        runDir,
        ...status,
        config,
        createdAt: run.createdAt,
        updatedAt: run.updatedAt,
        evoNasVersion: run.evoNasVersion,
        supernetVersion: result.supernetVersion,
        evalSpecHash: result.evalSpecHash,
        supernet: supernet ?? null,
        generations,
        front: front.map((m) => frontMember(m, config.space, validationImagesOf(config))),
      });
    }
    const settings = Object.entries(config)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ');
    return [
      `run ${runDir}: ${status.status}${status.pid ? ` (pid ${status.pid})` : ''}${status.reason ? `: ${status.reason}` : ''}, ` +
        `${generations.length} generation${generations.length === 1 ? '' : 's'} committed (the run asks for ${config.generations})`,
      ...(supernetText ? [supernetText] : []),
      `settings: ${settings}`,
      '',
      formatTable(
        ['gen', 'new', 'cached', 'failed', 'best acc', 'front', 'HV', 'seconds'],
        generations.map((g) => [
          String(g.generation),
          String(g.evaluated),
          String(g.cached),
          String(g.failed),
          g.bestAccuracy === null ? '-' : `${(g.bestAccuracy * 100).toFixed(2)}%`,
          String(g.front),
          g.hypervolume.toFixed(5),
          g.seconds.toFixed(2),
        ]),
      ),
      ...failureLines(generations),
      '',
      `Pareto front: ${front.length} architecture${front.length === 1 ? '' : 's'}, hypervolume ${result.hypervolume.toFixed(5)}`,
      frontTable(front, config.space, validationImagesOf(config)),
      '',
      ...frontScatter(
        front.map((m) => ({ cost: m.metrics[config.objective === 'macs' ? 'macs' : 'params'], accuracy: m.metrics.accuracy })),
        { costLabel: config.objective === 'macs' ? 'MACs' : 'params' },
      ),
    ].join('\n');
  } finally {
    await store.close();
  }
}

/** A store without a run's settings: a supernet trained by `evo-nas supernet train` (or an older evo-nas) says how far it got. */
function noRun(runDir: string, supernet: SupernetPhaseView | undefined): string {
  if (!supernet) return `${runDir} holds no run yet`;
  return `${runDir} holds no run yet, only a supernet: ${supernet.epoch} of ${supernet.epochs} epochs trained (checkpoint v${supernet.version}); search it with: evo-nas run --run-dir ${runDir} ...`;
}

/** Why evaluations failed, a line per generation that had failures (nothing when none did). */
function failureLines(generations: readonly ReturnType<typeof summary>[]): string[] {
  const lines = generations.filter((g) => g.failures.length > 0).map((g) => `  gen ${g.generation}: ${g.failed} failed: ${formatFailures(g.failures)}`);
  return lines.length === 0 ? [] : ['', 'failed evaluations:', ...lines];
}

function summary(generation: GenerationRecord) {
  const best = Math.max(...generation.archive.map((m) => m.metrics.accuracy));
  return {
    generation: generation.index + 1,
    ...generation.counts,
    bestAccuracy: Number.isFinite(best) ? best : null,
    front: generation.archive.length,
    hypervolume: generation.hypervolume,
    seconds: generation.seconds,
    failures: failureCounts(generation.candidates),
  };
}

export function registerShowCommand(program: Command, print: (text: string) => void): void {
  program
    .command('show')
    .description("show a run's status, settings, generations and Pareto front (also while it runs)")
    .argument('<run-dir>', 'the run directory')
    .addOption(new Option('--json', 'print JSON instead of text'))
    .action(async (runDir: string, options: ShowOptions) => print(await showRun(runDir, options)));
}
