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
  const dual = new SubgradientDual(inst, upperBound);
  while (dual.iterations < maxIterations && !(dual.iterations > 0 && performance.now() > deadline) && dual.step());
  return dual.result();
}

/**
 * The same, yielding to the event loop every few milliseconds (for the solver on a server's main thread).
 * Past `deadline` it still runs until `minIterations`, up to `hardDeadline`: on a starved CPU a time share
 * alone can leave the prices barely started, and the search's candidate options are chosen by them.
 */
export async function lagrangianBoundAsync(
  inst: Instance,
  upperBound: number,
  deadline: number,
  options: { hardDeadline?: number; minIterations?: number; maxIterations?: number; sliceMs?: number } = {},
): Promise<LagrangianResult> {
  const { hardDeadline = deadline, minIterations = 0, maxIterations = 2000, sliceMs = 8 } = options;
  const dual = new SubgradientDual(inst, upperBound);
  let lastYield = performance.now();
  while (dual.iterations < maxIterations) {
    const now = performance.now();
    if (dual.iterations > 0 && now > deadline && (dual.iterations >= minIterations || now > hardDeadline)) break;
    if (now - lastYield > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    if (!dual.step()) break;
  }
  return dual.result();
}

class SubgradientDual {
  private readonly u: Float64Array;
  private readonly best: Float64Array;
  private readonly used: Float64Array;
  private bestBound = -Infinity;
  private theta = 2;
  private sinceImproved = 0;
  iterations = 0;

  constructor(
    private readonly inst: Instance,
    private readonly upperBound: number,
  ) {
    this.u = new Float64Array(inst.m);
    this.best = new Float64Array(inst.m);
    this.used = new Float64Array(inst.m);
  }

  result(): LagrangianResult {
    return { bound: this.bestBound, multipliers: this.best, iterations: this.iterations };
  }

  /** One subgradient iteration; false when converged (θ vanished, or the relaxed choice is optimal). */
  step(): boolean {
    const { inst, u, used } = this;
    const { m, capacity } = inst;
    this.iterations++;
    let value = relaxedAssignment(inst, u, used);
    for (let f = 0; f < m; f++) value -= u[f] * capacity[f];
    const bestBound = this.bestBound;
    if (bestBound === -Infinity || value > bestBound + 1e-9 * Math.max(1, Math.abs(bestBound))) {
      this.bestBound = value;
      this.best.set(u);
      this.sinceImproved = 0;
    } else if (++this.sinceImproved >= 20) {
      this.theta /= 2;
      this.sinceImproved = 0;
      if (this.theta < 1e-4) return false;
    }
    // Without a known feasible cost, aim 5 % above the best bound so far.
    const target = Number.isFinite(this.upperBound) ? this.upperBound : this.bestBound + 0.05 * Math.abs(this.bestBound) + 1;
    let norm = 0;
    let slackOk = true;
    for (let f = 0; f < m; f++) {
      let g = used[f] - capacity[f];
      if (g < 0 && u[f] <= 0) g = 0;
      if (g > 1e-9 || (u[f] > 0 && g < -1e-9)) slackOk = false;
      norm += g * g;
    }
    // The relaxed choice is feasible with complementary slackness: L(u) is the optimum itself.
    if (slackOk || norm === 0) return false;
    const gap = Math.max(target - value, 1e-6 * Math.max(1, Math.abs(value)));
    const step = (this.theta * gap) / norm;
    for (let f = 0; f < m; f++) u[f] = Math.max(0, u[f] + step * (used[f] - capacity[f]));
    return true;
  }
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
