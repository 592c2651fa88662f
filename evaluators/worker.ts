/**
 * The piscina worker: hosts the handler named by the pool's workerData (a HandlerSpec) and
 * evaluates one task per call. Each worker thread sets its context up once, on its first task.
 */
import { workerData } from 'node:worker_threads';
import type { HandlerSpec } from './handler.js';
import { hostHandler } from './hosted.js';
import type { EvaluationResult, EvaluationTask } from './task.js';

const run = hostHandler(workerData as HandlerSpec);

export default function evaluateTask(task: EvaluationTask): Promise<EvaluationResult> {
  return run(task);
}
