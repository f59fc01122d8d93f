import { compileProblem, quickInfeasibility, type Instance } from './instance';
import type { AssignmentProblem } from './matching.types';

export interface LagrangianResult {
  /** Best bound found: max over the iterations of L(u). A valid lower bound on the optimum. */
  bound: number;
  /** Multipliers u_f ≥ 0 of the capacity rows at the best bound (the "price" of a unit of each factory's load). */
  multipliers: Float64Array;
  iterations: number;
}

/**
 * Lagrangian relaxation of the capacity constraints, by subgradient optimisation:
 *   L(u) = Σ_i min_k (c_k + u_f(k)·l_k) − Σ_f u_f·cap_f  ≤  optimum, for every u ≥ 0.
 * With the capacities priced, each job simply takes its cheapest priced option. The maximum of L equals the
 * LP-relaxation bound. Step size (Polyak): θ·(UB − L)/‖g‖², θ halved after 20 iterations without progress.
 */
export function lagrangianBound(inst: Instance, upperBound: number, deadline: number, maxIterations = 2000): LagrangianResult {
  const { n, m, optStart, optFac, optCost, optLoad, capacity } = inst;
  const u = new Float64Array(m);
  const best = new Float64Array(m);
  const used = new Float64Array(m);
  let bestBound = -Infinity;
  let theta = 2;
  let sinceImproved = 0;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    if (iterations > 0 && performance.now() > deadline) break;
    let value = relaxedAssignment(inst, u, used);
    for (let f = 0; f < m; f++) value -= u[f] * capacity[f];
    if (bestBound === -Infinity || value > bestBound + 1e-9 * Math.max(1, Math.abs(bestBound))) {
      bestBound = value;
      best.set(u);
      sinceImproved = 0;
    } else if (++sinceImproved >= 20) {
      theta /= 2;
      sinceImproved = 0;
      if (theta < 1e-4) break;
    }
    // Without a known feasible cost, aim 5 % above the best bound so far.
    const target = Number.isFinite(upperBound) ? upperBound : bestBound + 0.05 * Math.abs(bestBound) + 1;
    let norm = 0;
    let slackOk = true;
    for (let f = 0; f < m; f++) {
      let g = used[f] - capacity[f];
      if (g < 0 && u[f] <= 0) g = 0;
      if (g > 1e-9 || (u[f] > 0 && g < -1e-9)) slackOk = false;
      norm += g * g;
    }
    // The relaxed choice is feasible with complementary slackness: L(u) is the optimum itself.
    if (slackOk || norm === 0) break;
    const gap = Math.max(target - value, 1e-6 * Math.max(1, Math.abs(value)));
    const step = (theta * gap) / norm;
    for (let f = 0; f < m; f++) u[f] = Math.max(0, u[f] + step * (used[f] - capacity[f]));
  }
  return { bound: bestBound, multipliers: best, iterations };
}

/**
 * Σ_i min_k (c_k + u_f(k)·l_k), filling `used` with each factory's load in that relaxed choice. A function of
 * its own so V8 optimises it after a few calls instead of interpreting the first iterations of a long loop.
 */
function relaxedAssignment(inst: Instance, u: Float64Array, used: Float64Array): number {
  const { n, optStart, optFac, optCost, optLoad } = inst;
  used.fill(0);
  let value = 0;
  for (let i = 0; i < n; i++) {
    let bestK = optStart[i];
    let bestV = optCost[bestK] + u[optFac[bestK]] * optLoad[bestK];
    for (let k = bestK + 1; k < optStart[i + 1]; k++) {
      const v = optCost[k] + u[optFac[k]] * optLoad[k];
      if (v < bestV) {
        bestV = v;
        bestK = k;
      }
    }
    value += bestV;
    used[optFac[bestK]] += optLoad[bestK];
  }
  return value;
}

/**
 * A lower bound on the optimum of `problem` by the same Lagrangian dual, run to convergence (or the time
 * limit): the LP-relaxation bound, within the subgradient's accuracy. `upperBound`, the cost of any feasible
 * assignment, only sets the step sizes (convergence is faster with one). For benchmarks and callers that want a
 * bound without solving; `null` when the problem is infeasible on its face.
 */
export function assignmentLowerBound(problem: AssignmentProblem, options: { timeLimitMs?: number; maxIterations?: number; upperBound?: number } = {}): number | null {
  const inst = compileProblem(problem);
  if (quickInfeasibility(inst)) return null;
  const bound = lagrangianBound(inst, options.upperBound ?? Infinity, performance.now() + (options.timeLimitMs ?? 10_000), options.maxIterations ?? 20_000).bound;
  return inst.integerCosts ? Math.ceil(bound - 1e-6) : bound;
}
