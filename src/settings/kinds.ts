/**
 * The kinds of value a setting can take. A kind knows what it allows (in words, for messages and
 * help), how to read a flag's text, and whether a config file's JSON value is one of its values;
 * so a flag and a config-file key with the same name can never allow different things.
 */

export interface Kind<T> {
  /** What is allowed, completing "--population must be ...": "a whole number ≥ 4". */
  readonly allowed: string;
  /** The value a flag's text spells, or undefined when it spells none of this kind. */
  readonly parse: (text: string) => T | undefined;
  /** Whether a JSON value (from a config file, or a resolved config) is of this kind. */
  readonly accepts: (value: unknown) => boolean;
  /** Flags of this kind take no value (`--nesterov`, `--no-distill`). */
  readonly takesNoValue?: true;
  /** The names a choice allows (listed in help). */
  readonly choices?: readonly string[];
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
const number = (text: string): number | undefined => (NUMBER.test(text) ? Number(text) : undefined);
const kind = <T>(allowed: string, accepts: (v: unknown) => boolean, read: (text: string) => unknown): Kind<T> => ({
  allowed,
  accepts,
  parse: (text) => {
    const value = read(text);
    return accepts(value) ? (value as T) : undefined;
  },
});

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): Kind<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  const accepts = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
  return kind(`a whole number ${range}`, accepts, (text) => (/^\s*[-+]?\d+\s*$/.test(text) ? Number(text) : undefined));
}

/** A finite number above 0, and at most `max` when given. */
export function positiveNumber(max = Infinity): Kind<number> {
  const accepts = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max;
  return kind(max === Infinity ? 'a number above 0' : `a number above 0 and at most ${max}`, accepts, number);
}

/** A finite number ≥ 0. */
export const nonNegativeNumber: Kind<number> = kind('a number ≥ 0', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, number);

/** A number in [0, 1): a share or a smoothing epsilon. */
export const fraction: Kind<number> = kind('a number from 0 up to (not including) 1', (v) => typeof v === 'number' && v >= 0 && v < 1, number);

/** A number in [0, 1]. */
export const probability: Kind<number> = kind('a probability from 0 to 1', (v) => typeof v === 'number' && v >= 0 && v <= 1, number);

/** One of a fixed list of names. */
export function choice<T extends string>(values: readonly T[]): Kind<T> {
  const accepts = (v: unknown) => typeof v === 'string' && (values as readonly string[]).includes(v);
  return { ...kind<T>(`one of ${values.join(', ')}`, accepts, (text) => text), choices: values };
}

/** Any non-empty text (a path, a dataset name). */
export const text: Kind<string> = kind('a non-empty string', (v) => typeof v === 'string' && v.trim() !== '', (t) => t);

/** On or off; its flag takes no value. */
export const onOff: Kind<boolean> = { ...kind<boolean>('true or false', (v) => typeof v === 'boolean', (t) => ({ true: true, false: false })[t]), takesNoValue: true };

/** Rising whole numbers ≥ 1 separated by commas ("60,120,160"); a JSON array in a config file. */
export const risingList: Kind<number[]> = kind(
  'rising whole numbers ≥ 1 separated by commas, like 60,120,160',
  (v) => Array.isArray(v) && v.length > 0 && v.every((n, i) => Number.isSafeInteger(n) && n >= 1 && (i === 0 || n > v[i - 1])),
  (t) => (/^\s*\d+(\s*,\s*\d+)*\s*$/.test(t) ? t.split(',').map(Number) : undefined),
);

/** An image side ("32") or height x width ("32x48"), each ≥ 1. */
/** The largest image side a flag accepts (ImageNet-sized inputs are 224). */
export const MAX_IMAGE_SIDE = 4096;

// Bounded so a mistyped side is refused up front: a side of 20000 failed only after half a minute, allocating the images.
const isSide = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_IMAGE_SIDE;
export const imageSize: Kind<number | [number, number]> = kind(
  `a side from 1 to ${MAX_IMAGE_SIDE} like "32" or height x width like "32x48"`,
  (v) => isSide(v) || (Array.isArray(v) && v.length === 2 && v.every(isSide)),
  (t) => {
    const match = /^\s*(\d+)(?:x(\d+))?\s*$/.exec(t);
    if (!match) return undefined;
    return match[2] === undefined ? Number(match[1]) : [Number(match[1]), Number(match[2])];
  },
);

/** The same kind, also allowing null (in a config file: "not set", the default is derived). */
export function orNull<T>(inner: Kind<T>): Kind<T | null> {
  return { ...inner, accepts: (v) => v === null || inner.accepts(v) };
}
