/**
 * Evaluation handlers, pluggable by kind. A handler is a module whose default export sets up a
 * context once per worker (load a table; for the supernet: open the store read-only, set up a
 * tensor backend, cache weights by version) and then evaluates tasks with it: a pure function of
 * the task and the context. The pool and the in-process evaluator host any handler the same way.
 */
import type { EvaluationResult, EvaluationTask } from './task.js';

export interface EvaluatorHandler<Context = unknown> {
  /** Called once per worker, before its first task, with the options of the handler spec. */
  setup(options: HandlerOptions): Promise<Context> | Context;
  evaluate(task: EvaluationTask, context: Context): Promise<EvaluationResult> | EvaluationResult;
  /** Releases the context; called when a task failed on it (the next task gets a fresh one). */
  teardown?(context: Context): Promise<void> | void;
}

/** Plain, structured-cloneable options (they travel to worker threads as workerData). */
export type HandlerOptions = Readonly<Record<string, unknown>>;

/** Which handler to host and how to set it up. */
export interface HandlerSpec {
  /** URL (file:) of a module whose default export is an {@link EvaluatorHandler}. */
  readonly module: string;
  readonly options: HandlerOptions;
}

/**
 * The handlers shipped, by kind. `table` looks metrics up in a tabular benchmark; the supernet
 * evaluator registers here as `supernet` (its setup receives the run directory and opens the
 * store read-only); `training` trains a genome from scratch (`evo-nas table build`).
 */
export const HANDLER_MODULES: Readonly<Record<string, URL>> = {
  table: new URL('./handlers/table.js', import.meta.url),
  supernet: new URL('./handlers/supernet.js', import.meta.url),
  training: new URL('./handlers/training.js', import.meta.url),
};

/** The spec for a shipped handler kind. */
export function handlerSpec(kind: string, options: HandlerOptions): HandlerSpec {
  const module = HANDLER_MODULES[kind];
  if (!module) throw new Error(`no evaluator handler of kind "${kind}"; known kinds: ${Object.keys(HANDLER_MODULES).join(', ')}`);
  return { module: module.href, options };
}

/** Imports a handler module and checks its shape. */
export async function loadHandler(module: string): Promise<EvaluatorHandler> {
  const imported = (await import(module)) as { default?: Partial<EvaluatorHandler> };
  const handler = imported.default;
  if (!handler || typeof handler.setup !== 'function' || typeof handler.evaluate !== 'function') {
    throw new Error(`evaluator handler ${module} must export default {setup, evaluate}`);
  }
  return handler as EvaluatorHandler;
}
