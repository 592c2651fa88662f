/**
 * The LMDB store of one run directory (lmdb + msgpackr): the `Store` class owns the environment
 * from `open` to `close`. A writer holds the run directory's lock; a reader (`readOnly`) does not,
 * so `evo-nas show` can look at a run while it goes on (LMDB readers see the last committed
 * transaction). Every generation is committed in one transaction together with its new cache
 * entries and the run record: a crash loses at most the generation in flight. See schema.ts for
 * what each database holds.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { Packr } from 'msgpackr';
import { InputError, RunDirectoryError, StoreDamagedError } from '../errors/errors.js';
import type { Metrics } from '../search/metrics.js';
import { fileSystemMessage } from '../files/fs-errors.js';
import { storeFileProblem } from './header.js';
import { acquireRunLock, type RunLock } from './lock.js';
import {
  SCHEMA_VERSION,
  type CheckpointRecord,
  type GenerationRecord,
  type NamedTensor,
  type RunRecord,
  type SupernetRecord,
  type WeightManifest,
} from './schema.js';
import { verifyDatabases } from './verify.js';
import { getWeightBlobs, putWeightBlobs } from './weights.js';

/** The LMDB file inside a run directory (LMDB adds `store.mdb-lock` beside it). */
export const STORE_FILE = 'store.mdb';

export interface StoreOpenOptions {
  /** Open for reading only: no lock is taken and nothing can be written. */
  readonly readOnly?: boolean;
}

/** What a caller hands over to be saved as a checkpoint (the store adds version and time). */
export interface CheckpointContent {
  readonly weights: readonly NamedTensor[];
  readonly optimizer?: readonly NamedTensor[];
  readonly training: Readonly<Record<string, unknown>>;
}

/** The highest version key of a versioned database, 0 when it is empty. */
function latestVersion(db: Database<unknown, number>): number {
  for (const { key } of db.getRange({ reverse: true, limit: 1 })) return key;
  return 0;
}

/** Plain MessagePack (no msgpackr records), so other MessagePack readers can decode the values. */
const encoder = new Packr({ useRecords: false });

/** Refuses, with a message, a store file lmdb would crash on (see header.ts). */
function checkStoreFile(runDir: string, path: string, readOnly: boolean): void {
  if (!existsSync(path)) return;
  // A writer may start on an empty file (a run killed while creating it): lmdb initialises it.
  if (!readOnly && statSync(path).size === 0) return;
  const problem = storeFileProblem(path);
  if (problem !== undefined) throw damaged(runDir, 'checking its header', problem);
}

/** The one message for a store that cannot be read. */
export function damaged(runDir: string, doing: string, cause: unknown): StoreDamagedError {
  const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new StoreDamagedError(
    `the store ${join(runDir, STORE_FILE)} is damaged (${doing}: ${why}); ` +
      `list what is wrong with "evo-nas store verify ${runDir}", then restore the directory from a copy or start a new run directory`,
  );
}

export class Store {
  private constructor(
    readonly runDir: string,
    readonly readOnly: boolean,
    private readonly root: RootDatabase,
    private readonly meta: Database<unknown, string>,
    private readonly weights: Database<Buffer, string>,
    private readonly supernet: Database<SupernetRecord, number>,
    private readonly runs: Database<RunRecord, string>,
    private readonly generations: Database<GenerationRecord, number>,
    private readonly evals: Database<Metrics, string>,
    private readonly checkpoints: Database<CheckpointRecord, number>,
    private readonly lock: RunLock | undefined,
  ) {}

