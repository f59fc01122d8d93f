import type { AssignmentProblem } from './matching.types';
import { createRandom } from './random';

export type GapInstanceType = 'C' | 'D' | 'E';

/**
 * Generators of the standard GAP benchmark families (Martello & Toth; Laguna et al.; Yagiura, Ibaraki &
 * Glover — the OR-Library gap/gapC/gapD/gapE sets), m factories × n jobs, every job may go anywhere:
 *   C: load U[5,25], cost U[10,50]                           capacity = 0.8·Σ_j load_fj / m
 *   D: load U[1,100], cost = 111 − load + U[−10,10]          capacity = 0.8·Σ_j load_fj / m
 *   E: load = ⌊1 − 10·ln U(0,1]⌋, cost = ⌊1000/load − 10·U[0,1]⌋  capacity = 0.8·Σ_j load_fj / m
 * (integers throughout, truncated; capacities rounded down). D and E are the hard ones: cost falls as load rises.
 * Seeded: the same arguments give the same instance.
 */
export function generateGap(type: GapInstanceType, factories: number, jobs: number, seed = 1, timeLimitMs?: number): AssignmentProblem {
  const random = createRandom(seed * 7919 + factories * 31 + jobs);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const loads: number[][] = [];
  const costs: number[][] = [];
  for (let f = 0; f < factories; f++) {
    loads.push([]);
    costs.push([]);
    for (let j = 0; j < jobs; j++) {
      let load: number;
      let cost: number;
      if (type === 'C') {
        load = int(5, 25);
        cost = int(10, 50);
      } else if (type === 'D') {
        load = int(1, 100);
        cost = 111 - load + int(-10, 10);
      } else {
        // U(0,1]: 1 − random() never takes the log of 0.
        load = Math.floor(1 - 10 * Math.log(1 - random()));
        cost = Math.floor(1000 / load - 10 * random());
      }
      loads[f].push(load);
      costs[f].push(cost);
    }
  }
  return {
    factories: loads.map((row, f) => ({ id: `F${f + 1}`, capacity: Math.floor((0.8 * row.reduce((a, b) => a + b, 0)) / factories) })),
    jobs: Array.from({ length: jobs }, (_, j) => ({
      id: `J${j + 1}`,
      options: Array.from({ length: factories }, (_, f) => ({ factory: `F${f + 1}`, cost: costs[f][j], load: loads[f][j] })),
    })),
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
  };
}
