import { greedyConstruction, lagrangianRepair, regretConstruction } from './construct';
import { compileProblem, evaluateChoice, quickInfeasibility, type Instance } from './instance';
import { lagrangianBoundAsync } from './lagrangian';
import { localSearch, type LocalSearchOptions } from './local-search';
import { MatchingProblemError } from './matching.errors';
import type { AssignmentOptions, AssignmentProblem, AssignmentResult, AssignmentStats } from './matching.types';
import { startMilpThread, type MilpResult, type MilpRun } from './milp';

const DEFAULT_TIME_LIMIT_MS = 2000;
// HiGHS in WebAssembly (single-threaded) proves optimality on models of a few hundred columns within a second;
// on larger ones it rarely gets through its root node in the time, while its thread takes a core from the search.
const DEFAULT_MILP_MAX_OPTIONS = 2_000;
// Options per job the search considers: the cheapest under the Lagrangian prices (Yagiura et al.'s candidate
// lists). Far up that list an option almost never belongs to a good solution.
const CANDIDATES_PER_JOB = 6;
// Share of the time the Lagrangian dual may take (it usually converges well before), and the iterations it
// gets even past that share, up to the larger one, when the machine is starving it.
const LAGRANGIAN_SHARE = 0.15;
const LAGRANGIAN_MIN_ITERATIONS = 200;
const LAGRANGIAN_MAX_SHARE = 0.4;

/**
 * Solves a generalised assignment problem: every job to exactly one of its options, each factory's summed
 * load within its capacity, total cost minimal. Throws MatchingProblemError on malformed input; answers
 * `infeasible` (with the reason) only when no assignment exists, proven.
 *
 * Pipeline: prechecks → Lagrangian bound (capacity rows relaxed, subgradient) → regret constructions (on
 * Lagrangian-priced costs, capacity shares and blends of both) and the Lagrangian relaxed solution repaired →
 * tabu search with adaptive overload penalties, swaps and ejection chains (local-search.ts) from the best
 * feasible construction (the repaired solution when none is feasible), and on small models (up to
 * `milpMaxOptions` options) HiGHS MILP at the same time on a worker thread. The search yields to the event
 * loop every few milliseconds, so a server calling this keeps serving.
 *
 * When the time limit passes with no feasible assignment and no proof that none exists, the solver keeps
 * looking for one — the search as a pure overload minimiser, and HiGHS on the feasibility problem for small
 * models — for a grace period (`feasibilityGraceMs`, default the time limit, at least 1 s). If that ends
 * without an answer either way it throws MatchingProblemError `NOT_SOLVED` rather than claim infeasibility.
 */
