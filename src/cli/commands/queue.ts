/** `evo-nas queue status URL`: the runs on a queue's Redis, their jobs by state, and the workers connected. */
import { Option, type Command } from 'commander';
import { parseQueueUrl } from '../../../evaluators/queue/connection.js';
import { formatQueueStatus, queueStatus } from '../../../evaluators/queue/status.js';
import { ExternalError } from '../../errors/errors.js';

export async function queueStatusCommand(url: string, json: boolean): Promise<string> {
  const connection = parseQueueUrl(url);
  let status;
  try {
    status = await queueStatus(connection);
  } catch (error) {
    throw new ExternalError(`cannot read the queue at ${connection.redacted}: ${(error as Error).message}`);
  }
  return json ? JSON.stringify(status) : formatQueueStatus(status, connection.redacted);
}

export function registerQueueCommands(program: Command, print: (text: string) => void): void {
  const queue = program.command('queue').description('inspect the Redis queue that runs with --queue and evo-nas workers share');
  queue
    .command('status')
    .description('per run: waiting, active, completed, failed and stalled jobs; and the workers connected (host, pid, threads, tasks done)')
    .argument('<url>', 'the Redis: redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss://...')
    .addOption(new Option('--json', 'print JSON instead of text'))
    .action(async (url: string, options: { json?: boolean }) => print(await queueStatusCommand(url, options.json === true)))
    .addHelpText('after', '\nExample:\n  evo-nas queue status redis://127.0.0.1:6379 --json');
}
