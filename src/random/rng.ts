/**
 * The project's only source of randomness: a seeded xoroshiro128+ generator (from `pure-rand`)
 * with labelled forks.
 *
 * A run makes one `Rng` from its seed and passes it (or forks of it) explicitly to everything that
 * draws. `fork(label)` derives an independent stream from the root seed and the label path only —
 * not from how many numbers were drawn before — so adding a draw in one part of the program never
 * shifts the numbers another part sees. Forking the same label twice gives the same stream: use
 * distinct labels (`generation-3`, `task-17`) for independent streams.
 */
import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** Everything needed to continue a stream exactly where it stopped (stored in checkpoints). */
export interface RngState {
  readonly seed: number;
  readonly path: readonly string[];
  readonly generator: readonly number[];
}

/** Largest accepted seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

export class Rng {
  private constructor(
    /** The root seed this stream descends from. */
    readonly seed: number,
    /** The fork labels from the root to this stream (empty for the root). */
    readonly path: readonly string[],
    private readonly generator: Generator,
  ) {}

  /** The root stream of a run. `seed` must be an integer in [0, 2^32 - 1]. */
  static fromSeed(seed: number): Rng {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED} (got ${seed})`);
    }
    return new Rng(seed, [], xoroshiro128plus(deriveSeed(seed, [])));
  }

  /** Continues a stream saved with {@link Rng.state}. */
  static fromState(state: RngState): Rng {
    return new Rng(state.seed, [...state.path], xoroshiro128plusFromState(state.generator));
  }

  /** An independent stream named `label` below this one; see the module comment. */
  fork(label: string): Rng {
    const path = [...this.path, label];
    return new Rng(this.seed, path, xoroshiro128plus(deriveSeed(this.seed, path)));
  }

  /** A snapshot from which {@link Rng.fromState} continues with the same numbers. */
  state(): RngState {
    return { seed: this.seed, path: [...this.path], generator: [...this.generator.getState()] };
  }

  /** A float uniform in [0, 1), 53 random bits. */
  float(): number {
    return uniformFloat64(this.generator);
  }

  /** An integer uniform in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`int(n) needs an integer n >= 1 (got ${n})`);
    return uniformInt(this.generator, 0, n - 1);
  }

  /** True with probability `p`. */
  bool(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
    return items[this.int(items.length)] as T;
  }

  /** A new array with the items in uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A 32-bit seed for a library that takes a plain number (e.g. a worker task's seed). */
  seed32(): number {
    return uniformInt(this.generator, 0, MAX_SEED);
  }
}

/** Hashes the root seed and the fork path to a 32-bit seed (labels cannot collide via "/"). */
function deriveSeed(seed: number, path: readonly string[]): number {
  const digest = createHash('sha256').update(JSON.stringify([seed, ...path])).digest();
  return digest.readInt32LE(0);
}
