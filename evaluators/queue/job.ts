/**
 * What a queue job carries: the task, and which handler runs it — its kind (a key of
 * HANDLER_MODULES, so any registered handler can run on a worker) and its options minus those
 * that only mean something on the run's host. The worker adds its own host's options back.
 */
import { HANDLER_MODULES, type HandlerOptions, type HandlerSpec } from '../handler.js';
import type { EvaluationTask } from '../task.js';

export interface QueueJob {
  readonly task: EvaluationTask;
  readonly kind: string;
  readonly options: HandlerOptions;
  /** Milliseconds one attempt may run before the worker's thread is replaced. */
  readonly timeoutMs: number;
}

/** Handler options that name things on the run's host: a worker sets its own. */
export const HOST_OPTIONS: readonly string[] = ['runDir', 'backend', 'weights'];

/** The kind of a shipped handler spec (a key of HANDLER_MODULES). */
export function handlerKind(spec: HandlerSpec): string {
  const kind = Object.entries(HANDLER_MODULES).find(([, url]) => url.href === spec.module)?.[0];
  if (!kind) throw new Error(`the queue runs only the handlers registered in HANDLER_MODULES; ${spec.module} is not one`);
  return kind;
}

export function portableOptions(options: HandlerOptions): HandlerOptions {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !HOST_OPTIONS.includes(key)));
}
