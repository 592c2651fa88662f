/**
 * The evo-nas command tree and the mapping from named errors to exit codes. `runCli` takes its
 * argv and output streams as arguments so tests can run any command in-process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ExternalError, InputError } from '../errors/errors.js';
import { registerAugmentCommands } from './commands/augment.js';
import { registerDataCommands } from './commands/data.js';
import { registerSpaceCommands } from './commands/space.js';
import { registerSearchCommands } from './commands/search.js';
import { registerQueueCommands } from './commands/queue.js';
import { registerWorkerCommand } from './commands/worker.js';
import { registerTensorCommands } from './tensor-commands.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes: 0 success, 1 an unexpected failure, 2 bad input (flags, genomes, config). */
export const EXIT = { ok: 0, failure: 1, input: 2 } as const;

export function createProgram(io: CliIo): Command {
  const program = new Command('evo-nas')
    .description('Evolutionary neural-architecture search: ResNet channel widths with a weight-sharing supernet')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(`evo-nas: ${text}`) });
  registerSpaceCommands(program, (text) => io.out(`${text}\n`));
  registerAugmentCommands(program, (text) => io.out(`${text}\n`));
  registerDataCommands(program, (text) => io.out(`${text}\n`));
  registerSearchCommands(program, (text) => io.out(`${text}\n`));
  registerWorkerCommand(program, (text) => io.out(`${text}\n`));
  registerQueueCommands(program, (text) => io.out(`${text}\n`));
  registerTensorCommands(program, (text) => io.out(`${text}\n`), (text) => io.err(`${text}\n`));
  // Every subcommand inherits the error handling above; commander copies these settings.
  return program;
}

/** Runs one command line (argv without "node" and the script) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message or the help text; --help and --version exit
      // 0, while a bare group command (`evo-nas space`) prints help as an error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    if (error instanceof InputError) {
      io.err(`evo-nas: error: ${error.message}\n`);
      return EXIT.input;
    }
    if (error instanceof ExternalError) {
      io.err(`evo-nas: failed: ${error.message}\n`);
      return EXIT.failure;
    }
    io.err(`evo-nas: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
