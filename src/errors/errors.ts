/**
 * Named errors. The CLI entry (src/cli/main.ts) is the only place that turns them into exit
 * codes; everything else throws them with a message that says what was wrong, where, and what
 * is allowed.
 */

/** Bad input from a user: a flag, a genome string, a config value. Exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A genome that does not fit its space (wrong length, a width that is not a choice). */
export class GenomeError extends InputError {
  override name = 'GenomeError';
}

/** A budget that no genome of the space can meet. */
export class BudgetError extends InputError {
  override name = 'BudgetError';
}

/** An augmentation setting outside what the augmentation allows (a flag or a config value). */
export class AugmentError extends InputError {
  override name = 'AugmentError';
}

/**
 * A dataset file that is missing, truncated or not in its format (bad magic number, wrong size,
 * missing labels, corrupt JPEG). The message names the file and what was expected. Exit code 2.
 */
export class DataError extends InputError {
  override name = 'DataError';
}

/**
 * Something outside evo-nas failed and the user must act: a host that cannot be reached, a
 * download that does not match its published checksum. The message says what to do next. The
 * CLI prints it on one line (no stack) with exit code 1.
 */
export class ExternalError extends Error {
  override name = 'ExternalError';
}

/** A tabular benchmark file that cannot be read as one (not JSON, a bad key, a bad value). */
export class TableError extends InputError {
  override name = 'TableError';
}

/** A run directory that cannot be used as asked: locked by a live process, or of another schema. */
export class RunDirectoryError extends InputError {
  override name = 'RunDirectoryError';
}

/** A store whose content is inconsistent (a missing weight blob, a wrong size): not the user's input. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * A run directory's store that cannot be read: a damaged LMDB file, a record that does not
 * decode, a weight blob whose bytes no longer match their sha256. The message names the file and
 * says what to do. Exit code 2: the fix is the user's (restore a copy, or start a new directory).
 */
export class StoreDamagedError extends InputError {
  override name = 'StoreDamagedError';
}

/** A TensorFlow.js backend that is unknown or cannot be used here (the message says why). */
export class BackendError extends InputError {
  override name = 'BackendError';
}

/** An unknown zoo architecture, or one that cannot take the requested input shape or classes. */
export class ZooError extends InputError {
  override name = 'ZooError';
}
