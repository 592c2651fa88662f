/**
 * The --backend option, for every command that runs TensorFlow.js. Without it the backend comes
 * from EVO_NAS_BACKEND, else `auto` (src/nn/backend.ts).
 */
import type { Command } from 'commander';
import { addSettings } from '../settings/commander.js';
import { BACKEND } from '../settings/common.js';

/** Adds `--backend <name>` to `command`; the action receives it as `options.backend` (undefined when absent). */
export function addBackendOption(command: Command): Command {
  return addSettings(command, [{ ...BACKEND, default: undefined }]);
}
