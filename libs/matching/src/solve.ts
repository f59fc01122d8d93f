import { greedyConstruction, lagrangianRepair, regretConstruction } from './construct';
import { compileProblem, evaluateChoice, quickInfeasibility, type Instance } from './instance';
import { lagrangianBound } from './lagrangian';
import type { AssignmentOptions, AssignmentProblem, AssignmentResult, AssignmentStats } from './matching.types';
import { startMilpThread, type MilpResult } from './milp';
import { tabuSearch } from './tabu-search';

const DEFAULT_TIME_LIMIT_MS = 2000;
// HiGHS in WebAssembly (single-threaded) proves optimality on models of a few hundred columns within a second;
// on larger ones it rarely gets through its root node in the time, while its thread takes a core from the search.
const DEFAULT_MILP_MAX_OPTIONS = 2_000;
// Options per job the tabu search considers: the cheapest under the Lagrangian prices (Yagiura et al.'s
// candidate lists). Far up that list an option almost never belongs to a good solution.
const CANDIDATES_PER_JOB = 6;

/**
 * Solves a generalised assignment problem: every job to exactly one of its options, each factory's summed
 * load within its capacity, total cost minimal. Throws MatchingProblemError on malformed input; answers
 * `infeasible` with a reason when no assignment exists (or none was found in time — the reason says which).
 *
 * Pipeline: prechecks → regret constructions → Lagrangian bound (capacity rows relaxed, subgradient) →
 * regret construction on Lagrangian-priced costs → tabu search with adaptive penalties on the options cheapest
 * under the Lagrangian prices, and on small models (up to `milpMaxOptions` options) HiGHS MILP at the same time
 * on a worker thread, warm-started from the best construction.
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
  const milpAllowed = options.milp !== false && inst.optStart[inst.n] <= (options.milpMaxOptions ?? DEFAULT_MILP_MAX_OPTIONS);
  // HiGHS loads on its thread while the constructions and the Lagrangian bound run here.
  let thread = milpAllowed ? startMilpThread() : null;

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

  // The Lagrangian dual converges in a few hundred iterations; a quarter of the time left is a cap, not a plan.
  const lagrangian = lagrangianBound(inst, Infinity, performance.now() + (deadline - performance.now()) * 0.25);
  const { multipliers } = lagrangian;
  const priced = new Float64Array(inst.optCost.length);
  for (let k = 0; k < priced.length; k++) priced[k] = inst.optCost[k] + multipliers[inst.optFac[k]] * inst.optLoad[k];
  const repaired = lagrangianRepair(inst, priced);
  consider(repaired, 'construction');
  consider(regretConstruction(inst, priced), 'construction');
  if (!best && performance.now() < t0 + limit * 0.7) {
    // Tight instances: Martello–Toth regret on the share of the factory's capacity used finds room where the
    // priced ones do not. (The tabu search below also finds feasibility from the repaired start.)
    const share = new Float64Array(inst.optCost.length);
    for (let k = 0; k < share.length; k++) share[k] = inst.optLoad[k] / Math.max(inst.capacity[inst.optFac[k]], 1e-12);
    consider(regretConstruction(inst, share), 'construction');
  }
  stats.constructionCost = Number.isFinite(bestCost) ? bestCost : null;
  let lowerBound = lagrangian.bound;
  stats.lagrangianBound = lowerBound;

  const proven = () => best !== null && meetsBound(inst, bestCost, lowerBound);
  // Room to stop the search, collect HiGHS's answer and build the result before the limit.
  const margin = Math.min(250, limit * 0.1);
  if (proven()) {
    thread?.cancel();
    thread = null;
  }
  let milp: MilpResult | null = null;
  if (!proven()) {
    // Small models: HiGHS on its own thread, warm-started, while the tabu search runs here; whichever is
    // better wins, and the search stops early once HiGHS has finished (usually with a proof).
    const run = thread ? thread.solve(inst, deadline - performance.now() - 2 * margin, best) : null;
    const searchEnd = deadline - margin;
    // The repaired relaxed solution: cheap and at most slightly over capacity, a better start than a feasible
    // but costly construction (which stays the incumbent until the search beats it).
    const start = repaired;
    const maxIterations = options.maxRounds ?? Number.POSITIVE_INFINITY;
    const search = tabuSearch(inst, start, {
      seed,
      deadline: searchEnd,
      // With an iteration budget the run must not depend on the clock.
      widenAt: options.maxRounds === undefined ? performance.now() + (searchEnd - performance.now()) * 0.5 : Infinity,
      maxIterations,
      widenAfterIterations: maxIterations / 2,
      lowerBound,
      candidate: candidateOptions(inst, priced, CANDIDATES_PER_JOB),
      stop: run ? () => run.finished() : undefined,
    });
    stats.localSearchRounds = search.iterations;
    consider(search.best, 'local-search');
    if (run) {
      milp = await run.result(deadline - margin / 2);
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

/** Per job, its `perJob` options cheapest under `priced` (all of them when it has no more). */
function candidateOptions(inst: Instance, priced: Float64Array, perJob: number): Uint8Array {
  const candidate = new Uint8Array(inst.optStart[inst.n]);
  for (let i = 0; i < inst.n; i++) {
    const from = inst.optStart[i];
    const to = inst.optStart[i + 1];
    if (to - from <= perJob) {
      candidate.fill(1, from, to);
      continue;
    }
    const ks = Array.from({ length: to - from }, (_, x) => from + x).sort((a, b) => priced[a] - priced[b]);
    for (let x = 0; x < perJob; x++) candidate[ks[x]] = 1;
  }
  return candidate;
}
