/**
 * Everything the report and the live UI show of one run, read from its store read-only (no lock,
 * so it works while the run goes on) as plain JSON-ready data: settings, status, timings, every
 * evaluation, the hypervolume after each generation, the front, and the supernet's training curve.
 */
import { InputError } from '../errors/errors.js';
import type { RunConfig } from '../run/config.js';
import { runStatus, type RunStatusView } from '../run/status.js';
import { DEFAULT_SPACE_NAME, SPACES, type GenomeSpace } from '../space/index.js';
import { Store } from '../store/store.js';
import { TABULAR_SPACES } from '../tabular/index.js';
import { evaluationRows, failureRows, frontRows, type EvaluationRow, type FailureRow } from './evaluations.js';
import { supernetCurve, type CurveRow } from './supernet-curve.js';

export interface GenerationRow {
  /** 1-based. */
  readonly generation: number;
  /** Evaluations done in this run up to and including this generation. */
  readonly evaluations: number;
  readonly evaluated: number;
  readonly cached: number;
  readonly failed: number;
  readonly hypervolume: number;
  readonly front: number;
  readonly bestAccuracy: number | null;
  readonly seconds: number;
  readonly committedAt: string;
}

export interface RunView {
  /** A short name, unique among the runs shown together. */
  readonly id: string;
  readonly runDir: string;
  readonly status: RunStatusView;
  readonly config: Readonly<Record<string, unknown>>;
  readonly strategy: string;
  readonly seed: number;
  readonly objective: 'params' | 'macs';
  readonly space: string;
  /** One label per genome position ("g0", ...) and what it is ("stem output", ...). */
  readonly layers: readonly { readonly label: string; readonly role: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly evoNasVersion: string;
  readonly generationsAsked: number;
  readonly generations: readonly GenerationRow[];
  readonly evaluations: readonly EvaluationRow[];
  readonly failures: readonly FailureRow[];
  readonly front: readonly EvaluationRow[];
  readonly hypervolume: number;
  readonly supernetVersion: number;
  readonly curve: readonly CurveRow[];
  /** Seconds all committed generations took together. */
  readonly searchSeconds: number;
}

/** The space a run searched: its own setting, or the default ResNet space. */
function spaceOf(config: Partial<RunConfig>): GenomeSpace | undefined {
  const name = config.space ?? DEFAULT_SPACE_NAME;
  return SPACES.get(name) ?? TABULAR_SPACES.get(name);
}

/** Reads the run in `runDir`; an InputError when it is not a run directory or holds no run. */
export function readRunView(runDir: string, id: string): RunView {
  const store = Store.open(runDir, { readOnly: true });
  try {
    const run = store.getRun();
    if (!run) throw new InputError(`${runDir} holds no run yet`);
    const config = run.config as Partial<RunConfig>;
    const records = store.allGenerations();
    const evaluations = evaluationRows(records);
    const objective = config.objective === 'macs' ? 'macs' : 'params';
    const space = spaceOf(config);
    const length = evaluations[0]?.widths.length ?? space?.positions.length ?? 0;
    let total = 0;
    const generations = records.map((g): GenerationRow => {
      total += g.counts.evaluated + g.counts.cached;
      const best = Math.max(...g.archive.map((m) => m.metrics.accuracy));
      return {
        generation: g.index + 1,
        evaluations: total,
        ...g.counts,
        hypervolume: g.hypervolume,
        front: g.archive.length,
        bestAccuracy: Number.isFinite(best) ? best : null,
        seconds: g.seconds,
        committedAt: g.committedAt,
      };
    });
    const last = records[records.length - 1];
    return {
      id,
      runDir,
      status: runStatus(runDir, run),
      config: run.config,
      strategy: String(config.strategy ?? 'nsga2'),
      seed: run.seed,
      objective,
      space: space?.name ?? String(config.space),
      layers: Array.from({ length }, (_, i) => ({ label: `g${i}`, role: space?.positions[i]?.role ?? `position ${i}` })),
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      evoNasVersion: run.evoNasVersion,
      generationsAsked: Number(config.generations ?? generations.length),
      generations,
      evaluations,
      failures: failureRows(records),
      front: frontRows(last?.archive ?? [], evaluations, objective),
      hypervolume: last?.hypervolume ?? 0,
      supernetVersion: last?.supernetVersion ?? 0,
      curve: supernetCurve(store),
      searchSeconds: generations.reduce((sum, g) => sum + g.seconds, 0),
    };
  } finally {
    void store.close();
  }
}
