/**
 * The --backend option, for every command that runs TensorFlow.js. Without it the backend comes
 * from EVO_NAS_BACKEND, else `auto` (src/nn/backend.ts).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { BackendError } from '../errors/errors.js';
import { BACKEND_CHOICES, parseBackendChoice, type BackendChoice } from '../nn/backend-choice.js';

/** Adds `--backend <name>` to `command`; the action receives it as `options.backend`. */
export function addBackendOption(command: Command): Command {
  return command.addOption(
    new Option('--backend <name>', `TensorFlow.js backend: ${BACKEND_CHOICES.join(', ')} (default: $EVO_NAS_BACKEND, else auto)`)
      .argParser(backendArgument),
  );
}

function backendArgument(value: string): BackendChoice {
  try {
    return parseBackendChoice(value);
  } catch (error) {
    if (error instanceof BackendError) throw new InvalidArgumentError(`must be one of ${BACKEND_CHOICES.join(', ')} (got "${value}")`);
    throw error;
  }
}
