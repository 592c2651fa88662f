/**
 * One line of `evo-nas zoo list`: an architecture's name, family, paper, reference and its size
 * for 10 and 100 classes on 32x32x3 input. Counting means building every model (about 17 s for
 * the 82), so the rows are counted once, by `npm run zoo:list-cache`, into ./list-cache.ts;
 * test/zoo/params.test.ts checks that the cache equals a fresh count.
 */
import type { Architecture } from './architecture.js';

export interface ZooListRow {
  readonly name: string;
  readonly family: string;
  readonly paper: string;
  readonly reference: string;
  readonly params10: number;
  readonly macs10: number;
  readonly params100: number;
  readonly macs100: number;
}

interface Cost {
  readonly params: number;
  readonly macs: number;
}

/** The row of an architecture, from its costs at 10 and 100 classes. */
export function listRow(architecture: Architecture, c10: Cost, c100: Cost): ZooListRow {
  const [first] = architecture.references;
  const { name, family, paper } = architecture;
  return { name, family, paper, reference: `${first.repo} ${first.file} ${first.symbol}`, params10: c10.params, macs10: c10.macs, params100: c100.params, macs100: c100.macs };
}
