/** The search commands: `run`, `show`, `table` (tabular benchmarks to search) and `correlate` (ranking quality). */
import type { Command } from 'commander';
import { registerCorrelateCommand } from './correlate.js';
import { registerRunCommand } from './run.js';
import { registerShowCommand } from './show.js';
import { registerTableCommand } from './table.js';

export function registerSearchCommands(program: Command, print: (text: string) => void): void {
  registerRunCommand(program, print);
  registerShowCommand(program, print);
  registerTableCommand(program, print);
  registerCorrelateCommand(program, print);
}
