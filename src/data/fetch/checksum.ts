/** File checksums, streamed (the archives are hundreds of megabytes). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The hex MD5 of a file: the digest dataset authors publish (CIFAR, Fashion-MNIST). */
export async function fileMd5(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
