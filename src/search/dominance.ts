/**
 * Dominance between objective vectors, every objective minimised (Deb et al. 2002, "A Fast and
 * Elitist Multiobjective Genetic Algorithm: NSGA-II", IEEE TEC 6(2)).
 */

/** One point in objective space; every objective is minimised. */
export type Objectives = readonly number[];

/** `a` Pareto-dominates `b`: no worse in every objective and better in at least one. */
export function dominates(a: Objectives, b: Objectives): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] as number, b[i] as number];
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/**
 * Constrained domination (Deb et al. 2002, section VI): a feasible point (violation 0) beats an
 * infeasible one; of two infeasible points the smaller violation wins; of two feasible points,
 * Pareto dominance decides. Violations are non-negative; 0 means feasible.
 */
export function constrainedDominates(a: Objectives, violationA: number, b: Objectives, violationB: number): boolean {
  if (violationA === 0 && violationB === 0) return dominates(a, b);
  if (violationA === 0) return true;
  if (violationB === 0) return false;
  return violationA < violationB;
}
