/**
 * What to tell a user whose machine cannot reach the download locations: the exact files (URL,
 * size, MD5) and the two ways to put them in place by hand.
 */
import { dirname, join } from 'node:path';
import type { DatasetSpec } from '../catalogue.js';

/** Instructions for installing `spec` by hand; `done` is where a downloaded file is picked up. */
export function manualInstructions(spec: DatasetSpec, done: string): string {
  const download = spec.download;
  if (!download) return '';
  const downloads = dirname(done);
  const root = dirname(downloads);
  const target = join(root, spec.name);
  const files = download.files
    .map((f) => `  ${f.urls[0]}  (${f.bytes.toLocaleString('en-US')} bytes, MD5 ${f.md5})`)
    .join('\n');
  const unpack =
    download.unpack === 'tar.gz'
      ? `unpack it yourself: mkdir -p ${target} && tar -xzf ${download.files[0]?.name} -C ${target}`
      : download.unpack === 'zip'
        ? `unpack it yourself: mkdir -p ${target} && unzip ${download.files[0]?.name} -d ${target}`
        : `put the files themselves in ${target}/`;
  return [
    `To install ${spec.name} by hand (see ${download.page}), download on a machine with internet access:`,
    files,
    `then either copy ${download.files.length > 1 ? 'them' : 'it'} into ${downloads}/ and run "evo-nas data fetch ${spec.name}" again`,
    `(checked and unpacked for you), or ${unpack}.`,
  ].join('\n');
}
