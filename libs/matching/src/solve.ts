import { greedyConstruction, regretConstruction } from './construct';
import { compileProblem, quickInfeasibility, type Instance } from './instance';
import { lagrangianBound } from './lagrangian';
import { evaluateChoice, localSearch } from './local-search';
import type { AssignmentOptions, AssignmentProblem, AssignmentResult, AssignmentStats } from './matching.types';
import { solveMilp, type MilpResult } from './milp';

const DEFAULT_TIME_LIMIT_MS = 2000;
const DEFAULT_MILP_MAX_OPTIONS = 150_000;

/**
 * Solves a generalised assignment problem: every job to exactly one of its options, each factory's summed
 * load within its capacity, total cost minimal. Throws MatchingProblemError on malformed input; answers
 * `infeasible` with a reason when no assignment exists (or none was found in time — the reason says which).
 *
 * Pipeline: prechecks → regret construction → Lagrangian bound (capacity rows relaxed, subgradient) →
 * regret construction on Lagrangian-priced costs → iterated local search → HiGHS MILP warm-started from the
 * best solution, with what time is left (instances up to `milpMaxOptions` options).
 */
export async function solveAssignment(problem: AssignmentProblem, options: AssignmentOptions = {}): Promise<AssignmentResult> {
  const t0 = performance.now();
  const inst = compileProblem(problem);
  const seed = options.seed ?? 1;
  const limit = options.timeLimitMs ?? problem.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const deadline = t0 + limit;
  const stats: AssignmentStats = { seed, elapsedMs: 0, method: 'precheck', constructionCost: null, lagrangianBound: -Infinity, localSearchRounds: 0 };
  const done = (result: Omit<AssignmentResult, 'stats'>): AssignmentResult => ({ ...result, stats: { ...stats, elapsedMs: performance.now() - t0 } });

  const obvious = quickInfeasibility(inst);
  if (obvious) return done({ status: 'infeasible', totalCost: null, assignments: [], reason: obvious });

  let best: Int32Array | null = null;
  let bestCost = Infinity;
  const consider = (choice: Int32Array | null, method: AssignmentStats['method']): void => {
    if (!choice) return;
    const { cost, feasible } = evaluateChoice(inst, choice);
    if (feasible && cost < bestCost - 1e-9) {
      best = choice;
      bestCost = cost;
      stats.method = method;
    }
  };

  consider(regretConstruction(inst, inst.optCost), 'construction');
  // Martello–Toth's other desirability: share of the factory's capacity used; finds room on tight instances.
  const share = new Float64Array(inst.optCost.length);
  for (let k = 0; k < share.length; k++) share[k] = inst.optLoad[k] / Math.max(inst.capacity[inst.optFac[k]], 1e-12);
  consider(regretConstruction(inst, share), 'construction');
  const lagrangian = lagrangianBound(inst, bestCost, t0 + limit * 0.2);
  const { multipliers } = lagrangian;
  const priced = new Float64Array(inst.optCost.length);
  for (let k = 0; k < priced.length; k++) priced[k] = inst.optCost[k] + multipliers[inst.optFac[k]] * inst.optLoad[k];
  const guided = regretConstruction(inst, priced);
  consider(guided, 'construction');
  stats.constructionCost = Number.isFinite(bestCost) ? bestCost : null;
  let lowerBound = lagrangian.bound;
  stats.lagrangianBound = lowerBound;

  const milpAllowed = options.milp !== false && inst.optStart[inst.n] <= (options.milpMaxOptions ?? DEFAULT_MILP_MAX_OPTIONS);
  const proven = () => best !== null && meetsBound(inst, bestCost, lowerBound);
  if (!proven()) {
    const size = inst.optStart[inst.n];
    // Small models: HiGHS usually proves optimality quickly, give it most of the time.
    const lsShare = !milpAllowed ? 1 : size <= 5_000 ? 0.3 : 0.55;
    const start = best ?? guided;
    const search = localSearch(inst, start, {
      seed,
      deadline: t0 + limit * lsShare,
      maxRounds: options.maxRounds ?? Number.POSITIVE_INFINITY,
      lowerBound,
      weight: priced,
    });
    stats.localSearchRounds = search.rounds;
    consider(search.best, 'local-search');
  }

  let milp: MilpResult | null = null;
  if (milpAllowed && !proven()) {
    const remaining = deadline - performance.now() - Math.min(100, limit * 0.05);
    if (remaining > 20) {
      milp = await solveMilp(inst, remaining, best);
      stats.milp = { status: milp.status, ms: Math.round(milp.ms), ...(milp.dualBound !== undefined ? { dualBound: milp.dualBound } : {}) };
      consider(milp.choice, 'milp');
      if (milp.dualBound !== undefined && milp.status !== 'infeasible') lowerBound = Math.max(lowerBound, milp.dualBound);
    }
  }

  const chosen = best as Int32Array | null;
  if (!chosen) {
    const reason =
      milp?.status === 'infeasible'
        ? 'no assignment fits every job within the capacities (proven by the MILP solver)'
        : `no feasible assignment found within ${limit} ms; infeasibility is not proven (raise the time limit)`;
    return done({ status: 'infeasible', totalCost: null, assignments: [], reason });
  }
  const total = sumCost(inst, chosen);
  // HiGHS's optimum (gap settings in milp.ts make "optimal" a proof); our best can only be as good.
  const milpProved = milp?.status === 'optimal' && milp.choice !== null && bestCost <= evaluateChoice(inst, milp.choice).cost + 1e-9;
  const isOptimal = milpProved || meetsBound(inst, bestCost, lowerBound);
  return done({
    status: isOptimal ? 'optimal' : 'feasible',
    totalCost: total,
    lowerBound: isOptimal ? total : Math.min(lowerBound, total),
    assignments: toAssignments(inst, chosen),
  });
}

/**
 * The benchmark's baseline: jobs in input order, each to its cheapest option that still fits. No search;
 * `infeasible` when some job finds no room (even if an assignment exists).
 */
export function greedyAssignment(problem: AssignmentProblem): AssignmentResult {
  const t0 = performance.now();
  const inst = compileProblem(problem);
  const choice = greedyConstruction(inst);
  const stats: AssignmentStats = { seed: 0, elapsedMs: 0, method: 'construction', constructionCost: null, lagrangianBound: -Infinity, localSearchRounds: 0 };
  const unplaced = choice.findIndex((k) => k < 0);
  if (unplaced >= 0) {
    return { status: 'infeasible', totalCost: null, assignments: [], reason: `greedy found no room for job ${inst.jobIds[unplaced]}`, stats: { ...stats, elapsedMs: performance.now() - t0 } };
  }
  const total = sumCost(inst, choice);
  stats.constructionCost = total;
  return { status: 'feasible', totalCost: total, assignments: toAssignments(inst, choice), stats: { ...stats, elapsedMs: performance.now() - t0 } };
}

function meetsBound(inst: Instance, cost: number, bound: number): boolean {
  // With integer costs the optimum is an integer, so any bound rounds up.
  const b = inst.integerCosts ? Math.ceil(bound - 1e-6) : bound;
  return cost <= b + 1e-9 * Math.max(1, Math.abs(b));
}

function sumCost(inst: Instance, choice: Int32Array): number {
  let total = 0;
  for (let i = 0; i < inst.n; i++) total += inst.optCost[choice[i]];
  return total;
}

function toAssignments(inst: Instance, choice: Int32Array) {
  return Array.from(choice, (k, i) => ({ job: inst.jobIds[i], factory: inst.factoryIds[inst.optFac[k]] }));
}
