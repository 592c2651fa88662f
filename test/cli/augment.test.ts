import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runCli } from '../../src/cli/program.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

t.test('augment preview writes a PNG sheet of the size it reports, and nothing else', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'evo-nas-preview-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'sheet.png');
  const { code, out: printed } = await cli('augment', 'preview', '--out', out, '--images', '3', '--versions', '2', '--size', '8x10', '--scale', '2', '--autoaugment', '--cutout', '4', '--json');
  t.equal(code, 0);
  const report = JSON.parse(printed);
  t.match(report, { description: 'AutoAugment (CIFAR-10), crop+flip, Cutout 4', config: { autoAugment: true, cropFlip: true, cutout: 4 } });
  // 3 rows of 8x2 pixels and 3 columns of 10x2, with a 2-pixel gap around every cell.
  t.same(report.sheet, { height: 3 * 18 + 2, width: 3 * 22 + 2 });
  const png = await readFile(out);
  t.same([png.readUInt32BE(16), png.readUInt32BE(20)], [report.sheet.width, report.sheet.height], 'IHDR size');
  t.same(await readdir(dir), ['sheet.png'], 'no temporary file left behind');
  const again = join(dir, 'again.png');
  await cli('augment', 'preview', '--out', again, '--images', '3', '--versions', '2', '--size', '8x10', '--scale', '2', '--autoaugment', '--cutout', '4');
  t.same(await readFile(again), png, 'same seed, same picture');
  const text = await cli('augment', 'preview', '--out', out, '--channels', '1', '--no-crop-flip', '--randaugment', '2,9');
  t.match(text.out, /rows: 8 synthetic 32x32x1 images[\s\S]*pipeline: RandAugment N=2 M=9/);
});

t.test('bad input gives one error line and exit code 2', async (t) => {
  const cases: [string[], RegExp][] = [
    [['augment', 'preview'], /required option '--out <file>' not specified/],
    [['augment', 'preview', '--out', '/nonexistent-dir/x.png'], /--out \/nonexistent-dir\/x\.png: cannot write there \(ENOENT\)/],
    [['augment', 'preview', '--out', '/nonexistent-dir/x.png', '--cutout', '33'], /--cutout must be a whole number from 1 to the image side \(got 33; the images are 32x32\)/],
    [['augment', 'preview', '--out', '/nonexistent-dir/x.png', '--mixup', 'no'], /--mixup must be a number > 0/],
    [['augment', 'preview', '--out', '/nonexistent-dir/x.png', '--channels', '2'], /--channels <count>.*must be 1 or 3 \(got "2"\)/],
    [['augment', 'preview', '--out', '/nonexistent-dir/x.png', '--images', '0'], /--images <count>.*from 1 to 64/],
  ];
  for (const [argv, message] of cases) {
    const { code, out, err } = await cli(...argv);
    t.equal(code, 2, argv.join(' '));
    t.equal(out, '');
    t.match(err, message);
    t.equal(err.trim().split('\n').length, 1, 'on one line');
  }
});

t.test('--help works on the augment commands', async (t) => {
  for (const argv of [['augment', '--help'], ['augment', 'preview', '--help']]) {
    const { code, out } = await cli(...argv);
    t.equal(code, 0);
    t.match(out, /Usage: evo-nas augment/);
  }
  t.match((await cli('augment', 'preview', '--help')).out, /--randaugment <n,m>/);
});

t.test('augment preview refuses an image side past the limit at once, before allocating anything', async (t) => {
  const { code, err } = await cli('augment', 'preview', '--out', join(tmpdir(), 'never-written.png'), '--size', '20000');
  t.equal(code, 2);
  t.match(err, /--size <side>' argument '20000' is invalid\. must be a side from 1 to 4096/);
});
