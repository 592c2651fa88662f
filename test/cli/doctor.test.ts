import t from 'tap';
import { doctor } from '../../src/cli/commands/doctor.js';
import { runCli } from '../../src/cli/program.js';
import { packageVersion } from '../../src/nn/backend-probes.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

t.test('doctor --json lists every backend with a reason, the chosen one, and versions', async (t) => {
  const report = JSON.parse(await doctor({ backend: 'wasm', json: true }));
  t.same(report.backends.map((b: { backend: string }) => b.backend), ['node-gpu', 'node', 'wasm', 'cpu']);
  for (const b of report.backends) t.ok(b.reason.length > 0, `${b.backend} says why`);
  t.match(report.chosen, { backend: 'wasm', requested: 'wasm', simd: true, threads: 1, trainable: true, wasmBinary: 'tfjs-backend-wasm-simd.wasm' });
  t.match(report.chosen.kernels, { variant: 'simd', reason: /^the default; this Node (does not )?accepts? relaxed SIMD/, relaxedSimdSupported: Boolean }, 'which build of the kernels runs, and why');
  t.equal(report.versions['@tensorflow/tfjs'], packageVersion('@tensorflow/tfjs'));
  t.equal(report.versions['@tensorflow/tfjs-node'], packageVersion('@tensorflow/tfjs-node') ?? 'not installed');
  t.equal(report.cpus > 0, true);
});

t.test('doctor prints text, and a bad --backend is an input error', async (t) => {
  const ok = await cli('doctor', '--backend', 'cpu');
  t.equal(ok.code, 0);
  t.match(ok.out, /^chosen\s+cpu \(asked: cpu\), 1 thread, trainable$/m);
  t.match(ok.out, /^wasm\s+yes\s+@tensorflow\/tfjs-backend-wasm 4\.22\.0$/m);
  const bad = await cli('doctor', '--backend', 'gpu');
  t.equal(bad.code, 2);
  t.match(bad.err, /--backend <name>' argument 'gpu' is invalid\. must be one of auto, node-gpu, node, wasm, cpu/);
});
