/**
 * Parsers for CLI option values that are not declared settings (a command's own flags such as
 * --classes or --images). Each checks one value at the edge with a kind from src/settings and
 * says what is allowed; commander prefixes the message with the option's name. A value that is a
 * setting (seed, batch size, learning rate...) is declared in src/settings instead.
 */
import { InvalidArgumentError } from 'commander';
import * as kinds from '../settings/kinds.js';

/** Commander's parser for a kind: the value, or InvalidArgumentError saying what is allowed. */
export function parserOf<T>(kind: kinds.Kind<T>): (value: string) => T {
  return (value) => {
    const parsed = kind.parse(value);
    if (parsed === undefined) throw new InvalidArgumentError(`must be ${kind.allowed} (got "${value}")`);
    return parsed;
  };
}

/** A whole number in [min, max]. */
export const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER): ((value: string) => number) => parserOf(kinds.wholeNumber(min, max));
/** An image side ("32") or height x width ("32x48"), each ≥ 1. */
export const imageSize = parserOf(kinds.imageSize);
/** A finite number above 0 ("0.1", "1e-3"). */
export const positiveNumber = parserOf(kinds.positiveNumber());
/** A finite number ≥ 0 ("0", "5e-4"). */
export const nonNegativeNumber = parserOf(kinds.nonNegativeNumber);
/** A number in [0, 1) (a fraction such as label smoothing's epsilon). */
export const fraction = parserOf(kinds.fraction);
/** Rising whole numbers separated by commas ("60,120,160"), each ≥ 1. */
export const risingList = parserOf(kinds.risingList);
