import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { zooShow } from '../../src/cli/commands/zoo.js';
import { zooList } from '../../src/cli/commands/zoo-list.js';
import { runCli } from '../../src/cli/program.js';
import { ZooError } from '../../src/errors/errors.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

t.test('zoo list prices a family for 10 and 100 classes', async (t) => {
  const rows = JSON.parse(await zooList({ family: 'cifar-resnet', json: true }));
  t.same(rows.map((r: { name: string }) => r.name), ['resnet20', 'resnet32', 'resnet44', 'resnet56', 'resnet110']);
  t.match(rows[0], { family: 'cifar-resnet', params10: 269_722, macs10: 40_551_040, params100: 275_572, reference: /akamaster\/pytorch_resnet_cifar10/ });
  const text = await zooList({ family: 'vit' });
  t.match(text, /^name\s+family\s+params \(10\)/);
  t.match(text, /vit\s+vit\s+6\.27M\s+403\.74M\s+6\.30M/);
  await t.rejects(zooList({ family: 'transformers' }), new ZooError('no family "transformers"; families are: ' + 'cifar-resnet, resnet, preact-resnet, resnext, senet, wide-resnet, stochastic-depth, densenet, vgg, googlenet, mobilenet, mobilenetv2, shufflenet, shufflenetv2, squeezenet, inception-v3, inception-v4, xception, dla, dpn, efficientnet, residual-attention, nasnet, pnasnet, regnet, shake-shake, vit'));
});

t.test('zoo show sums its layers to the model totals', async (t) => {
  const shown = JSON.parse(await zooShow('resnet20', { json: true }));
  t.match(shown, { name: 'resnet20', classes: 10, inputShape: [32, 32, 3], params: 269_722, macs: 40_551_040 });
  const layers = shown.layers as { params: number; macs: number; outputShape: number[] }[];
  t.equal(layers.reduce((n, l) => n + l.params, 0), shown.params);
  t.equal(layers.reduce((n, l) => n + l.macs, 0), shown.macs);
  t.same(layers.at(-1)!.outputShape, [10]);
  const text = await zooShow('resnet20', { classes: 100, inputSize: [28, 28], inputChannels: 1 });
  t.match(text, /input\s+28x28x1, 100 classes/);
  t.match(text, /layer1\.0\.conv1\s+Conv2D\s+28x28x16\s+2,304/);
});

t.test('the zoo commands exit 2 with a clear message on bad names', async (t) => {
  const unknown = await cli('zoo', 'show', 'resnet21');
  t.equal(unknown.code, 2);
  t.match(unknown.err, /unknown architecture "resnet21": did you mean/);
  const ambiguous = await cli('zoo', 'show', 'googlenet');
  t.equal(ambiguous.code, 2);
  t.match(ambiguous.err, /pick one of: googlenet-kuangliu, googlenet-weiaicunzai/);
  const listed = await cli('zoo', 'list', '--family', 'squeezenet', '--json');
  t.equal(listed.code, 0);
  t.match(JSON.parse(listed.out), [{ name: 'squeezenet', params100: 781_156 }]);
  const help = await cli('zoo', 'show', '--help');
  t.equal(help.code, 0);
  t.match(help.out, /--input-size/);
});

t.test('no command prints TensorFlow.js\'s "Hi, looks like you are running TensorFlow.js in Node.js" banner', async (t) => {
  // In a child process, so that nothing this test file loaded first can have set the flag.
  const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const shown = spawnSync(process.execPath, [main, 'zoo', 'show', 'resnet20', '--json'], { encoding: 'utf8' });
  t.equal(shown.status, 0);
  t.match(JSON.parse(shown.stdout), { name: 'resnet20', params: 269_722 }, 'the model was built (tensors were made)');
  t.notMatch(shown.stderr, /looks like you are running TensorFlow\.js/);
  t.equal(shown.stderr, '', 'nothing at all on stderr');
});

t.test('zoo list reads its counts from the cache: no TensorFlow.js, no progress bar', async (t) => {
  const script = `const { zooList } = await import(${JSON.stringify(new URL('../../src/cli/commands/zoo-list.js', import.meta.url).href)});
    const rows = JSON.parse(await zooList({ json: true }));
    process.stdout.write(JSON.stringify({ rows: rows.length, tensorflow: '_tfengine' in globalThis }));`;
  const listed = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  t.same(JSON.parse(listed.stdout), { rows: 82, tensorflow: false });
});
