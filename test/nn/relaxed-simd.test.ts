/**
 * The relaxed-SIMD build of the kernels (fused multiply-add) passes the same tests against the
 * CPU backend as the plain build: each kernel test file runs again in a Node started with relaxed
 * SIMD on and EVO_NAS_WASM_KERNELS=relaxed-simd (which refuses to fall back), and must pass.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { chooseKernelVariant, relaxedSimdSupported } from '../../src/nn/wasm/module.js';

const RELAXED = ['--experimental-wasm-relaxed-simd'];
const KERNEL_TESTS = ['conv-gradients', 'fused-conv', 'winograd', 'depthwise-gradients', 'batch-norm', 'stride-phases', 'resnet-step'];

/** Two minutes a child, longer in a soak (PROPERTY_RUNS_SCALE, test/helpers/property.ts): its properties run that many times more cases. */
const CHILD_TIMEOUT_MS = 120_000 * Math.max(1, Number(process.env.PROPERTY_RUNS_SCALE ?? 1) || 1);

function runNode(args: readonly string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [...RELAXED, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: CHILD_TIMEOUT_MS });
}

const probe = runNode(['-e', 'process.exit(WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0])) ? 0 : 1)'], {});
const flagAccepted = probe.status === 0;

t.test('the variant is chosen once, plain SIMD by default, and a bad choice says what is allowed', async (t) => {
  t.equal(chooseKernelVariant('simd').variant, 'simd');
  t.equal(chooseKernelVariant(undefined).variant, 'simd', 'the default');
  t.equal(chooseKernelVariant('auto').variant, relaxedSimdSupported() ? 'relaxed-simd' : 'simd');
  t.throws(() => chooseKernelVariant('fma'), /EVO_NAS_WASM_KERNELS must be one of simd, relaxed-simd or auto \(got "fma"\)/);
  if (!relaxedSimdSupported()) t.throws(() => chooseKernelVariant('relaxed-simd'), /this Node does not accept relaxed SIMD/);
});

t.test('every kernel test passes with the relaxed-SIMD kernels', { skip: flagAccepted ? false : `this Node refuses ${RELAXED.join(' ')}` }, async (t) => {
  const chosen = runNode(['--input-type=module', '-e', `import { kernelChoice } from '${new URL('../../src/nn/wasm/module.js', import.meta.url).href}'; console.log(kernelChoice().variant)`], { EVO_NAS_WASM_KERNELS: 'relaxed-simd' });
  t.equal(chosen.stdout.trim(), 'relaxed-simd', `the child runs the relaxed build (${chosen.stderr.trim().split('\n').at(-1) ?? ''})`);
  for (const name of KERNEL_TESTS) {
    const file = fileURLToPath(new URL(`./${name}.test.js`, import.meta.url));
    const run = runNode([file], { EVO_NAS_WASM_KERNELS: 'relaxed-simd' });
    const failures = run.stdout.split('\n').filter((line) => /^\s*not ok/.test(line));
    t.equal(run.status, 0, `${name}: ${failures.length === 0 ? 'passes' : failures.slice(0, 3).join(' | ')}${run.stderr ? ` ${run.stderr.trim().split('\n').at(-1)}` : ''}`);
  }
});
