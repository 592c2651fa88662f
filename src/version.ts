/** The evo-nas version, from package.json: recorded with every run. */
import { readFileSync } from 'node:fs';

export const EVO_NAS_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