export async function solveAssignment(problem: AssignmentProblem, options: AssignmentOptions = {}): Promise<AssignmentResult> {
  const t0 = performance.now();
  const inst = compileProblem(problem);
  const seed = options.seed ?? 1;
  const limit = options.timeLimitMs ?? problem.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const deadline = t0 + limit;
  const stats: AssignmentStats = { seed, elapsedMs: 0, method: 'precheck', constructionCost: null, lagrangianBound: -Infinity, localSearchRounds: 0 };
  const done = (result: Omit<AssignmentResult, 'stats'>): AssignmentResult => ({ ...result, stats: { ...stats, elapsedMs: performance.now() - t0 } });
  const infeasible = (reason: string) => done({ status: 'infeasible', totalCost: null, assignments: [], reason });

  const obvious = quickInfeasibility(inst);
  if (obvious) return infeasible(obvious);
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

  const left = deadline - performance.now();
  const lagrangian = await lagrangianBoundAsync(inst, Infinity, performance.now() + left * LAGRANGIAN_SHARE, {
    minIterations: LAGRANGIAN_MIN_ITERATIONS,
    hardDeadline: performance.now() + left * LAGRANGIAN_MAX_SHARE,
  });
  const { multipliers } = lagrangian;
  let lowerBound = lagrangian.bound;
  stats.lagrangianBound = lowerBound;
  // Every assignment costs at most the sum of each job's dearest option: a Lagrangian bound above that
  // means not even the LP relaxation has a solution.
  if (lowerBound > worstCost(inst) + 1e-6 * Math.max(1, Math.abs(lowerBound))) {
    thread?.cancel();
    return infeasible('no assignment fits every job within the capacities (not even fractionally: the LP relaxation is infeasible)');
  }
  const priced = new Float64Array(inst.optCost.length);
  for (let k = 0; k < priced.length; k++) priced[k] = inst.optCost[k] + multipliers[inst.optFac[k]] * inst.optLoad[k];
  const repaired = lagrangianRepair(inst, priced);
  consider(repaired, 'construction');
  consider(regretConstruction(inst, priced), 'construction');
  // Martello–Toth regret on the share of the factory's capacity used: finds room on tight instances where
  // the priced constructions do not.
  const share = new Float64Array(inst.optCost.length);
  for (let k = 0; k < share.length; k++) share[k] = inst.optLoad[k] / Math.max(inst.capacity[inst.optFac[k]], 1e-12);
  consider(regretConstruction(inst, share), 'construction');
  // Priced cost plus a little of the share: where the priced construction strands jobs and the share one
  // ignores cost (C-type 100 × 10,000: ~9 % above the bound instead of ~180 %).
  let meanPriced = 0;
  for (let k = 0; k < priced.length; k++) meanPriced += Math.abs(priced[k]);
  meanPriced = Math.max(meanPriced / Math.max(1, priced.length), 1e-12);
  const jobsPerFactory = inst.n / Math.max(1, inst.m);
  for (const alpha of [0.1, 0.25]) {
    const blended = new Float64Array(priced.length);
    for (let k = 0; k < blended.length; k++) blended[k] = priced[k] / meanPriced + alpha * jobsPerFactory * share[k];
    consider(regretConstruction(inst, blended), 'construction');
  }
  stats.constructionCost = Number.isFinite(bestCost) ? bestCost : null;

  const rounded = () => (inst.integerCosts ? Math.ceil(lowerBound - 1e-6) : lowerBound);
  const proven = () => best !== null && meetsBound(inst, bestCost, lowerBound);
  // Room to stop the search, collect HiGHS's answer and build the result before the limit.
  const margin = Math.min(150, limit * 0.05);
  const maxIterations = options.maxRounds ?? Number.POSITIVE_INFINITY;
  const candidate = candidateOptions(inst, priced, CANDIDATES_PER_JOB);
  const searchOptions = (end: number, stop?: () => boolean): LocalSearchOptions => ({
    seed,
    deadline: end,
    maxIterations,
    lowerBound: rounded(),
    candidate,
    prices: multipliers,
    // With an iteration budget the run must not depend on the clock.
    widenAt: options.maxRounds === undefined ? performance.now() + (end - performance.now()) * 0.3 : Infinity,
    widenAfterIterations: Math.min(maxIterations / 2, 20 * inst.n + 2000),
    incumbentCost: bestCost,
    stop,
  });

  if (proven()) {
    thread?.cancel();
    thread = null;
  }
  let milp: MilpResult | null = null;
  if (!proven()) {
    // Small models: HiGHS on its own thread, warm-started, while the search runs here; whichever is better
    // wins, and the search stops early once HiGHS has finished (usually with a proof).
    const run: MilpRun | null = thread ? thread.solve(inst, deadline - performance.now() - 2 * margin, best) : null;
    // From the best feasible construction: measured better than from the cheaper but overloaded repaired
    // relaxed solution (and than from a high-penalty repair walk of it) on the 80 × 1,600 C/D rows.
    const search = await localSearch(inst, best ?? repaired, searchOptions(deadline - margin, run ? () => run.finished() : undefined));
    stats.localSearchRounds = search.iterations;
    consider(search.best, 'local-search');
    if (run) {
      milp = await run.result(deadline - margin / 2);
      stats.milp = { status: milp.status, ms: Math.round(milp.ms), ...(milp.dualBound !== undefined ? { dualBound: milp.dualBound } : {}) };
      consider(milp.choice, 'milp');
      if (milp.dualBound !== undefined && milp.status !== 'infeasible') lowerBound = Math.max(lowerBound, milp.dualBound);
    }
  }

  if (!best) {
    if (milp?.status === 'infeasible') return infeasible('no assignment fits every job within the capacities (proven by the MILP solver)');
    const found = await feasibilityGrace(inst, repaired, searchOptions, milpAllowed, options.feasibilityGraceMs ?? Math.max(limit, 1000));
    if (found === 'infeasible') return infeasible('no assignment fits every job within the capacities (proven by the MILP solver)');
    if (!found) {
      throw new MatchingProblemError(
        'NOT_SOLVED',
        `no feasible assignment found within ${limit} ms and a further ${options.feasibilityGraceMs ?? Math.max(limit, 1000)} ms, and none was proven impossible: raise timeLimitMs`,
      );
    }
    consider(found, 'local-search');
  }
  const chosen = best as Int32Array | null;
  if (!chosen) throw new Error('unreachable: a feasible assignment was found but not kept');
  const total = sumCost(inst, chosen);
  // HiGHS's optimum (gap settings in milp.ts make "optimal" a proof); our best can only be as good.
  const milpProved = milp?.status === 'optimal' && milp.choice !== null && bestCost <= evaluateChoice(inst, milp.choice).cost + 1e-9;
  const isOptimal = milpProved || meetsBound(inst, bestCost, lowerBound);
  return done({
    status: isOptimal ? 'optimal' : 'feasible',
    totalCost: total,
    lowerBound: isOptimal ? total : Math.min(rounded(), total),
    assignments: toAssignments(inst, chosen),
  });
}

