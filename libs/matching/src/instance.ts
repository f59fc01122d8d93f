import { MatchingProblemError } from './matching.errors';
import type { AssignmentProblem } from './matching.types';

/**
 * The problem in flat typed arrays: options of job i are `optStart[i] .. optStart[i+1]-1`, each with a
 * factory index, cost and load. Options whose load exceeds their factory's whole capacity are dropped here:
 * they can never be used.
 */
export interface Instance {
  n: number;
  m: number;
  jobIds: string[];
  factoryIds: string[];
  capacity: Float64Array;
  optStart: Int32Array;
  optFac: Int32Array;
  optCost: Float64Array;
  optLoad: Float64Array;
  /** For each job, how many options it had before the oversize ones were dropped. */
  listedOptions: Int32Array;
  integerCosts: boolean;
}

const optionName = (job: string, o: number) => `job ${job} option ${o + 1}`;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks the shape of a problem and compiles it. Throws MatchingProblemError naming the first fault. */
export function compileProblem(problem: AssignmentProblem): Instance {
  if (!problem || typeof problem !== 'object') throw new MatchingProblemError('INVALID_PROBLEM', 'the problem must be an object with "factories" and "jobs" arrays');
  if (!Array.isArray(problem.factories)) throw new MatchingProblemError('INVALID_PROBLEM', 'the problem has no "factories" array');
  if (!Array.isArray(problem.jobs)) throw new MatchingProblemError('INVALID_PROBLEM', 'the problem has no "jobs" array');
  if (problem.timeLimitMs !== undefined && !(isFiniteNumber(problem.timeLimitMs) && problem.timeLimitMs > 0)) {
    throw new MatchingProblemError('INVALID_NUMBER', `timeLimitMs must be a positive number of milliseconds, got ${JSON.stringify(problem.timeLimitMs)}`);
  }
  const factoryIndex = new Map<string, number>();
  const m = problem.factories.length;
  const capacity = new Float64Array(m);
  problem.factories.forEach((f, index) => {
    if (!f || typeof f !== 'object' || typeof f.id !== 'string' || f.id === '') throw new MatchingProblemError('INVALID_PROBLEM', `factory ${index + 1} has no string "id"`);
    if (factoryIndex.has(f.id)) throw new MatchingProblemError('DUPLICATE_ID', `factory ${f.id} is listed twice; factory ids must be unique`);
    if (!isFiniteNumber(f.capacity) || f.capacity < 0) throw new MatchingProblemError('INVALID_NUMBER', `factory ${f.id} capacity must be a non-negative number, got ${JSON.stringify(f.capacity)}`);
    factoryIndex.set(f.id, index);
    capacity[index] = f.capacity;
  });
  const n = problem.jobs.length;
  const jobIds: string[] = new Array(n);
  const seenJobs = new Set<string>();
  let total = 0;
  problem.jobs.forEach((job, index) => {
    if (!job || typeof job !== 'object' || typeof job.id !== 'string' || job.id === '') throw new MatchingProblemError('INVALID_PROBLEM', `job ${index + 1} has no string "id"`);
    if (seenJobs.has(job.id)) throw new MatchingProblemError('DUPLICATE_ID', `job ${job.id} is listed twice; job ids must be unique`);
    if (!Array.isArray(job.options)) throw new MatchingProblemError('INVALID_PROBLEM', `job ${job.id} has no "options" array`);
    seenJobs.add(job.id);
    jobIds[index] = job.id;
    total += job.options.length;
  });
  const optStart = new Int32Array(n + 1);
  const optFac = new Int32Array(total);
  const optCost = new Float64Array(total);
  const optLoad = new Float64Array(total);
  const listedOptions = new Int32Array(n);
  let k = 0;
  let integerCosts = true;
  // seenBy[f] = 1 + the last job that listed factory f: duplicate check without a Set per job.
  const seenBy = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const job = problem.jobs[i];
    const options = job.options;
    optStart[i] = k;
    listedOptions[i] = options.length;
    for (let o = 0; o < options.length; o++) {
      const option = options[o];
      if (!option || typeof option !== 'object') throw new MatchingProblemError('INVALID_PROBLEM', `job ${job.id} option ${o + 1} must be an object {factory, cost, load}`);
      const f = factoryIndex.get(option.factory);
      if (f === undefined) throw new MatchingProblemError('UNKNOWN_FACTORY', `${optionName(job.id, o)} names factory ${String(option.factory)} which is not in factories`);
      if (seenBy[f] === i + 1) throw new MatchingProblemError('DUPLICATE_OPTION', `${optionName(job.id, o)} names factory ${option.factory} a second time; give each factory once per job`);
      const { cost, load } = option;
      if (!isFiniteNumber(cost)) throw new MatchingProblemError('INVALID_NUMBER', `${optionName(job.id, o)} cost must be a finite number, got ${JSON.stringify(cost)}`);
      if (!isFiniteNumber(load) || load < 0) throw new MatchingProblemError('INVALID_NUMBER', `${optionName(job.id, o)} load must be a non-negative number, got ${JSON.stringify(load)}`);
      seenBy[f] = i + 1;
      if (load > capacity[f]) continue;
      optFac[k] = f;
      optCost[k] = cost;
      optLoad[k] = load;
      if (integerCosts && !Number.isInteger(cost)) integerCosts = false;
      k++;
    }
  }
  optStart[n] = k;
  return {
    n,
    m,
    jobIds,
    factoryIds: problem.factories.map((f) => f.id),
    capacity,
    optStart,
    optFac: optFac.slice(0, k),
    optCost: optCost.slice(0, k),
    optLoad: optLoad.slice(0, k),
    listedOptions,
    integerCosts,
  };
}

