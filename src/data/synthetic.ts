/**
 * A procedural, seeded, learnable image set for tests and demos: any number of classes, channels
 * and any image size, generated in memory in milliseconds.
 *
 * Each class is a sine grating with its own orientation and frequency, tinted with its own
 * colour (when there is more than one channel). Each image draws its own phase (so the pattern
 * shifts: the class is in the texture, not in any fixed pixel), contrast, brightness and
 * per-pixel noise. A small convnet learns it quickly — convolutions detect oriented frequencies —
 * while a per-pixel template cannot, because the phase is random. Classes are laid out on an
 * orientation x frequency grid, so up to ~20 classes are easy; many more get close in frequency.
 */
import { Rng } from '../random/rng.js';
import { makeDataset, type Dataset, type ImageSet } from './dataset.js';

export interface SyntheticOptions {
  readonly classes?: number;
  readonly channels?: number;
  readonly height?: number;
  readonly width?: number;
  readonly trainCount?: number;
  readonly testCount?: number;
  /** Half-width of the uniform per-pixel noise, on a 0..1 scale. */
  readonly noise?: number;
  readonly seed?: number;
}

export const SYNTHETIC_DEFAULTS: Required<SyntheticOptions> = {
  classes: 10,
  channels: 3,
  height: 32,
  width: 32,
  trainCount: 5000,
  testCount: 1000,
  noise: 0.2,
  seed: 0,
};

/** The class signal: a grating direction and frequency, and a tint per channel. */
interface ClassPattern {
  readonly fx: number;
  readonly fy: number;
  readonly tint: readonly number[];
}

/** Generates the synthetic dataset; the same options always give the same bytes. */
export function syntheticDataset(options: SyntheticOptions = {}): Dataset {
  const o = { ...SYNTHETIC_DEFAULTS, ...options };
  const patterns = Array.from({ length: o.classes }, (_, c) => classPattern(c, o));
  const rng = Rng.fromSeed(o.seed).fork('synthetic');
  const split = (count: number, label: string) => generateSet(count, patterns, o, rng.fork(label));
  return makeDataset({
    name: 'synthetic',
    classNames: Array.from({ length: o.classes }, (_, c) => `class-${c}`),
    train: split(o.trainCount, 'train'),
    test: split(o.testCount, 'test'),
    files: [],
  });
}

/**
 * Class c sits at (orientation c mod A, frequency level floor(c / A)) on an A x B grid. Frequencies
 * run from 2 cycles per image to a quarter of the smaller side (well below the sampling limit).
 */
function classPattern(c: number, o: Required<SyntheticOptions>): ClassPattern {
  const angles = Math.ceil(Math.sqrt(o.classes));
  const levels = Math.ceil(o.classes / angles);
  const theta = (Math.PI * (c % angles)) / angles;
  const lowest = 2;
  const highest = Math.max(lowest + 1, Math.min(o.height, o.width) / 4);
  const cycles = levels === 1 ? lowest : lowest + ((highest - lowest) * Math.floor(c / angles)) / (levels - 1);
  const tint = Array.from({ length: o.channels }, (_, k) =>
    o.channels === 1 ? 1 : 0.6 + 0.4 * Math.cos(2 * Math.PI * (c / o.classes + k / o.channels)),
  );
  return { fx: (2 * Math.PI * cycles * Math.cos(theta)) / o.width, fy: (2 * Math.PI * cycles * Math.sin(theta)) / o.height, tint };
}

function generateSet(count: number, patterns: readonly ClassPattern[], o: Required<SyntheticOptions>, rng: Rng): ImageSet {
  // Balanced classes in a shuffled order.
  const labels = Uint16Array.from(rng.shuffle(Array.from({ length: count }, (_, i) => i % patterns.length)));
  const size = o.height * o.width * o.channels;
  const images = new Uint8Array(count * size);
  for (let i = 0; i < count; i++) {
    drawImage(images.subarray(i * size, (i + 1) * size), patterns[labels[i] as number] as ClassPattern, o, rng);
  }
  return { images, labels, count, height: o.height, width: o.width, channels: o.channels };
}

function drawImage(out: Uint8Array, pattern: ClassPattern, o: Required<SyntheticOptions>, rng: Rng): void {
  const phase = 2 * Math.PI * rng.float();
  const contrast = 0.25 + 0.15 * rng.float();
  const brightness = 0.4 + 0.2 * rng.float();
  let at = 0;
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      const wave = contrast * Math.sin(pattern.fx * x + pattern.fy * y + phase);
      for (let k = 0; k < o.channels; k++) {
        const value = brightness + wave * (pattern.tint[k] as number) + o.noise * (2 * rng.float() - 1);
        out[at++] = Math.round(255 * Math.min(1, Math.max(0, value)));
      }
    }
  }
}
