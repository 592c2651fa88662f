import t from 'tap';
import type { Command } from 'commander';
import { COMMANDS, namedCommand } from '../../src/cli/command-index.js';
import { createProgram } from '../../src/cli/program.js';

const io = { out: () => undefined, err: () => undefined };

t.test('the command index names every command with the description the command itself declares', async (t) => {
  const full = await createProgram(io);
  const declared = full.commands.filter((c) => c.name() !== 'help').map((c: Command) => ({ name: c.name(), description: c.description() }));
  t.same(declared, COMMANDS.map(({ name, description }) => ({ name, description })));
});

t.test('a command line registers in full only the command it names', async (t) => {
  t.equal(namedCommand(['space', 'list'])?.name, 'space');
  t.equal(namedCommand(['help', 'zoo'])?.name, 'zoo');
  t.equal(namedCommand(['--help']), undefined);
  t.equal(namedCommand(['spac']), undefined);
  const program = await createProgram(io, ['space', 'list']);
  const subcommands = (name: string) => program.commands.find((c) => c.name() === name)?.commands.map((c) => c.name());
  t.same(subcommands('space'), ['list', 'info', 'sample', 'cost']);
  t.same(subcommands('zoo'), [], 'zoo is only a name here: its module was not loaded');
});
