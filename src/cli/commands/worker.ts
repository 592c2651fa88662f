/**
 * `evo-nas worker --queue URL`: a long-lived process, one per host, that takes evaluation (and
 * training) jobs from every run announced on the queue's Redis and runs them in an evaluator pool
 * of `--workers` threads. SIGTERM or Ctrl-C stops it cleanly: it takes no new job and finishes
 * the running ones; a second signal releases them at once (another worker takes them up).
 */
import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseQueueUrl } from '../../../evaluators/queue/connection.js';
import { WorkerHost } from '../../../evaluators/queue/worker-host.js';
import { wholeNumber } from '../options.js';

export interface WorkerCommandOptions {
  readonly queue: string;
  readonly workers?: number;
  readonly backend?: string;
  readonly cacheDir?: string;
  readonly cacheMb?: number;
  readonly lockSeconds?: number;
  readonly dataDir?: string;
  readonly table?: string;
}

/** The default weight cache: per user, shared by the worker processes of a host. */
export const DEFAULT_CACHE_DIR = join(homedir(), '.cache', 'evo-nas', 'weights');

/** Runs until `stop` resolves (a signal, in the CLI); returns the jobs done. */
export async function workerCommand(options: WorkerCommandOptions, log: (line: string) => void, stop: Promise<'graceful' | 'force'>, force: Promise<void>): Promise<void> {
  const connection = parseQueueUrl(options.queue);
  const host = new WorkerHost({
    connection,
    url: options.queue,
    threads: options.workers ?? availableParallelism(),
    backend: options.backend ?? 'auto',
    cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
    cacheBytes: (options.cacheMb ?? 2048) * 1024 * 1024,
    lockMs: (options.lockSeconds ?? 30) * 1000,
    overrides: { ...(options.dataDir ? { dataDir: resolve(options.dataDir) } : {}), ...(options.table ? { file: resolve(options.table) } : {}) },
    log,
  });
  await host.start();
  await stop;
  log('stopping: taking no new jobs, finishing the running ones (signal again to release them at once)');
  void force.then(() => host.close(true));
  await host.close();
  log('stopped');
}

export function registerWorkerCommand(program: Command, print: (text: string) => void): void {
  program
    .command('worker')
    .description('evaluate the jobs of runs started with --queue, on this host, until stopped (SIGTERM or Ctrl-C)')
    .requiredOption('--queue <url>', 'the Redis the runs use: redis://[:PASSWORD@]HOST[:PORT][/DB], or rediss://... for TLS')
    .option('--workers <n>', 'evaluator threads, and jobs taken at once (default: the core count)', wholeNumber(1, 256))
    .option('--backend <name>', 'TensorFlow.js backend of supernet evaluations: auto, node-gpu, node, wasm or cpu (default auto)')
    .option('--data-dir <dir>', 'a folder holding datasets, searched first (in place of the run\'s --data-dir)')
    .option('--table <file>', 'the table of table:FILE runs, when it lies at another path on this host')
    .option('--cache-dir <dir>', 'where supernet weights fetched from Redis are kept (default ~/.cache/evo-nas/weights)')
    .option('--cache-mb <n>', 'the weight cache\'s bound in MiB (default 2048)', wholeNumber(1))
    .option('--lock-seconds <n>', 'how long a job stays locked without renewal: a killed worker\'s job is taken up after about twice this (default 30)', wholeNumber(1))
    .action(async (options: WorkerCommandOptions) => {
      let signals = 0;
      let graceful!: (how: 'graceful') => void;
      let force!: () => void;
      const stop = new Promise<'graceful' | 'force'>((resolve) => (graceful = resolve));
      const forced = new Promise<void>((resolve) => (force = resolve));
      const onSignal = () => (++signals === 1 ? graceful('graceful') : force());
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      try {
        await workerCommand(options, print, stop, forced);
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
    })
    .addHelpText(
      'after',
      '\nThe worker serves every run on this Redis whose host is alive; each host needs the datasets (and\n' +
        'tables) the runs use, at the same paths or in --data-dir. Supernet weights come from Redis.\n' +
        'Example:\n  evo-nas worker --queue redis://:secret@10.0.0.5:6379 --workers 8',
    );
}
