/**
 * What a run directory's store holds, database by database. Values are MessagePack (msgpackr,
 * without its record extension, so any MessagePack reader can decode them); weight blobs are raw
 * little-endian float32 bytes.
 *
 * | database      | key                                   | value                          |
 * | ------------- | ------------------------------------- | ------------------------------ |
 * | `meta`        | `"schema"`                            | {@link SCHEMA_VERSION}         |
 * | `meta`        | `"table-build"`                       | a table build's settings       |
 * | `weights`     | sha256 of the bytes (hex)             | raw float32 bytes              |
 * | `supernet`    | version (1, 2, ...)                   | {@link SupernetRecord}         |
 * | `runs`        | `"run"` (one run per directory)       | {@link RunRecord}              |
 * | `generations` | index (0, 1, ...)                     | {@link GenerationRecord}       |
 * | `evals`       | `hash|supernetVersion|evalSpecHash`   | {@link Metrics} (the cache)    |
 * | `checkpoints` | version (1, 2, ...)                   | {@link CheckpointRecord}       |
 *
 * A table build (`evo-nas table build`) keeps one `evals` entry per finished training, keyed by
 * the genome and a spec that holds the training's recipe and seed.
 *
 * `checkpoints` holds a standalone model's training (`evo-nas train`); only the newest few are
 * kept, and weight blobs no record refers to any more are deleted with them.
 */
import type { RngState } from '../random/rng.js';
import type { Individual } from '../search/individual.js';
import type { Metrics } from '../search/metrics.js';
import type { Genome } from '../space/genome.js';

/** Bumped whenever a record's shape changes incompatibly; a store of another version is refused. */
export const SCHEMA_VERSION = 1;

export type RunStatus = 'running' | 'finished' | 'failed';

export interface RunRecord {
  /** The resolved configuration the run was started with (defaults, config file and flags merged). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly status: RunStatus;
  /** Why the run failed, when it did. */
  readonly reason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The evo-nas version that last wrote the record. */
  readonly evoNasVersion: string;
}

/** An individual together with the metrics its objectives came from. */
export interface EvaluatedIndividual extends Individual {
  readonly metrics: Metrics;
}

/** One genome asked for in a generation, and what became of it. */
export interface CandidateRecord {
  readonly genome: Genome;
  readonly hash: string;
  /** `evaluated` now, served from the `evals` cache, or `failed` after the evaluator's retries. */
  readonly source: 'evaluated' | 'cached' | 'failed';
  readonly metrics?: Metrics;
  readonly reason?: string;
}

export interface GenerationRecord {
  readonly index: number;
  readonly candidates: readonly CandidateRecord[];
  /** The population manager's state after this generation: what the next `ask` starts from. */
  readonly population: readonly EvaluatedIndividual[];
  /** The Pareto archive over every generation up to this one. */
  readonly archive: readonly EvaluatedIndividual[];
  /** The archive's hypervolume (see `HYPERVOLUME_REFERENCE`). */
  readonly hypervolume: number;
  /** The search generator's state after this generation: the next generation continues from it. */
  readonly rng: RngState;
  readonly counts: { readonly evaluated: number; readonly cached: number; readonly failed: number };
  /** The supernet version and evaluation spec every metric of this generation was measured with. */
  readonly supernetVersion: number;
  readonly evalSpecHash: string;
  /** Wall-clock seconds the generation took. */
  readonly seconds: number;
  readonly committedAt: string;
}

/** One tensor by name, as the supernet and the store exchange weights. */
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Where a tensor's bytes are: the weights are content-addressed, so equal tensors share a blob. */
export interface WeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly sha256: string;
}

export type WeightManifest = readonly WeightEntry[];

/** One checkpoint of a network's training: enough to evaluate it and to resume training exactly. */
export interface CheckpointRecord {
  readonly version: number;
  readonly weights: WeightManifest;
  /** Optimizer slots (e.g. momenta) as tensors; empty when the optimizer keeps none. */
  readonly optimizer: WeightManifest;
  /** The trainer's own plain data: epoch, step, data position, learning rate, generator state, ... */
  readonly training: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

/** A supernet checkpoint: every version is kept, because search results name the version they used. */
export type SupernetRecord = CheckpointRecord;
