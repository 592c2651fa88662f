/**
 * `evo-nas ui [DIR...]`: a local, read-only web server over the runs and zoo entries found under
 * the folders (default: runs and zoo), following running searches live. Binds 127.0.0.1 unless
 * --host says otherwise; runs until interrupted.
 */
import { Option, type Command } from 'commander';
import { InputError } from '../../errors/errors.js';
import { findRunsAndEntries } from '../../ui/catalogue.js';
import { startUi, type UiServer } from '../../ui/server.js';
import { wholeNumber } from '../options.js';

export interface UiCommandOptions {
  readonly port: number;
  readonly host: string;
}

export async function uiCommand(dirs: readonly string[], options: UiCommandOptions, log: (line: string) => void): Promise<UiServer> {
  const folders = dirs.length > 0 ? dirs : ['runs', 'zoo'];
  const { runs, entries } = findRunsAndEntries(folders);
  let server: UiServer;
  try {
    server = await startUi({ dirs: folders, host: options.host, port: options.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(`--port ${options.port} is in use on ${options.host}; pick another (or 0 for any free port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError(`--host ${options.host} is not an address of this machine`);
    throw error;
  }
  log(`evo-nas ui: ${runs.length} run${runs.length === 1 ? '' : 's'} and ${entries.length} zoo entr${entries.length === 1 ? 'y' : 'ies'} under ${folders.join(', ')}`);
  if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    log(`warning: listening on ${options.host}: anyone who can reach this machine can read these runs`);
  }
  log(`open ${server.url}  (Ctrl-C stops it)`);
  return server;
}

export function registerUiCommand(program: Command, print: (text: string) => void): void {
  program
    .command('ui')
    .description('a local read-only web UI over runs and zoo entries, updating live while runs go on')
    .argument('[dirs...]', 'folders holding run directories and exported zoo entries (default: runs zoo)')
    .addOption(new Option('--port <port>', 'TCP port (0: any free one)').argParser(wholeNumber(0, 65535)).default(8765))
    .addOption(new Option('--host <host>', 'address to listen on; only 127.0.0.1 (the default) keeps it private to this machine').default('127.0.0.1'))
    .action(async (dirs: string[], options: UiCommandOptions) => {
      const server = await uiCommand(dirs, options, print);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    })
    .addHelpText('after', '\nExamples:\n  evo-nas ui runs zoo                 # then open http://127.0.0.1:8765/\n  evo-nas ui runs --port 9000');
}
