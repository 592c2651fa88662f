import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_SOURCE_SHA256, KERNELS_WASM_BASE64 } from '../../src/nn/wasm/kernels-wasm.js';
import { relaxedSimdSupported } from '../../src/nn/wasm/module.js';

const sources = new URL('../../../src/nn/wasm/c/', import.meta.url);
// The project's TypeScript lib omits the WebAssembly API; type the two calls used here.
const webAssembly = (globalThis as unknown as {
  WebAssembly: { Module: { new (bytes: Uint8Array): object; imports(module: object): object[] } };
}).WebAssembly;

t.test('the embedded kernels were built from the current C sources (else: npm run build:wasm)', async (t) => {
  const hash = createHash('sha256');
  for (const name of readdirSync(sources).filter((n) => /\.[ch]$/.test(n)).sort()) {
    hash.update(`${name}\0`).update(readFileSync(new URL(name, sources))).update('\0');
  }
  t.equal(hash.digest('hex'), KERNELS_SOURCE_SHA256);
});

/** The ids of a WebAssembly binary's top-level sections, read from their headers. */
function sectionIds(bytes: Buffer): number[] {
  const ids: number[] = [];
  let offset = 8; // magic and version
  while (offset < bytes.length) {
    ids.push(bytes[offset] as number);
    let size = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[++offset] as number;
      size |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    offset += 1 + size;
  }
  return ids;
}

for (const [build, base64, compiles] of [['plain', KERNELS_WASM_BASE64, true], ['relaxed-SIMD', KERNELS_RELAXED_WASM_BASE64, relaxedSimdSupported()]] as const) {
  t.test(`the ${build} kernels own nothing in the memory they share with the tfjs backend`, async (t) => {
    const binary = Buffer.from(base64, 'base64');
    if (compiles) {
      t.same(webAssembly.Module.imports(new webAssembly.Module(binary)), [{ module: 'env', name: 'memory', kind: 'memory' }], 'imports only the memory');
    }
    const ids = sectionIds(binary);
    t.ok(ids.includes(2), 'an import section (the memory)');
    t.notOk(ids.includes(11), 'no data section (it would be written into tfjs memory)');
    t.notOk(ids.includes(5), 'no memory of its own');
    t.notOk(ids.includes(8), 'no start function');
  });
}