/**
 * After the time limit, with no feasible assignment and no proof: the search on every option as a pure
 * overload minimiser until its first feasible solution, and on small models HiGHS on the feasibility problem
 * beside it, for at most `graceMs`. The assignment found, 'infeasible' when HiGHS proved there is none, or
 * null when neither happened in time.
 */
async function feasibilityGrace(
  inst: Instance,
  start: Int32Array,
  searchOptions: (end: number, stop?: () => boolean) => LocalSearchOptions,
  milpAllowed: boolean,
  graceMs: number,
): Promise<Int32Array | 'infeasible' | null> {
  const end = performance.now() + graceMs;
  const run = milpAllowed ? startMilpThread().solve(inst, graceMs, null, 'feasibility') : null;
  const search = await localSearch(inst, start, {
    ...searchOptions(end, run ? () => run.finished() : undefined),
    widenAt: -Infinity,
    incumbentCost: Infinity,
    firstFeasible: true,
  });
  if (search.best) {
    if (run) void run.result(-Infinity);
    return search.best;
  }
  if (!run) return null;
  const milp = await run.result(end);
  if (milp.status === 'infeasible') return 'infeasible';
  return milp.choice;
}

/** Σ over jobs of their dearest option: no assignment costs more. */
function worstCost(inst: Instance): number {
  let total = 0;
  for (let i = 0; i < inst.n; i++) {
    let worst = -Infinity;
    for (let k = inst.optStart[i]; k < inst.optStart[i + 1]; k++) if (inst.optCost[k] > worst) worst = inst.optCost[k];
    total += worst;
  }
  return total;
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
  // The cheapest so far, kept sorted by insertion (perJob is small).
  const keep = new Int32Array(perJob);
  for (let i = 0; i < inst.n; i++) {
    const from = inst.optStart[i];
    const to = inst.optStart[i + 1];
    if (to - from <= perJob) {
      candidate.fill(1, from, to);
      continue;
    }
    let kept = 0;
    for (let k = from; k < to; k++) {
      if (kept === perJob && priced[k] >= priced[keep[kept - 1]]) continue;
      let x = kept < perJob ? kept++ : kept - 1;
      while (x > 0 && priced[keep[x - 1]] > priced[k]) {
        keep[x] = keep[x - 1];
        x--;
      }
      keep[x] = k;
    }
    for (let x = 0; x < kept; x++) candidate[keep[x]] = 1;
  }
  return candidate;
}
