/**
 * How long each tensor-free command takes from `node` starting to its exit, beside node's own
 * start-up (`node -e ""`), as the median of several runs. Prints JSON: milliseconds per command,
 * wall-clock and CPU (user + system, read by the child itself at exit: it grows far less than
 * wall-clock time when the machine is busy with other work).
 *
 *   npm run bench:startup              # 7 runs each
 *   npm run bench:startup -- --runs 15
 *
 * The target: every command that needs no tensors starts in ≤ 300 ms on an idle machine.
 * On a machine shared with other work the figures grow with its load (reported beside them).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 7;

const COMMANDS: readonly (readonly string[])[] = [
  ['--help'],
  ['--version'],
  ['space', 'list'],
  ['space', 'info'],
  ['show', '--help'],
  ['run', '--help'],
  ['zoo', 'list'],
  ['data', '--help'],
  ['train', '--help'],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Writes the process's CPU time (ms) to file descriptor 3 as it exits. */
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1000)); });",
)}`;

function timed(args: readonly string[]): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', REPORT_CPU, ...args], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    cpu.push(Number(result.output[3]?.toString()));
  }
  return { wall: Math.round(median(wall)), cpu: Math.round(median(cpu)) };
}

const node = timed(['-e', '']);
const measured = COMMANDS.map((argv) => [argv.join(' '), timed([main, ...argv])] as const);
const column = (pick: (t: { wall: number; cpu: number }) => number) => Object.fromEntries(measured.map(([name, t]) => [name, pick(t)]));
process.stdout.write(
  `${JSON.stringify(
    {
      runs,
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
      node: node,
      wallMs: column((t) => t.wall),
      wallMsOverNode: column((t) => t.wall - node.wall),
      cpuMs: column((t) => t.cpu),
      cpuMsOverNode: column((t) => t.cpu - node.cpu),
    },
    null,
    2,
  )}\n`,
);
