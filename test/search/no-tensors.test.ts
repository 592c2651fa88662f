import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Every TypeScript file under a folder of the repository. */
function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(folder, f));
}

t.test('the search core, the population managers and the run loop never import TensorFlow.js', async (t) => {
  const files = [...sources('src/search'), ...sources('populations'), ...sources('src/run'), ...sources('src/store')];
  t.ok(files.length > 20, `${files.length} files checked`);
  const offenders = files.filter((f) => /from ['"]@tensorflow\//.test(readFileSync(join(root, f), 'utf8')));
  t.same(offenders, []);
});
