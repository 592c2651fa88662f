/**
 * The evo-nas command tree and the mapping from named errors to exit codes. `runCli` takes its
 * argv and output streams as arguments so tests can run any command in-process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ExternalError, InputError } from '../errors/errors.js';
import { fileSystemMessage } from '../files/fs-errors.js';
import { wasmOutOfMemoryMessage } from '../nn/memory-errors.js';
import { COMMANDS, namedCommand } from './command-index.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes: 0 success, 1 an unexpected failure, 2 bad input (flags, genomes, config). */
export const EXIT = { ok: 0, failure: 1, input: 2 } as const;

/**
 * The command tree for `argv`: the command it names registered in full (its module loaded), the
 * others by name and description only. Without `argv`, every command in full (tests, docs).
 */
export async function createProgram(io: CliIo, argv?: readonly string[]): Promise<Command> {
  const program = new Command('evo-nas')
    .description('Evolutionary neural-architecture search: ResNet channel widths with a weight-sharing supernet')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(`evo-nas: ${text}`) });
  const print = (text: string) => io.out(`${text}\n`);
  const printErr = (text: string) => io.err(`${text}\n`);
  const named = argv === undefined ? undefined : namedCommand(argv);
  for (const entry of COMMANDS) {
    if (argv === undefined || entry === named) (await entry.load())(program, print, printErr);
    else program.command(entry.name).description(entry.description);
  }
  // Every subcommand inherits the error handling above; commander copies these settings.
  return program;
}

/** Runs one command line (argv without "node" and the script) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = await createProgram(io, argv);
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
    const fileSystem = fileSystemMessage(error);
    if (fileSystem !== undefined) {
      io.err(`evo-nas: error: ${fileSystem}\n`);
      return EXIT.input;
    }
    if (error instanceof ExternalError) {
      io.err(`evo-nas: failed: ${error.message}\n`);
      return EXIT.failure;
    }
    const outOfMemory = wasmOutOfMemoryMessage(error);
    if (outOfMemory !== undefined) {
      io.err(`evo-nas: failed: ${outOfMemory}\n`);
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
