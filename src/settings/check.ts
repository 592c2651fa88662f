/**
 * Checking a set of settings given as data (a JSON config file, or a resolved config) against
 * their declarations. Keys are looked up in a Map, never on an object, so "__proto__",
 * "constructor" or "hasOwnProperty" in a file are unknown settings like any other misspelling.
 */
import { InputError } from '../errors/errors.js';
import { flagOf, type Setting } from './setting.js';

/**
 * Checks each defined value of `values` and returns them (undefined ones dropped). `where` names
 * the source in messages: "config file run.json" gives `config file run.json: "lr" must be ...`;
 * "" (the command line, or a resolved config) names the flag: `--lr must be ...`.
 */
export function checkValues(values: Readonly<Record<string, unknown>>, settings: readonly Setting[], where: string): Record<string, unknown> {
  const byKey = new Map(settings.map((s) => [s.key, s]));
  const checked: [string, unknown][] = [];
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (value === undefined) continue;
    const declared = byKey.get(key);
    if (!declared) {
      throw new InputError(`${where === '' ? '' : `${where}: `}unknown setting ${JSON.stringify(key)}; known settings: ${[...byKey.keys()].join(', ')}`);
    }
    if (!declared.kind.accepts(value)) {
      const name = where === '' ? flagOf({ key }) : `${where}: ${JSON.stringify(key)}`;
      throw new InputError(`${name} must be ${declared.kind.allowed} (got ${JSON.stringify(value)})`);
    }
    checked.push([key, value]);
  }
  return Object.fromEntries(checked);
}

/** The declared defaults of `settings` that are values or null (not those with none). */
export function defaultsOf(settings: readonly Setting[]): Record<string, unknown> {
  return Object.fromEntries(settings.filter((s) => s.default !== undefined).map((s) => [s.key, s.default]));
}
