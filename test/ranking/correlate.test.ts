/**
 * `evo-nas correlate` and its files: the challenge's submission format read (19 and 20 numbers)
 * and written, tables keyed by genome text, the references, and errors that name the genome.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCli } from '../../src/cli/program.js';
import { attainableKendall } from '../../src/ranking/attainable.js';
import { kendallTauB } from '../../src/ranking/kendall.js';
import { formatSubmission, parseScoreFile, readScoreFile, writeSubmission } from '../../src/ranking/files.js';
import { Rng } from '../../src/random/rng.js';
import { formatGenome, genomeCost, getSpace, sampleGenome, type Genome } from '../../src/space/index.js';
import { tempDir } from '../helpers/tmp.js';

const space = getSpace('resnet20-cvpr2021');
const rng = Rng.fromSeed(12);
const genomes: Genome[] = Array.from({ length: 12 }, () => sampleGenome(space, rng));

async function cli(...argv: string[]) {
  let [out, err] = ['', ''];
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** A truth table: accuracy rising with parameters plus a seeded wobble, two seeds. */
function truthTable(dir: string): string {
  const wobble = Rng.fromSeed(3);
  const table: Record<string, unknown> = {};
  for (const g of genomes) {
    const params = genomeCost(g, space).params;
    const acc = [0, 1].map(() => Number((50 + params / 10_000 + 3 * wobble.float()).toFixed(2)));
    table[formatGenome(g)] = { acc, mean: (acc[0]! + acc[1]!) / 2, std: Math.abs(acc[0]! - acc[1]!) / 2, params, flops: genomeCost(g, space).macs };
  }
  const file = join(dir, 'truth.json');
  writeFileSync(file, JSON.stringify(table));
  return file;
}

t.test('a submission written is read back: the same genomes, scores and order', async (t) => {
  const dir = tempDir(t);
  const rows = genomes.map((genome, i) => ({ genome, acc: i / 10 }));
  const file = join(dir, 'submission.json');
  writeSubmission(file, rows);
  const parsed = readScoreFile(file, space);
  t.equal(parsed.format, 'submission');
  t.same([...parsed.architectures.values()].map((a) => [a.label, a.genome, a.score]), rows.map((r, i) => [`arch${i + 1}`, r.genome, r.acc]));
  t.match(formatSubmission(rows.slice(0, 1)), /^\{\n"arch1": \{"arch":"[0-9-]+","acc":0\}\n\}\n$/, 'one architecture a line, keys arch1, arch2, ...');
});

t.test("the challenge's 20-number form is read as its first 19 widths", async (t) => {
  const text = '16-8-12-4-16-8-12-24-32-8-4-16-12-64-60-4-8-12-16';
  const parsed = parseScoreFile(JSON.stringify({ arch1: { arch: `${text}-36`, acc: 0.5 }, arch2: { arch: text.replace(/^16/, '4'), acc: 0.4 } }), space, 's.json');
  t.same([...parsed.architectures.keys()], [text, text.replace(/^16/, '4')]);
});

t.test('bad submissions say which architecture is wrong and why', async (t) => {
  const g = formatGenome(genomes[0]!);
  const cases: [unknown, RegExp][] = [
    [{ arch1: { arch: g, acc: 1 }, arch2: { arch: g, acc: 2 } }, /s\.json: "arch2" repeats the architecture of "arch1"/],
    [{ arch1: { arch: g, acc: 'high' } }, /s\.json: "arch1"\.acc is "high"; expected a finite number/],
    [{ arch1: { arch: '16-16', acc: 1 } }, /s\.json: "arch1"\.arch: genome has 2 widths/],
    [{ arch1: { arch: g, acc: 1 }, arch2: 7 }, /s\.json: "arch2" must be \{"arch": "16-8-\.\.\.", "acc": number\}/],
    [[], /s\.json must be a non-empty JSON object/],
  ];
  for (const [content, message] of cases) t.throws(() => parseScoreFile(JSON.stringify(content), space, 's.json'), { name: 'InputError', message });
});

t.test('correlate reports the predictions beside the params floor and the seed ceiling', async (t) => {
  const dir = tempDir(t);
  const truth = truthTable(dir);
  const table = readScoreFile(truth, space);
  // Predictions: the negated truth for half, in a submission (20-number form), to get a middling tau.
  const rows = [...table.architectures.values()].map((a, i) => ({ arch: `${formatGenome(a.genome)}-4`, acc: i % 2 === 0 ? a.score : -a.score }));
  const predictions = join(dir, 'pred.json');
  writeFileSync(predictions, JSON.stringify(Object.fromEntries(rows.map((r, i) => [`arch${i + 1}`, r]))));

  const { code, out } = await cli('correlate', predictions, truth, '--json');
  t.equal(code, 0);
  const report = JSON.parse(out);
  const arch = [...table.architectures.values()];
  const truthScores = arch.map((a) => a.score);
  t.equal(report.architectures, 12);
  t.equal(report.topCount, 2);
  t.equal(report.predicted.kendallTau, kendallTauB(rows.map((r) => r.acc), truthScores));
  t.equal(report.paramsFloor.kendallTau, kendallTauB(arch.map((a) => a.params!), truthScores));
  t.equal(report.paramsFloor.paramsFrom, 'truth table');
  t.equal(report.seedCeiling.kendallTau, kendallTauB(arch.map((a) => a.acc![0]!), arch.map((a) => a.acc![1]!)));
  t.equal(report.seedCeiling.n, 12);
  t.equal(report.seedsPerArchitecture, 2);
  t.equal(report.attainableKendall, attainableKendall(report.seedCeiling.kendallTau, 2), "a perfect ranking's estimate against the 2-seed mean");

  const self = await cli('correlate', truth, truth);
  t.equal(self.code, 0);
  t.match(self.out, /^predictions\s+12\s+1\.000\s+1\.000\s+1\.000\s+1\.000$/m, 'the truth against itself agrees perfectly');
  t.match(self.out, /^seed 1 vs seed 2 \(ceiling\)\s+12\s/m);
  t.match(self.out, /^perfect ranking vs the 2-seed mean \(estimated\)\s+12\s+\d\.\d{3}\s*$/m);
});

t.test('a genome missing from either file is an error that names it', async (t) => {
  const dir = tempDir(t);
  const truth = truthTable(dir);
  const table = readScoreFile(truth, space);
  const [first, ...rest] = [...table.architectures.values()];
  const short = join(dir, 'short.json');
  writeSubmission(short, rest.map((a) => ({ genome: a.genome, acc: a.score })));
  const missing = await cli('correlate', short, truth);
  t.equal(missing.code, 2);
  t.match(missing.err, `1 architecture of ${truth} is not in ${short}: ${formatGenome(first!.genome)}; both files must score the same architectures`);
  const extra = await cli('correlate', truth, short);
  t.match(extra.err, `1 architecture of ${truth} is not in ${short}: ${formatGenome(first!.genome)}`, 'either direction');
  const more = join(dir, 'more.json');
  writeSubmission(more, [...[...table.architectures.values()].map((a) => ({ genome: a.genome, acc: a.score })), { genome: sampleGenome(space, Rng.fromSeed(99)), acc: 1 }]);
  t.match((await cli('correlate', more, truth)).err, /1 architecture of .*more\.json is not in .*truth\.json: arch13 \([0-9-]+\)/, 'a submission names its arch key and the genome');
});

t.test('correlate --help has an example', async (t) => {
  const { code, out } = await cli('correlate', '--help');
  t.equal(code, 0);
  t.match(out, /Examples:\n {2}evo-nas correlate predicted\.json truth\.json/);
});
