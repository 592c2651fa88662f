/**
 * JPEG decoding with `jpeg-js` (pure JavaScript, no native build). Every image comes out as
 * RGB: jpeg-js expands grayscale JPEGs (some of Tiny-ImageNet's are) to three equal channels.
 */
import jpeg from 'jpeg-js';
import { DataError } from '../errors/errors.js';

/**
 * Decodes one JPEG into `out` (height*width*3 bytes, HWC). Strict: a truncated or corrupt file is
 * a DataError naming `file`, not a partly grey image, and so is an image of another size.
 */
export function decodeJpegInto(bytes: Uint8Array, out: Uint8Array, height: number, width: number, file: string): void {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    // Small limits: these are dataset thumbnails, and a corrupt header must not allocate gigabytes.
    image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, maxResolutionInMP: 4, maxMemoryUsageInMB: 64 });
  } catch (error) {
    throw new DataError(`${file} is not a readable JPEG (${(error as Error).message}); expected a ${width}x${height} JPEG image`);
  }
  if (image.width !== width || image.height !== height) {
    throw new DataError(`${file} is ${image.width}x${image.height}; expected ${width}x${height}`);
  }
  if (image.data.length !== out.length) {
    throw new DataError(`${file} decoded to ${image.data.length} bytes; expected ${out.length} (${width}x${height}x3)`);
  }
  out.set(image.data);
}
