/**
 * One setting, declared once: its name, kind (type and bounds), default and help. Commands derive
 * their flags from it (./commander.ts) and run config files are checked against it (./check.ts).
 */
import type { Kind } from './kinds.js';

export interface Setting<T = unknown> {
  /** The name in config files and in parsed options (camelCase): "batchSize". */
  readonly key: string;
  readonly kind: Kind<T>;
  /** The placeholder in help: "<n>" in "--batch-size <n>". */
  readonly placeholder: string;
  readonly help: string;
  /**
   * The value when the setting is not given; null: not set (the code derives one, e.g. the
   * tournament size from the capacity); undefined: none (the setting is required or optional).
   */
  readonly default?: T | null;
  /** Words for a default that is not a plain value ("the core count", "a quarter of the capacity"). */
  readonly defaultText?: string;
  /** Old flag spellings still accepted for one release, hidden from help ("--batch"). */
  readonly aliases?: readonly string[];
}

/** Declares a setting; the type of its default follows its kind. */
export function setting<T>(declaration: Setting<T>): Setting<T> {
  return declaration;
}

/** The same setting with another default or help (a command whose default differs). */
export function withDefault<T>(declared: Setting<T>, value: T | null | undefined, help = declared.help): Setting<T> {
  return { ...declared, help, default: value, defaultText: undefined };
}

/** The flag a setting is given with: batchSize -> --batch-size (distill, on by default -> --no-distill). */
export function flagOf(declared: Pick<Setting, 'key'> & Partial<Pick<Setting, 'kind' | 'default'>>): string {
  const dashed = declared.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return declared.kind?.takesNoValue && declared.default === true ? `--no-${dashed}` : `--${dashed}`;
}

/** The default as help shows it: "(default 64)", or "" when there is none. */
export function defaultHelp(declared: Setting): string {
  if (declared.defaultText !== undefined) return `(default: ${declared.defaultText})`;
  if (declared.default === undefined || declared.default === null || declared.kind.takesNoValue) return '';
  return `(default: ${Array.isArray(declared.default) ? declared.default.join(',') : String(declared.default)})`;
}
