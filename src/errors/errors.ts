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
