/**
 * Counts every zoo architecture's parameters and MACs for 10 and 100 classes and writes them to
 * src/zoo/list-cache.ts, which `evo-nas zoo list` reads so that it starts instantly. Run after
 * changing an architecture: `npm run zoo:list-cache` (test/zoo/params.test.ts fails until then).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { architectureCost, ZOO } from '../src/zoo/index.js';
import { listRow } from '../src/zoo/list-row.js';

const rows = [...ZOO.values()].map((a) => listRow(a, architectureCost(a, { classes: 10 }), architectureCost(a, { classes: 100 })));
const target = fileURLToPath(new URL('../../src/zoo/list-cache.ts', import.meta.url));
const lines = rows.map((row) => `  ${JSON.stringify(row)},`);
writeFileSync(
  target,
  [
    '/**',
    ' * The rows of `evo-nas zoo list`, counted once by `npm run zoo:list-cache` (scripts/zoo-list-cache.ts);',
    ' * test/zoo/params.test.ts checks them against a fresh count. Generated: do not edit.',
    ' */',
    "import type { ZooListRow } from './list-row.js';",
    '',
    'export const ZOO_LIST: readonly ZooListRow[] = [',
    ...lines,
    '];',
    '',
  ].join('\n'),
);
process.stdout.write(`${JSON.stringify({ wrote: 'src/zoo/list-cache.ts', architectures: rows.length })}\n`);
