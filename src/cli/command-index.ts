/**
 * The top-level commands by name, each with the module that registers it. A command line loads
 * only the module of the command it names, so `evo-nas space list` never loads the store (lmdb),
 * the worker pool (piscina), the dataset readers or TensorFlow.js; the top-level help and
 * "did you mean" suggestions need only the names and descriptions below. A new top-level command
 * is one entry here (test/cli/startup.test.ts checks each description equals the command's own).
 */
import type { Command } from 'commander';

export type Print = (text: string) => void;
export type Register = (program: Command, print: Print, printErr: Print) => void;

export interface CommandEntry {
  readonly name: string;
  readonly description: string;
  readonly load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'space', description: 'look at a search space, sample genomes, price a genome', load: async () => (await import('./commands/space.js')).registerSpaceCommands },
  { name: 'augment', description: 'look at what the data augmentations do', load: async () => (await import('./commands/augment.js')).registerAugmentCommands },
  { name: 'data', description: 'list, fetch and inspect datasets', load: async () => (await import('./commands/data.js')).registerDataCommands },
  {
    name: 'run',
    description: 'search a space: evaluate generations of genomes and keep the Pareto front (resumable)',
    load: async () => (await import('./commands/run.js')).registerRunCommand,
  },
  {
    name: 'show',
    description: "show a run's status, settings, generations and Pareto front (also while it runs)",
    load: async () => (await import('./commands/show.js')).registerShowCommand,
  },
  {
    name: 'correlate',
    description: 'rank agreement of predicted accuracies with ground truth (Kendall tau-b, Spearman, Pearson, top-10% overlap), beside the params floor and the seed-to-seed ceiling',
    load: async () => (await import('./commands/correlate.js')).registerCorrelateCommand,
  },
  {
    name: 'report',
    description: 'write one self-contained HTML report (plots, tables, downloads) of one or more runs',
    load: async () => (await import('./commands/report.js')).registerReportCommand,
  },
  {
    name: 'ui',
    description: 'a local read-only web UI over runs and zoo entries, updating live while runs go on',
    load: async () => (await import('./commands/ui.js')).registerUiCommand,
  },
  {
    name: 'worker',
    description: 'evaluate the jobs of runs started with --queue, on this host, until stopped (SIGTERM or Ctrl-C)',
    load: async () => (await import('./commands/worker.js')).registerWorkerCommand,
  },
  {
    name: 'queue',
    description: 'inspect the Redis queue that runs with --queue and evo-nas workers share',
    load: async () => (await import('./commands/queue.js')).registerQueueCommands,
  },
  { name: 'store', description: "check a run directory's store", load: async () => (await import('./commands/store.js')).registerStoreCommands },
  { name: 'table', description: 'tabular benchmarks (Channel-Bench-Macro format)', load: async () => (await import('./commands/table.js')).registerTableCommand },
  {
    name: 'train',
    description: 'train a zoo architecture, or retrain one exported by a search, checkpointing every epoch (run again to resume)',
    load: async () => (await import('./tensor-commands.js')).registerTrain,
  },
  { name: 'supernet', description: 'train the weight-sharing supernet of a run', load: async () => (await import('./tensor-commands.js')).registerSupernetTrain },
  {
    name: 'export',
    description: "write a run's architectures as model-zoo entries (entry.json + a TensorFlow.js model with inherited weights)",
    load: async () => (await import('./tensor-commands.js')).registerExport,
  },
  {
    name: 'predict',
    description: "score architectures with a run's supernet, as the search measures candidates (BN recalibrated), for evo-nas correlate",
    load: async () => (await import('./tensor-commands.js')).registerPredict,
  },
  {
    name: 'doctor',
    description: 'check the TensorFlow.js backends: which load, which is chosen, threads, SIMD, versions',
    load: async () => (await import('./tensor-commands.js')).registerDoctor,
  },
  { name: 'zoo', description: 'the model zoo: CIFAR architectures matching their PyTorch references', load: async () => (await import('./tensor-commands.js')).registerZoo },
  { name: 'bench', description: 'benchmarks of the search itself', load: async () => (await import('./commands/bench.js')).registerBenchCommands },
];

/**
 * The entry a command line names (its first word, or the word after `help`), or undefined when
 * it names none (no command, `--help`, `--version`, a misspelling): then only the names are
 * registered, for the top-level help and suggestions.
 */
export function namedCommand(argv: readonly string[]): CommandEntry | undefined {
  const [first, second] = argv;
  const name = first === 'help' ? second : first;
  return COMMANDS.find((entry) => entry.name === name);
}
