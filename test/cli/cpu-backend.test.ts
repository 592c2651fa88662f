/**
 * Training on the pure-JS cpu backend is hundreds of times slower than wasm: every command that
 * trains says so once, before it trains. Each process is killed once the warning and the line
 * after it are out (a cpu epoch would take minutes).
 */
import { join } from 'node:path';
import t from 'tap';
import { CPU_TRAINING_WARNING } from '../../src/nn/backend.js';
import { startCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/tmp.js';

const TINY = ['--train-images', '32', '--batch-size', '32', '--workers', '0', '--backend', 'cpu'];

t.test('train, supernet train and run warn once that the cpu backend is far slower', async (t) => {
  const dir = tempDir(t);
  const commands: [string, string[], RegExp][] = [
    ['train', ['train', '--model', 'resnet20', '--dataset', 'fashion-mnist-mini', '--epochs', '1', '--batch-size', '32', '--backend', 'cpu', '--run-dir', join(dir, 'train')], /^backend cpu; checkpoints in /m],
    ['supernet train', ['supernet', 'train', '--run-dir', join(dir, 'supernet'), '--epochs', '1', ...TINY], /^supernet training: /m],
    ['run', ['run', '--run-dir', join(dir, 'run'), '--supernet-epochs', '1', '--generations', '1', '--population', '4', ...TINY], /^supernet training: /m],
  ];
  for (const [name, args, alongside] of commands) {
    const child = startCli(t, args);
    t.ok(await child.waitFor(/^warning: the cpu backend/m), `${name} warns`);
    t.ok(await child.waitFor(alongside), `${name} prints its own lines too`);
    child.child.kill('SIGKILL');
    await child.exit;
    const warnings = child.output().split('\n').filter((line) => line === CPU_TRAINING_WARNING);
    t.equal(warnings.length, 1, `${name}: once, with the measured figure`);
  }
  t.match(CPU_TRAINING_WARNING, /about \d+ times slower than wasm \(measured: /);
});

t.test('supernet train refuses a warm-up as long as the training, as train does', async (t) => {
  for (const command of [['supernet', 'train', '--run-dir', join(tempDir(t), 'run')], ['train', '--model', 'resnet20', '--dataset', 'fashion-mnist-mini']]) {
    const child = startCli(t, [...command, '--epochs', '1', '--warmup-epochs', '3']);
    t.same(await child.exit, [2, null], command.join(' '));
    t.equal(child.output(), 'evo-nas: error: --warmup-epochs 3 must be fewer than --epochs 1\n');
  }
});
