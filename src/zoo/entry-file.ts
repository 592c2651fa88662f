/**
 * The `entry.json` of an exported search entry: one typed schema, written by `evo-nas export` and
 * read back by the zoo (`zoo list --entries`, `zoo show`, `train --model ENTRY`). Reading checks
 * the fields it relies on and names the file when they are missing.
 */
import { InputError } from '../errors/errors.js';
import type { Metrics } from '../search/metrics.js';
import type { Shortcut } from '../space/index.js';

export const ENTRY_FILE = 'entry.json';
export const ENTRY_KIND = 'evo-nas-search';

export interface EntryProvenance {
  /** The run directory, absolute. */
  readonly run: string;
  readonly generation: number;
  readonly supernetVersion: number;
  readonly dataset: string;
  readonly seed: number;
  readonly exportedAt: string;
  readonly evoNasVersion: string;
}

/** What entry.json holds. */
export interface EntryFile {
  readonly name: string;
  readonly kind: typeof ENTRY_KIND;
  readonly space: string;
  /** Canonical text form, widths joined by '-'. */
  readonly genome: string;
  /** The shortcut convention of the supernet it was searched with. */
  readonly shortcut: Shortcut;
  readonly classes: number;
  /** [height, width, channels]. */
  readonly inputShape: readonly [number, number, number];
  readonly metrics: Metrics;
  /** The validation images the accuracy was measured on, and its binomial standard error (absent in older entries). */
  readonly validationImages?: number;
  readonly accuracyStandardError?: number;
  readonly provenance: EntryProvenance;
}

/** The entry.json text for an entry (pretty-printed, newline-terminated). */
export function formatEntryFile(entry: EntryFile): string {
  return `${JSON.stringify(entry, null, 2)}\n`;
}

/** Checks entry.json's parsed content; `file` names it in the error. Old entries without a shortcut were searched with 'always'. */
export function parseEntryFile(json: unknown, file: string): EntryFile {
  const entry = (json ?? {}) as Partial<EntryFile>;
  const shapeOk = Array.isArray(entry.inputShape) && entry.inputShape.length === 3 && Number.isInteger(entry.classes);
  if (entry.kind !== ENTRY_KIND || typeof entry.genome !== 'string' || typeof entry.space !== 'string' || !shapeOk || !entry.metrics || !entry.provenance) {
    throw new InputError(`${file} is not an evo-nas search entry (it lacks kind "${ENTRY_KIND}", space, genome, classes, inputShape, metrics or provenance)`);
  }
  return { ...(entry as EntryFile), shortcut: entry.shortcut ?? 'always' };
}
