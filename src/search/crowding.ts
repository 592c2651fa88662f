/**
 * Crowding distance (Deb et al. 2002, NSGA-II, section III-B): how much room a point has around it
 * on its front, the sum over objectives of the normalised gap between its two neighbours. The
 * extreme points of each objective get Infinity so a front's ends always survive.
 */
import type { Objectives } from './dominance.js';

/**
 * The crowding distance of each point of one front, in the order given. Ties in an objective are
 * ordered by position in the input, so the result is deterministic. An objective on which all
 * points agree adds nothing.
 */
export function crowdingDistance(front: readonly Objectives[]): number[] {
  const n = front.length;
  const distance = new Array<number>(n).fill(0);
  if (n === 0) return distance;
  const objectiveCount = (front[0] as Objectives).length;
  for (let m = 0; m < objectiveCount; m++) {
    const value = (i: number) => (front[i] as Objectives)[m] as number;
    const order = [...Array(n).keys()].sort((a, b) => value(a) - value(b) || a - b);
    const [low, high] = [value(order[0] as number), value(order[n - 1] as number)];
    distance[order[0] as number] = Infinity;
    distance[order[n - 1] as number] = Infinity;
    if (high === low) continue;
    for (let k = 1; k < n - 1; k++) {
      const i = order[k] as number;
      distance[i] = (distance[i] as number) + (value(order[k + 1] as number) - value(order[k - 1] as number)) / (high - low);
    }
  }
  return distance;
}