/** Reasons no assignment can exist that need no search; null when none applies. */
export function quickInfeasibility(inst: Instance): string | null {
  const { n, m, optStart, optLoad, optFac, capacity, jobIds, factoryIds, listedOptions } = inst;
  let minLoadSum = 0;
  for (let i = 0; i < n; i++) {
    if (listedOptions[i] === 0) return `job ${jobIds[i]} has no options`;
    if (optStart[i + 1] === optStart[i]) return `every option of job ${jobIds[i]} needs more load than its factory's capacity`;
    let min = Infinity;
    for (let k = optStart[i]; k < optStart[i + 1]; k++) min = Math.min(min, optLoad[k]);
    minLoadSum += min;
  }
  let capSum = 0;
  for (let f = 0; f < m; f++) capSum += capacity[f];
  if (minLoadSum > capSum * (1 + 1e-12)) return `the jobs need at least ${round(minLoadSum)} load but the factories hold ${round(capSum)} in total`;
  // Per factory: jobs that can only go there must fit together.
  const forced = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    if (optStart[i + 1] - optStart[i] === 1) forced[optFac[optStart[i]]] += optLoad[optStart[i]];
  }
  for (let f = 0; f < m; f++) {
    if (forced[f] > capacity[f] * (1 + 1e-12)) return `jobs that can only go to factory ${factoryIds[f]} need ${round(forced[f])} load but it holds ${round(capacity[f])}`;
  }
  return null;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Sum of costs and whether every capacity holds, for a full choice vector. */
export function evaluateChoice(inst: Instance, choice: Int32Array): { cost: number; feasible: boolean } {
  const load = new Float64Array(inst.m);
  let cost = 0;
  for (let i = 0; i < inst.n; i++) {
    const k = choice[i];
    if (k < 0) return { cost: Infinity, feasible: false };
    cost += inst.optCost[k];
    load[inst.optFac[k]] += inst.optLoad[k];
  }
  for (let f = 0; f < inst.m; f++) if (load[f] > inst.capacity[f] + 1e-9) return { cost, feasible: false };
  return { cost, feasible: true };
}
