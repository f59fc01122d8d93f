import { construct } from './construct';
import { compareObjective, Evaluator, objectiveOf, type Solution } from './evaluate';
import { compileProblem, type Instance } from './instance';
import type { DispatchRule, JobOutcome, ObjectiveValues, Schedule, SchedulingProblem, SolveOptions, SolveStats } from './scheduling.types';
import { tabuEstimate } from './tabu-estimate';
import { tabuExact } from './tabu-exact';

const RULES: Array<[DispatchRule, number]> = [
  ['atc', 2],
  ['atc', 0.5],
  ['atc', 1],
  ['atc', 4],
  ['edd', 0],
  ['mwkr', 0],
  ['spt', 0],
  ['fifo', 0],
];

/**
 * Solves a scheduling problem: the best of several dispatching rules, then tabu search until the time
 * limit, the iteration limit, a proven optimum, or a long stall. Throws `SchedulingProblemError` on a bad
 * problem; otherwise always returns a feasible schedule (the local search only ever keeps measured,
 * acyclic solutions, and never returns one worse than the constructive schedule).
 */
export function solveSchedule(problem: SchedulingProblem, options: SolveOptions = {}): Schedule {
  const t0 = performance.now();
  const inst = compileProblem(problem);
  const timeLimitMs = options.timeLimitMs ?? inst.timeLimitMs;
  const deadline = t0 + timeLimitMs;
  const seed = options.seed ?? 1;
  const ev = new Evaluator(inst);

  let bestSol: Solution | null = null;
  let bestObj: ObjectiveValues = { weightedTardiness: Infinity, makespan: Infinity };
  let bestRule = '';
  const rules = options.rule ? RULES.filter(([r]) => r === options.rule).slice(0, 1) : RULES;
  for (const [rule, k] of rules) {
    if (bestSol && performance.now() > t0 + timeLimitMs * 0.25) break;
    const sol = construct(inst, rule, k);
    if (!ev.evaluate(sol)) throw new Error(`internal error: dispatching rule ${rule} produced a cyclic order`);
    const obj = objectiveOf(inst, ev.end);
    if (!bestSol || compareObjective(obj, bestObj, inst.objective) < 0) {
      bestSol = sol;
      bestObj = obj;
      bestRule = rule === 'atc' ? `atc(k=${k})` : rule;
    }
  }
  const solution = bestSol as Solution;
  const lowerBound = inst.pure ? makespanLowerBound(inst) : 0;
  const stats: SolveStats = {
    seed,
    elapsedMs: 0,
    iterations: 0,
    method: 'constructive',
    constructive: { rule: bestRule, ...bestObj },
    ...(inst.pure ? { makespanLowerBound: lowerBound } : {}),
  };
  let finalSol = solution;
  if (options.improve !== false) {
    const noDueDates = inst.due.every((d) => d === Infinity);
    const useEstimate = inst.pure && (inst.objective === 'makespan' || noDueDates);
    const limits = { deadline, maxIterations: options.maxIterations ?? Infinity, seed, lowerBound };
    const out = useEstimate ? tabuEstimate(inst, solution, limits) : tabuExact(inst, solution, limits);
    stats.method = useEstimate ? 'tabu-estimate' : 'tabu-exact';
    stats.iterations = out.iterations;
    if (ev.evaluate(out.sol) && compareObjective(objectiveOf(inst, ev.end), bestObj, inst.objective) <= 0) finalSol = out.sol;
  }
  ev.evaluate(finalSol);
  stats.elapsedMs = Math.round(performance.now() - t0);
  return buildSchedule(inst, ev.start, ev.end, finalSol.assign, stats, lowerBound);
}

/** Longest job (from its release) and busiest unit: no schedule of a plain job shop is shorter. */
export function makespanLowerBound(inst: Instance): number {
  let lb = 0;
  const load = new Float64Array(inst.units.length);
  const firstRelease = new Float64Array(inst.units.length).fill(Infinity);
  inst.jobOps.forEach((ops, j) => {
    const r = Math.max(0, inst.release[j]);
    let sum = 0;
    for (const op of ops) {
      sum += inst.dur[op];
      const u = inst.eligible[op][0];
      load[u] += inst.dur[op];
      firstRelease[u] = Math.min(firstRelease[u], r);
    }
    lb = Math.max(lb, r + sum);
  });
  load.forEach((l, u) => (lb = Math.max(lb, (firstRelease[u] === Infinity ? 0 : firstRelease[u]) + l)));
  return lb;
}

export function buildSchedule(inst: Instance, start: Float64Array, end: Float64Array, assign: Int32Array, stats: SolveStats, lowerBound: number): Schedule {
  const obj = objectiveOf(inst, end);
  const operations = inst.jobOps.flatMap((ops) =>
    ops.map((op) => ({
      job: inst.jobIds[inst.opJob[op]],
      index: inst.opIndex[op],
      machine: inst.units[assign[op]].id,
      start: start[op],
      end: end[op],
      ...(inst.frozenUnit[op] >= 0 ? { frozen: true } : {}),
      ...(inst.originMs !== null ? { startAt: inst.toIso(start[op]), endAt: inst.toIso(end[op]) } : {}),
    })),
  );
  const jobs: JobOutcome[] = inst.jobOps.map((ops, j) => {
    const completion = end[ops[ops.length - 1]];
    const promised = completion + inst.shipBuffer;
    const due = inst.due[j] === Infinity ? null : inst.due[j];
    const tardiness = due === null ? 0 : Math.max(0, promised - due);
    return {
      job: inst.jobIds[j],
      completion,
      promised,
      due,
      lateness: due === null ? null : promised - due,
      tardiness,
      weightedTardiness: tardiness * inst.weight[j],
      atRisk: tardiness > 0,
      ...(inst.originMs !== null ? { promisedAt: inst.toIso(promised), ...(due !== null ? { dueAt: inst.toIso(due) } : {}) } : {}),
    };
  });
  const optimal = inst.pure && obj.makespan <= lowerBound && (inst.objective === 'makespan' || obj.weightedTardiness === 0);
  return {
    status: optimal ? 'optimal' : 'feasible',
    objective: inst.objective,
    weightedTardiness: obj.weightedTardiness,
    makespan: obj.makespan,
    totalTardiness: jobs.reduce((s, j) => s + j.tardiness, 0),
    atRiskJobs: jobs.filter((j) => j.atRisk).length,
    ...(inst.originMs !== null ? { start: new Date(inst.originMs).toISOString() } : {}),
    operations,
    jobs,
    stats,
  };
}
