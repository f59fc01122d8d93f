import { compileProblem, quickInfeasibility } from './instance';
import { lagrangianBound } from './lagrangian';
import type { AssignmentProblem } from './matching.types';

/**
 * A lower bound stronger than the LP relaxation, for benchmark references: the Lagrangian relaxation of the
 * assignment rows (Ross & Soland; Fisher, Jaikumar & Van Wassenhove),
 *   L(λ) = Σ_j λ_j − Σ_f max { Σ_j (λ_j − c_fj)·x_fj : Σ_j l_fj·x_fj ≤ cap_f, x ∈ {0,1} },
 * one 0-1 knapsack per factory, solved exactly by dynamic programming over the (integer) capacity. Every
 * L(λ) bounds the optimum from below; the knapsacks are not integral polytopes, so the best L beats the LP
 * bound, by most on tight D- and E-type instances. λ starts at the LP prices (each job's cheapest option under
 * the capacity-row Lagrangian multipliers) and follows subgradient steps.
 *
 * Null when the loads or capacities are not integers, when the problem is infeasible on its face, or when
 * one iteration would exceed `maxCellsPerIteration` knapsack cells (too large to be worth it).
 */
export function assignmentKnapsackBound(
  problem: AssignmentProblem,
  options: { timeLimitMs?: number; maxIterations?: number; upperBound?: number; maxCellsPerIteration?: number } = {},
): number | null {
  const inst = compileProblem(problem);
  if (quickInfeasibility(inst)) return null;
  const { n, m, optStart, optFac, optCost, optLoad, capacity } = inst;
  for (let k = 0; k < optLoad.length; k++) if (!Number.isInteger(optLoad[k])) return null;
  const cap = new Int32Array(m);
  for (let f = 0; f < m; f++) cap[f] = Math.floor(capacity[f]);
  // Options by factory (a job's option at f, with its job).
  const byFacStart = new Int32Array(m + 1);
  for (let k = 0; k < optFac.length; k++) byFacStart[optFac[k] + 1]++;
  for (let f = 0; f < m; f++) byFacStart[f + 1] += byFacStart[f];
  const fill = byFacStart.slice(0, m);
  const byFac = new Int32Array(optFac.length);
  const jobOf = new Int32Array(optFac.length);
  for (let i = 0; i < n; i++) for (let k = optStart[i]; k < optStart[i + 1]; k++) jobOf[k] = i;
  for (let k = 0; k < optFac.length; k++) byFac[fill[optFac[k]]++] = k;
  let cells = 0;
  let maxCells = 0;
  for (let f = 0; f < m; f++) {
    const c = (byFacStart[f + 1] - byFacStart[f]) * (cap[f] + 1);
    cells += c;
    maxCells = Math.max(maxCells, c);
  }
  if (cells > (options.maxCellsPerIteration ?? 20_000_000)) return null;

  const deadline = performance.now() + (options.timeLimitMs ?? 10_000);
  const lp = lagrangianBound(inst, options.upperBound ?? Infinity, deadline, 20_000);
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let k = optStart[i]; k < optStart[i + 1]; k++) best = Math.min(best, optCost[k] + lp.multipliers[optFac[k]] * optLoad[k]);
    lambda[i] = best;
  }
  const dp = new Float64Array(Math.max(...cap) + 1);
  const keep = new Uint8Array(maxCells);
  const covered = new Int32Array(n);
  let bestBound = lp.bound;
  let theta = 1;
  let sinceImproved = 0;
  const maxIterations = options.maxIterations ?? 2_000;
  for (let iteration = 0; iteration < maxIterations && performance.now() < deadline; iteration++) {
    covered.fill(0);
    let value = 0;
    for (let i = 0; i < n; i++) value += lambda[i];
    for (let f = 0; f < m; f++) value -= knapsack(f);
    if (value > bestBound + 1e-9 * Math.max(1, Math.abs(bestBound))) {
      bestBound = value;
      sinceImproved = 0;
    } else if (++sinceImproved >= 30) {
      theta /= 2;
      sinceImproved = 0;
      if (theta < 1e-4) break;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (1 - covered[i]) ** 2;
    if (norm === 0) break;
    const target = options.upperBound ?? bestBound * 1.01 + 1;
    const step = (theta * Math.max(target - value, 1e-6)) / norm;
    for (let i = 0; i < n; i++) lambda[i] += step * (1 - covered[i]);
  }
  return inst.integerCosts ? Math.ceil(bestBound - 1e-6) : bestBound;

  /** Max Σ (λ_j − c)·x within factory f's capacity; marks the chosen jobs in `covered`. */
  function knapsack(f: number): number {
    const b = cap[f];
    dp.fill(0, 0, b + 1);
    const from = byFacStart[f];
    const to = byFacStart[f + 1];
    for (let x = from; x < to; x++) {
      const k = byFac[x];
      const profit = lambda[jobOf[k]] - optCost[k];
      const row = (x - from) * (b + 1);
      const w = optLoad[k];
      if (profit <= 0 || w > b) {
        keep.fill(0, row, row + b + 1);
        continue;
      }
      for (let c = b; c >= 0; c--) {
        if (c >= w && dp[c - w] + profit > dp[c]) {
          dp[c] = dp[c - w] + profit;
          keep[row + c] = 1;
        } else keep[row + c] = 0;
      }
    }
    const total = dp[b];
    let c = b;
    for (let x = to - 1; x >= from; x--) {
      if (keep[(x - from) * (b + 1) + c]) {
        const k = byFac[x];
        covered[jobOf[k]]++;
        c -= optLoad[k];
      }
    }
    return total;
  }
}
