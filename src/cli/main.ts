#!/usr/bin/env node
/** The evo-nas executable: the only place that sets the process's exit code. */
import { runCli } from './program.js';

// A reader that closes the pipe early (`evo-nas ... | head`) is not an error: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
