/**
 * Search strategies against the true front of tabular benchmarks, printed as JSON: for each
 * strategy and table, the share of the true front's hypervolume after 100, 200, 500 and 1000
 * evaluations (median and spread over seeds 1..10), and the milliseconds each strategy takes to
 * propose a generation. Tables: generated tables of both Channel-Bench-Macro spaces (seed 1),
 * and any table file given. `--markdown` prints the README table instead.
 *
 *   npm run bench:strategies
 *   npm run bench:strategies -- --seeds 3 --evals 100,200 --table Results_ResNet.json --markdown
 */
import { strategiesCommand } from '../src/cli/commands/bench.js';

const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const tables = args.flatMap((a, i) => (a === '--table' && args[i + 1] ? [args[i + 1] as string] : []));
const seeds = value('--seeds');
const evals = value('--evals');
const population = value('--population');
const strategies = value('--strategies');
console.log(
  await strategiesCommand({
    table: tables,
    ...(seeds === undefined ? {} : { seeds: Number(seeds) }),
    ...(evals === undefined ? {} : { evals }),
    ...(population === undefined ? {} : { population: Number(population) }),
    ...(strategies === undefined ? {} : { strategies }),
    generated: !args.includes('--no-generated'),
    markdown: args.includes('--markdown'),
  }),
);
