import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { spaceCost, spaceInfo, spaceSample } from '../../src/cli/commands/space.js';
import { runCli } from '../../src/cli/program.js';

const RESNET20 = '16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64';
const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Runs the CLI in-process and collects what it printed. */
async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

t.test('space cost prints the exact figures as JSON', async (t) => {
  const needed = JSON.parse(await spaceCost(RESNET20, { classes: 10, shortcut: 'needed', json: true }));
  t.match(needed, { genome: RESNET20, classes: 10, shortcut: 'needed', params: 272_474, bnParams: 1_568, macs: 40_813_184 });
  const always = JSON.parse(await spaceCost(RESNET20, { classes: 10, shortcut: 'always', json: true }));
  t.match(always, { params: 283_962, macs: 42_648_192 });
  const text = await spaceCost(RESNET20, { inputSize: [28, 28], inputChannels: 1, classes: 10 });
  t.match(text, /input 28x28x1/);
});

t.test('space sample is seeded, and space info describes the space', async (t) => {
  const a = await spaceSample({ n: 5, seed: 11 });
  t.equal(a.split('\n').length, 5);
  t.equal(a, await spaceSample({ n: 5, seed: 11 }));
  t.not(a, await spaceSample({ n: 5, seed: 12 }));
  const sampled = JSON.parse(await spaceSample({ n: 2, seed: 1, json: true }));
  t.match(sampled[0], { genome: String, hash: /^[0-9a-f]{16}$/, params: Number, macs: Number });
  const info = await spaceInfo({});
  t.match(info, /resnet20-cvpr2021/);
  t.match(info, /19 widths, 7\.20e16 architectures/);
  t.equal(JSON.parse(await spaceInfo({ space: 'resnet56-widths', json: true })).genomeLength, 55);
});

t.test('bad input gives one error line and exit code 2', async (t) => {
  const cases: [string[], RegExp][] = [
    [['space', 'cost', RESNET20.replace(/64$/, '65')], /^evo-nas: error: genome g\[18\] \(stage 3, block 9 output\) is 65; allowed: 4, 8/],
    [['space', 'cost', '16-16'], /^evo-nas: error: genome has 2 widths/],
    [['space', 'cost', RESNET20, '--classes', '0'], /^evo-nas: error: option '--classes <count>' argument '0' is invalid\. must be a whole number ≥ 1/],
    [['space', 'cost', RESNET20, '--shortcut', 'sometimes'], /Allowed choices are always, needed/],
    [['space', 'cost', RESNET20, '--input-size', '32x'], /must be a side from 1 to 4096 like "32"/],
    [['space', 'sample', '--seed', '-1'], /--seed <seed>.*from 0 to 4294967295/],
    [['space', 'info', '--space', 'nope'], /Allowed choices are resnet20-cvpr2021/],
    [['space', 'cost'], /missing required argument 'genome'/],
    [['space', 'frobnicate'], /unknown command 'frobnicate'/],
  ];
  for (const [argv, message] of cases) {
    const { code, out, err } = await cli(...argv);
    t.equal(code, 2, `${argv.join(' ')} exits 2`);
    t.equal(out, '');
    t.match(err, message);
    t.equal(err.trim().split('\n').length, 1, 'on one line');
  }
});

t.test('--help works on every command and exits 0', async (t) => {
  for (const argv of [['--help'], ['space', '--help'], ['space', 'info', '--help'], ['space', 'sample', '--help'], ['space', 'cost', '--help'], ['space', 'list', '--help']]) {
    const { code, out } = await cli(...argv);
    t.equal(code, 0, argv.join(' '));
    t.match(out, /Usage: evo-nas/);
  }
});

t.test('the built executable exits non-zero on bad input and prints JSON on success', async (t) => {
  const run = promisify(execFile);
  const ok = await run(process.execPath, [bin, 'space', 'cost', RESNET20, '--classes', '10', '--shortcut', 'needed', '--json']);
  t.equal(JSON.parse(ok.stdout).params, 272_474);
  const failed = await run(process.execPath, [bin, 'space', 'cost', 'nonsense']).then(() => undefined, (e: { code: number; stderr: string }) => e);
  t.equal(failed?.code, 2);
  t.match(failed?.stderr, /genome has 1 width;/);
});

t.test('a reader closing the pipe early ends the command quietly with exit code 0', async (t) => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [bin, 'space', 'sample', '--n', '200000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.on('close', resolve));
  t.equal(code, 0);
  t.notMatch(stderr, /EPIPE/);
});

t.test('space list, info, sample and cost know the table spaces that run --space accepts', async (t) => {
  const { TABULAR_SPACES } = await import('../../src/tabular/spaces.js');
  const listed = JSON.parse((await cli('space', 'list', '--json')).out) as { name: string; evaluator: string; architectures: string }[];
  for (const name of TABULAR_SPACES.keys()) t.match(listed.find((row) => row.name === name), { evaluator: 'table', architectures: '16384' }, name);
  t.match(listed.find((row) => row.name === 'resnet20-cvpr2021'), { evaluator: 'supernet' });
  const info = await cli('space', 'info', '--space', 'channel-bench-resnet');
  t.equal(info.code, 0);
  t.match(info.out, /a table space: search it with evo-nas run --evaluator table:FILE/);
  t.match(info.out, /genome: 7 widths, 16384 architectures/);
  t.equal(JSON.parse((await cli('space', 'info', '--space', 'channel-bench-mobilenet', '--json')).out).genomeLength, 7);
  const sampled = JSON.parse((await cli('space', 'sample', '--space', 'channel-bench-resnet', '--n', '3', '--json')).out) as { genome: string }[];
  t.equal(sampled.length, 3);
  for (const { genome } of sampled) t.equal(genome.split('-').length, 7);
  const priced = JSON.parse((await cli('space', 'cost', '256-256-256-512-512-512-512', '--space', 'channel-bench-resnet', '--json')).out);
  t.match(priced, { space: 'channel-bench-resnet', params: Number, macs: Number, estimated: true });
  t.match(await cli('space', 'cost', '256-256-256-512-512-512-512', '--space', 'channel-bench-resnet', '--classes', '100'), { code: 2, err: /--classes: the table space channel-bench-resnet has a fixed network/ });
});