  /**
   * Opens (a writer creates) the store of `runDir`. A writer takes the directory's lock first and
   * fails with a clear message when a live process holds it.
   */
  static open(runDir: string, options: StoreOpenOptions = {}): Store {
    const readOnly = options.readOnly ?? false;
    const path = join(runDir, STORE_FILE);
    if (readOnly && !existsSync(path)) throw new InputError(`${runDir} is not an evo-nas run directory (it has no ${STORE_FILE})`);
    checkStoreFile(runDir, path, readOnly);
    const lock = readOnly ? undefined : acquireRunLock(runDir);
    try {
      const root = open({ path, readOnly, maxDbs: 8, encoder });
      // lmdb takes a per-database `encoder` (its typings list it only for the root).
      const db = <V, K extends string | number>(name: string, binary = false) =>
        root.openDB<V, K>(binary ? { name, encoding: 'binary' } : ({ name, encoder } as { name: string }));
      const store = new Store(
        runDir,
        readOnly,
        root,
        db('meta'),
        db('weights', true),
        db('supernet'),
        db('runs'),
        db('generations'),
        db('evals'),
        db('checkpoints'),
        lock,
      );
      store.read('its schema version', () => store.checkSchema());
      return store;
    } catch (error) {
      lock?.release();
      // A permission or disk fault is not damage: it is mapped to its own message by the CLI.
      throw error instanceof InputError || fileSystemMessage(error) !== undefined ? error : damaged(runDir, 'opening it', error);
    }
  }

  /**
   * Runs a read, turning what a damaged file makes lmdb or msgpackr throw (MDB_CORRUPTED, a
   * MessagePack decoding error) into one line that names the file and says what to do.
   */
  private read<T>(what: string, reading: () => T): T {
    try {
      return reading();
    } catch (error) {
      throw error instanceof InputError ? error : damaged(this.runDir, `reading ${what}`, error);
    }
  }

  /** Closes the environment and releases the lock. */
  async close(): Promise<void> {
    try {
      await this.root.close();
    } finally {
      this.lock?.release();
    }
  }

  private checkSchema(): void {
    const found = this.meta.get('schema');
    if (found === undefined) {
      if (this.readOnly) throw new InputError(`${this.runDir} is not an evo-nas run directory (its store has no schema version)`);
      this.meta.putSync('schema', SCHEMA_VERSION);
    } else if (found !== SCHEMA_VERSION) {
      throw new RunDirectoryError(
        `run directory ${this.runDir} holds a store of schema version ${String(found)}; this evo-nas reads version ${SCHEMA_VERSION}. ` +
          'Use the evo-nas version that wrote it, or start a new run directory.',
      );
    }
  }

  /** Everything wrong with the store's content, one line each (see verify.ts); empty when whole. */
  verify(): string[] {
    const records = new Map<string, Database<unknown, string | number>>([
      ['meta', this.meta],
      ['runs', this.runs],
      ['generations', this.generations],
      ['evals', this.evals],
      ['supernet', this.supernet],
      ['checkpoints', this.checkpoints],
    ] as [string, Database<unknown, string | number>][]);
    return verifyDatabases({ weights: this.weights, records });
  }

  // --- runs ---

  getRun(): RunRecord | undefined {
    return this.read('the run record', () => this.runs.get('run'));
  }

  putRun(run: RunRecord): void {
    this.lock?.confirm();
    this.runs.putSync('run', run);
  }

  /**
   * A named record of the run directory's own work, kept in `meta` (e.g. a table build's
   * settings, `"table-build"`), or undefined. `"schema"` is the store's own.
   */
  getMeta(name: string): unknown {
    return name === 'schema' ? undefined : this.meta.get(name);
  }

  putMeta(name: string, value: unknown): void {
    if (name === 'schema') throw new RangeError('the meta record "schema" belongs to the store');
    this.meta.putSync(name, value);
  }

  // --- generations and the evaluation cache ---

  getGeneration(index: number): GenerationRecord | undefined {
    return this.read(`generation ${index}`, () => this.generations.get(index));
  }

  /** The last committed generation, or undefined before the first. */
  lastGeneration(): GenerationRecord | undefined {
    return this.read('the last generation', () => {
      for (const { value } of this.generations.getRange({ reverse: true, limit: 1 })) return value;
      return undefined;
    });
  }

  /** Every committed generation, in order. */
  allGenerations(): GenerationRecord[] {
    return this.read('the generations', () => [...this.generations.getRange()].map(({ value }) => value));
  }

  /** The cached metrics for an evaluation key (see `evaluationKey`). */
  getEvaluation(key: string): Metrics | undefined {
    return this.read('the evaluation cache', () => this.evals.get(key));
  }

  /** Stores one evaluation's metrics on its own (a table build commits each training as it ends). */
  putEvaluation(key: string, metrics: Metrics): void {
    this.evals.putSync(key, metrics);
  }

