/**
 * The names of the TensorFlow.js backends and how a choice is read from a flag or the
 * environment. Kept apart from backend.ts, which loads TensorFlow.js, so that checking a flag or
 * a config never pays for loading it.
 */
import { BackendError } from '../errors/errors.js';

/** The concrete backends, in the order `auto` tries them. */
export const BACKENDS = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

export type BackendChoice = 'auto' | Backend;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...BACKENDS];
export const BACKEND_ENV = 'EVO_NAS_BACKEND';

/** Parses a backend name (from a flag or EVO_NAS_BACKEND); throws BackendError if unknown. */
export function parseBackendChoice(value: string, where = '--backend'): BackendChoice {
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new BackendError(`${where} must be one of ${BACKEND_CHOICES.join(', ')} (got "${value}")`);
}

/** The choice to use when none is given: EVO_NAS_BACKEND if set, else auto. */
export function defaultBackendChoice(env: NodeJS.ProcessEnv = process.env): BackendChoice {
  const value = env[BACKEND_ENV];
  return value === undefined || value === '' ? 'auto' : parseBackendChoice(value, BACKEND_ENV);
}
