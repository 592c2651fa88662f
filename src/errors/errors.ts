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

/** An unknown zoo architecture, or one that cannot take the requested input shape or classes. */
export class ZooError extends InputError {
  override name = 'ZooError';
}