  /** Commits a generation, its newly evaluated metrics and the run record in one transaction. */
  commitGeneration(generation: GenerationRecord, evaluations: ReadonlyMap<string, Metrics>, run: RunRecord): void {
    this.lock?.confirm();
    this.root.transactionSync(() => {
      for (const [key, metrics] of evaluations) this.evals.putSync(key, metrics);
      this.generations.putSync(generation.index, generation);
      this.runs.putSync('run', run);
    });
  }

  // --- weights and the supernet ---

  /** Stores tensors by content (blobs already present are not written again); returns their manifest. */
  putWeights(tensors: readonly NamedTensor[]): WeightManifest {
    this.lock?.confirm();
    return this.root.transactionSync(() => putWeightBlobs(this.weights, tensors));
  }

  /** The tensors of a manifest (read-only views; see getWeightBlobs). */
  getWeights(manifest: WeightManifest): NamedTensor[] {
    return this.read('weights', () => getWeightBlobs(this.weights, manifest));
  }

  /** The newest supernet version, 0 when none was saved. */
  latestSupernetVersion(): number {
    return this.read('the supernet versions', () => latestVersion(this.supernet));
  }

  /**
   * Saves a supernet checkpoint (weights, optimizer slots, the trainer's state) as the next
   * version, in one transaction; returns its record.
   */
  saveSupernet(checkpoint: CheckpointContent): SupernetRecord {
    this.lock?.confirm();
    return this.root.transactionSync(() => this.appendCheckpoint(this.supernet, checkpoint));
  }

  /** A supernet version's record (default: the newest), or undefined when there is none. */
  getSupernet(version = this.latestSupernetVersion()): SupernetRecord | undefined {
    return version === 0 ? undefined : this.read(`supernet version ${version}`, () => this.supernet.get(version));
  }

  // --- training checkpoints of a standalone network ---

  /** The newest training checkpoint's version, 0 when none was saved. */
  latestCheckpointVersion(): number {
    return this.read('the training checkpoints', () => latestVersion(this.checkpoints));
  }

  /** A training checkpoint (default: the newest), or undefined when there is none. */
  getCheckpoint(version = this.latestCheckpointVersion()): CheckpointRecord | undefined {
    return version === 0 ? undefined : this.read(`training checkpoint ${version}`, () => this.checkpoints.get(version));
  }

  /**
   * Saves a training checkpoint as the next version and drops all but the newest `keep` (default
   * 2), with the weight blobs nothing else refers to, in one transaction: a crash leaves the
   * previous checkpoints whole, and a long training does not grow the store by a model per epoch.
   */
  saveCheckpoint(checkpoint: CheckpointContent, keep = 2): CheckpointRecord {
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`checkpoints to keep must be a whole number ≥ 1 (got ${keep})`);
    this.lock?.confirm();
    return this.root.transactionSync(() => {
      const record = this.appendCheckpoint(this.checkpoints, checkpoint);
      const dropped = [...this.checkpoints.getRange({ end: record.version - keep + 1 })].map(({ value }) => value);
      if (dropped.length > 0) {
        for (const old of dropped) this.checkpoints.removeSync(old.version);
        const kept = new Set(this.referencedBlobs());
        for (const old of dropped) {
          for (const { sha256 } of [...old.weights, ...old.optimizer]) if (!kept.has(sha256)) this.weights.removeSync(sha256);
        }
      }
      return record;
    });
  }

  /** Writes `checkpoint` as `db`'s next version; call inside a write transaction. */
  private appendCheckpoint(db: Database<CheckpointRecord, number>, checkpoint: CheckpointContent): CheckpointRecord {
    const record: CheckpointRecord = {
      version: latestVersion(db) + 1,
      weights: putWeightBlobs(this.weights, checkpoint.weights),
      optimizer: putWeightBlobs(this.weights, checkpoint.optimizer ?? []),
      training: checkpoint.training,
      createdAt: new Date().toISOString(),
    };
    db.putSync(record.version, record);
    return record;
  }

  /** Every blob a remaining supernet or training checkpoint refers to. */
  private *referencedBlobs(): Generator<string> {
    for (const records of [this.supernet.getRange(), this.checkpoints.getRange()]) {
      for (const { value } of records) for (const entry of [...value.weights, ...value.optimizer]) yield entry.sha256;
    }
  }
}
