/** The search commands: `run`, `show`, `report`, `ui`, `table` (tabular benchmarks to search) and `correlate` (ranking quality). */
import type { Command } from 'commander';
import { registerCorrelateCommand } from './correlate.js';
import { registerReportCommand } from './report.js';
import { registerRunCommand } from './run.js';
import { registerShowCommand } from './show.js';
import { registerTableCommand } from './table.js';
import { registerUiCommand } from './ui.js';

export function registerSearchCommands(program: Command, print: (text: string) => void): void {
  registerRunCommand(program, print);
  registerShowCommand(program, print);
  registerTableCommand(program, print);
  registerCorrelateCommand(program, print);
  registerReportCommand(program, print);
  registerUiCommand(program, print);
}
