import { placed, placeOn } from './evaluate';
import { compileMachines, compileProblem, type MachineContext } from './instance';
import { SchedulingProblemError } from './scheduling.errors';
import type { JobSpec, Schedule, ScheduledOperation, SchedulingProblem } from './scheduling.types';

/** A plan prepared for insertion queries: its machines compiled once, their taken intervals indexed. */
export interface InsertionPlan {
  readonly problem: SchedulingProblem;
  readonly machines: MachineContext;
}

export interface InsertionResult {
  /** End of the prospective job's last operation. */
  completion: number;
  /** completion + the problem's ship buffer. */
  promised: number;
  promisedAt?: string;
  due: number | null;
  tardiness: number;
  atRisk: boolean;
  /** Where the prospective job's operations would go. */
  operations: ScheduledOperation[];
}

/**
 * Indexes a plan for "earliest completion if this job were added" queries: every planned operation (frozen
 * or not) becomes a taken interval on its machine, sorted, so a query only looks for gaps.
 */
export function createInsertionPlan(problem: SchedulingProblem, schedule: Pick<Schedule, 'operations'>): InsertionPlan {
  const machines = compileMachines(problem);
  const taken = machines.units.map(() => [] as Array<[number, number]>);
  for (const op of schedule.operations) {
    const unit = machines.unitByKey.get(String(op.machine));
    if (unit === undefined) throw new SchedulingProblemError('UNKNOWN_MACHINE', `the plan puts job ${String(op.job)} operations[${op.index}] on machine ${String(op.machine)}, which the problem does not have`);
    if (op.end > op.start) taken[unit].push([op.start, op.end]);
  }
  taken.forEach((intervals, u) => {
    intervals.sort((a, b) => a[0] - b[0]);
    const unit = machines.units[u];
    unit.blockedStarts = [];
    unit.blockedEnds = [];
    for (const [s, e] of intervals) {
      const last = unit.blockedEnds.length - 1;
      if (last >= 0 && s <= unit.blockedEnds[last]) unit.blockedEnds[last] = Math.max(unit.blockedEnds[last], e);
      else {
        unit.blockedStarts.push(s);
        unit.blockedEnds.push(e);
      }
    }
  });
  return { problem, machines };
}

/**
 * Earliest completion of a prospective job added to the plan without moving anything already planned:
 * each operation, in routing order, takes the earliest-finishing gap on any machine that can run it.
 * Because a gap search finishes no later when it may start earlier, this greedy is exact: no insertion
 * that leaves the plan untouched completes the job sooner. (A full re-plan may do better by moving
 * lower-priority work; this is the promise that needs no one else's date to change.)
 */
export function insertJob(plan: InsertionPlan, job: JobSpec): InsertionResult {
  if (Array.isArray(job?.operations) && job.operations.some((o) => o && o.frozen !== undefined)) {
    throw new SchedulingProblemError('INVALID_FROZEN', `prospective job ${String(job.id)} has a frozen operation; a job that has not been added cannot have started`);
  }
  const inst = compileProblem({ ...plan.problem, jobs: [job] }, plan.machines);
  const ops = inst.jobOps[0];
  let ready = Math.max(0, inst.release[0]);
  const operations: ScheduledOperation[] = [];
  for (const op of ops) {
    let bestUnit = -1;
    let bestStart = 0;
    let bestEnd = Infinity;
    for (const u of inst.eligible[op]) {
      placeOn(inst.units[u], ready, inst.setup[op], inst.dur[op]);
      if (placed.end < bestEnd) {
        bestEnd = placed.end;
        bestStart = placed.start;
        bestUnit = u;
      }
    }
    operations.push({
      job: job.id,
      index: inst.opIndex[op],
      machine: inst.units[bestUnit].id,
      start: bestStart,
      end: bestEnd,
      ...(inst.originMs !== null ? { startAt: inst.toIso(bestStart), endAt: inst.toIso(bestEnd) } : {}),
    });
    ready = bestEnd;
  }
  const completion = ready;
  const promised = completion + inst.shipBuffer;
  const due = inst.due[0] === Infinity ? null : inst.due[0];
  const tardiness = due === null ? 0 : Math.max(0, promised - due);
  return { completion, promised, ...(inst.originMs !== null ? { promisedAt: inst.toIso(promised) } : {}), due, tardiness, atRisk: tardiness > 0, operations };
}

/** One-off form of `insertJob`; index the plan with `createInsertionPlan` when asking more than once. */
export function earliestCompletion(problem: SchedulingProblem, schedule: Pick<Schedule, 'operations'>, job: JobSpec): InsertionResult {
  return insertJob(createInsertionPlan(problem, schedule), job);
}
