#!/usr/bin/env node
/** The evo-nas executable: the only place that sets the process's exit code. */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
