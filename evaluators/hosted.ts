/**
 * One hosted handler: its context is set up on the first task and reused, and dropped when a
 * task fails on it, so the next task starts from a fresh context, as a replaced worker would.
 * The piscina worker and the in-process evaluator both host handlers through this.
 */
import { loadHandler, type EvaluatorHandler, type HandlerSpec } from './handler.js';
import type { EvaluationResult, EvaluationTask } from './task.js';

/** Runs a task; `onStart` is called once the context is set up, just before the evaluation itself. */
export type RunTask = (task: EvaluationTask, onStart?: () => void) => Promise<EvaluationResult>;

export function hostHandler(spec: HandlerSpec): RunTask {
  let hosted: Promise<{ handler: EvaluatorHandler; context: unknown }> | undefined;
  const setUp = async () => {
    const handler = await loadHandler(spec.module);
    return { handler, context: await handler.setup(spec.options) };
  };
  return async (task, onStart) => {
    const current = (hosted ??= setUp());
    try {
      const { handler, context } = await current;
      onStart?.();
      return await handler.evaluate(task, context);
    } catch (error) {
      if (hosted === current) hosted = undefined;
      await current.then(({ handler, context }) => handler.teardown?.(context)).catch(() => undefined);
      throw error;
    }
  };
}
