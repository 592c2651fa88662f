/**
 * Resuming from a store is only honest with the settings that wrote it: this lists, in words,
 * where the settings asked for now differ from the saved ones.
 */

/** `key: saved, asked value` for every key (but `ignore`) whose JSON differs; empty when they agree. */
export function settingDifferences<T extends object>(saved: T, asked: T, ignore: readonly (keyof T)[] = []): string[] {
  const keys = new Set([...Object.keys(saved), ...Object.keys(asked)] as (keyof T)[]);
  return [...keys]
    .filter((key) => !ignore.includes(key) && JSON.stringify(saved[key]) !== JSON.stringify(asked[key]))
    .map((key) => `${String(key)}: ${JSON.stringify(saved[key])}, asked ${JSON.stringify(asked[key])}`);
}
