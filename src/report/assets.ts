/**
 * The browser code the report and the UI need, read from disk once per process: the Vega,
 * Vega-Lite and vega-embed bundles (BSD-3-Clause; their licence texts go into the page with them),
 * TensorFlow.js's browser bundle for the zoo-entry page, and evo-nas's own scripts in
 * assets/report/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of an installed package (found from its entry point: vega's `exports` hide package.json). */
export function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
  return dir;
}

/** The browser libraries, by the name the UI serves them under. */
const LIBRARIES = {
  'vega.min.js': ['vega', 'build/vega.min.js'],
  'vega-lite.min.js': ['vega-lite', 'build/vega-lite.min.js'],
  'vega-embed.min.js': ['vega-embed', 'build/vega-embed.min.js'],
  'tf.min.js': ['@tensorflow/tfjs', 'dist/tf.min.js'],
} as const;

export type LibraryName = keyof typeof LIBRARIES;
export const CHART_LIBRARIES: readonly LibraryName[] = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'];

/** evo-nas's own browser files (assets/report/). */
export const OWN_ASSETS = ['charts.js', 'report.js', 'live.js', 'entry.js', 'style.css'] as const;
export type OwnAsset = (typeof OWN_ASSETS)[number];

const cache = new Map<string, string>();
function cached(key: string, read: () => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    text = read();
    cache.set(key, text);
  }
  return text;
}

export function isLibrary(name: string): name is LibraryName {
  return Object.hasOwn(LIBRARIES, name);
}

export function library(name: LibraryName): string {
  const [pkg, file] = LIBRARIES[name];
  return cached(name, () => readFileSync(join(packageDir(pkg), file), 'utf8'));
}

/** The licence text shipped with a library's package. */
export function libraryLicence(name: LibraryName): string {
  const [pkg] = LIBRARIES[name];
  return cached(`licence:${name}`, () => {
    const dir = packageDir(pkg);
    const file = ['LICENSE', 'LICENSE.txt', 'LICENSE.md'].map((f) => join(dir, f)).find((f) => existsSync(f));
    return file ? readFileSync(file, 'utf8') : `${pkg}: see its package for the licence`;
  });
}

export function isOwnAsset(name: string): name is OwnAsset {
  return (OWN_ASSETS as readonly string[]).includes(name);
}

/** assets/report/ of this package (two levels above dist/src/report, or src/report in a source run). */
export function ownAsset(name: OwnAsset): string {
  return cached(`own:${name}`, () => {
    const candidates = [new URL(`../../../assets/report/${name}`, import.meta.url), new URL(`../../assets/report/${name}`, import.meta.url)];
    const found = candidates.find((url) => existsSync(url));
    if (!found) throw new Error(`evo-nas is missing its browser file assets/report/${name}`);
    return readFileSync(found, 'utf8');
  });
}
