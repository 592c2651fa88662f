/**
 * The import graph of the repository's sources, read from the TypeScript text: every relative
 * `import … from '…'`, `export … from '…'` and `import('…')`, resolved to the file it names. Folders
 * are concepts (`src/zoo`, `populations`, `evaluators`): a file belongs to the first folder under
 * `src/`, or to its top-level folder, so `src/cli/commands` is part of `src/cli`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

export interface SourceFile {
  /** Repository-relative path. */
  readonly path: string;
  /** Files named by static imports and re-exports (`.js` read as the `.ts` beside it). */
  readonly staticImports: readonly string[];
  /** Files named by dynamic `import('…')`: loaded lazily, only when that code runs. */
  readonly lazyImports: readonly string[];
  /** Packages named by static imports (`@tensorflow/tfjs`, `node:fs`). */
  readonly packages: readonly string[];
  /** Files and packages named only by `import type` / `export type`: erased when compiled, so never loaded. */
  readonly typeOnly: ReadonlySet<string>;
}

const STATIC = /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g;
const LAZY = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function readSources(root: string, folders: readonly string[]): SourceFile[] {
  return folders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => parseSource(join(folder, f), readFileSync(join(root, folder, f), 'utf8'))),
  );
}

export function parseSource(path: string, text: string): SourceFile {
  const resolve = (target: string) => normalize(join(dirname(path), target)).replace(/\.js$/, '.ts');
  const named = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1] ?? '');
  const statics = named(STATIC);
  const typeOnly = new Set([...text.matchAll(STATIC)].filter((m) => /^\s*(?:import|export)\s+type\s/.test(m[0])).map((m) => m[1] ?? ''));
  const loaded = new Set([...text.matchAll(STATIC)].filter((m) => !/^\s*(?:import|export)\s+type\s/.test(m[0])).map((m) => m[1] ?? ''));
  const onlyTypes = [...typeOnly].filter((t) => !loaded.has(t));
  return {
    path,
    staticImports: statics.filter((t) => t.startsWith('.')).map(resolve),
    lazyImports: named(LAZY).filter((t) => t.startsWith('.')).map(resolve),
    packages: statics.filter((t) => !t.startsWith('.')),
    typeOnly: new Set(onlyTypes.map((t) => (t.startsWith('.') ? resolve(t) : t))),
  };
}

/** The concept folder a file belongs to. */
export function conceptOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : (parts[0] ?? path);
}

/** Folder-level edges from every import, static or lazy (a folder importing itself is left out). */
export function folderEdges(files: readonly SourceFile[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = conceptOf(file.path);
    const targets = edges.get(from) ?? new Set<string>();
    edges.set(from, targets);
    for (const target of [...file.staticImports, ...file.lazyImports]) if (conceptOf(target) !== from) targets.add(conceptOf(target));
  }
  return edges;
}

/** The strongly connected components of more than one folder (Tarjan's algorithm): the cycles. */
export function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = stack.splice(stack.indexOf(node));
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The packages a file pulls in when it is loaded: through static imports only (type-only ones are erased), transitively. */
export function packagesLoadedBy(files: readonly SourceFile[], start: string): Map<string, string> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const packages = new Map<string, string>(); // package -> the file that imports it
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const file = byPath.get(pending.pop()!);
    if (!file || seen.has(file.path)) continue;
    seen.add(file.path);
    for (const name of file.packages) if (!packages.has(name) && !file.typeOnly.has(name)) packages.set(name, file.path);
    pending.push(...file.staticImports.filter((target) => !file.typeOnly.has(target)));
  }
  return packages;
}
