/**
 * The piscina worker: hosts the handler named by the pool's workerData (a HandlerSpec) and
 * evaluates one task per call. Each worker thread sets its context up once, on its first task.
 * It tells the pool when it starts an attempt's evaluation (after the one-time setup), so the
 * attempt's timeout counts from there and not from the start of a thread or the handler's setup
 * (loading TensorFlow.js, a dataset, a supernet), which can be slow on a loaded machine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HandlerSpec } from './handler.js';
import { hostHandler } from './hosted.js';
import type { EvaluationResult, EvaluationTask } from './task.js';

const run = hostHandler(workerData as HandlerSpec);

/** What the pool sends: the task and the attempt's id. */
export interface Attempt {
  readonly id: number;
  readonly task: EvaluationTask;
}

/** What the worker posts when it begins an attempt. */
export interface AttemptStarted {
  readonly evoNasAttemptStarted: number;
}

export default function evaluateAttempt({ id, task }: Attempt): Promise<EvaluationResult> {
  return run(task, () => parentPort?.postMessage({ evoNasAttemptStarted: id } satisfies AttemptStarted));
}
