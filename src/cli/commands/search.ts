/** The search commands: `run`, `show`, `report`, `ui`, and `table` (tabular benchmarks to search). */
import type { Command } from 'commander';
import { registerReportCommand } from './report.js';
import { registerRunCommand } from './run.js';
import { registerShowCommand } from './show.js';
import { registerTableCommand } from './table.js';
import { registerUiCommand } from './ui.js';

export function registerSearchCommands(program: Command, print: (text: string) => void): void {
  registerRunCommand(program, print);
  registerShowCommand(program, print);
  registerTableCommand(program, print);
  registerReportCommand(program, print);
  registerUiCommand(program, print);
}
