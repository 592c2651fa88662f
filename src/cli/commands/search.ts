/** The search commands: `run`, `show`, `store` (verify a run's store) and `table` (tabular benchmarks to search). */
import type { Command } from 'commander';
import { registerRunCommand } from './run.js';
import { registerShowCommand } from './show.js';
import { registerStoreCommands } from './store.js';
import { registerTableCommand } from './table.js';

export function registerSearchCommands(program: Command, print: (text: string) => void): void {
  registerRunCommand(program, print);
  registerShowCommand(program, print);
  registerStoreCommands(program, print);
  registerTableCommand(program, print);
}
