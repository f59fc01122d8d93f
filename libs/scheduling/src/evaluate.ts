import type { Instance, Unit } from './instance';
import type { ObjectiveValues, SchedulingObjective } from './scheduling.types';

/** Where `placeOn` put the operation. Module-level so the hot loops allocate nothing. */
export const placed = { start: 0, end: 0 };

/**
 * Earliest placement on a unit at or after t: inside working time (setup in one window, run may pause),
 * clear of the unit's blocked intervals (frozen or already planned operations).
 */
export function placeOn(unit: Unit, t: number, setup: number, dur: number): void {
  const cal = unit.calendar;
  const bs = unit.blockedStarts;
  const be = unit.blockedEnds;
  for (;;) {
    const s = cal ? cal.earliestStart(t, setup, dur) : t;
    const e = cal ? cal.finish(s, dur) : s + dur;
    if (bs.length > 0 && e > s) {
      let lo = 0;
      let hi = bs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (be[mid] > s) hi = mid;
        else lo = mid + 1;
      }
      if (lo < bs.length && bs[lo] < e) {
        t = be[lo];
        continue;
      }
    }
    placed.start = s;
    placed.end = e;
    return;
  }
}

/** A solution: the unit of every operation and the order of the non-frozen operations on each unit. */
export interface Solution {
  assign: Int32Array;
  seqs: number[][];
}

export function cloneSolution(sol: Solution): Solution {
  return { assign: sol.assign.slice(), seqs: sol.seqs.map((s) => s.slice()) };
}

/** Reusable buffers for exact evaluation. */
export class Evaluator {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly mpred: Int32Array;
  readonly msucc: Int32Array;
  private readonly indeg: Int32Array;
  private readonly queue: Int32Array;
  readonly order: Int32Array;

  constructor(private readonly inst: Instance) {
    const n = inst.dur.length;
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.mpred = new Int32Array(n);
    this.msucc = new Int32Array(n);
    this.indeg = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.order = new Int32Array(n);
  }

  /** Semi-active schedule of a solution (every operation as early as its order allows); false when the order has a cycle. */
  evaluate(sol: Solution): boolean {
    const { inst, start, end, mpred, msucc, indeg, queue } = this;
    const n = inst.dur.length;
    const { jobPred, jobSucc, frozenUnit } = inst;
    mpred.fill(-1);
    msucc.fill(-1);
    for (const seq of sol.seqs) {
      for (let k = 1; k < seq.length; k++) {
        mpred[seq[k]] = seq[k - 1];
        msucc[seq[k - 1]] = seq[k];
      }
    }
    let head = 0;
    let tail = 0;
    let active = 0;
    for (let op = 0; op < n; op++) {
      if (frozenUnit[op] >= 0) {
        start[op] = inst.frozenStart[op];
        end[op] = inst.frozenEnd[op];
        continue;
      }
      active++;
      const jp = jobPred[op];
      indeg[op] = (jp >= 0 && frozenUnit[jp] < 0 ? 1 : 0) + (mpred[op] >= 0 ? 1 : 0);
      if (indeg[op] === 0) queue[tail++] = op;
    }
    const { units, release, opJob, setup, dur } = inst;
    const assign = sol.assign;
    while (head < tail) {
      const op = queue[head++];
      this.order[head - 1] = op;
      const jp = jobPred[op];
      let t = release[opJob[op]];
      if (t < 0) t = 0;
      if (jp >= 0 && end[jp] > t) t = end[jp];
      const mp = mpred[op];
      if (mp >= 0 && end[mp] > t) t = end[mp];
      placeOn(units[assign[op]], t, setup[op], dur[op]);
      start[op] = placed.start;
      end[op] = placed.end;
      const js = jobSucc[op];
      if (js >= 0 && --indeg[js] === 0) queue[tail++] = js;
      const ms = msucc[op];
      if (ms >= 0 && --indeg[ms] === 0) queue[tail++] = ms;
    }
    return tail === active;
  }
}

export function objectiveOf(inst: Instance, end: Float64Array): ObjectiveValues {
  let weightedTardiness = 0;
  let makespan = 0;
  for (let j = 0; j < inst.jobOps.length; j++) {
    const ops = inst.jobOps[j];
    const c = end[ops[ops.length - 1]];
    if (c > makespan) makespan = c;
    const late = c + inst.shipBuffer - inst.due[j];
    if (late > 0) weightedTardiness += inst.weight[j] * late;
  }
  return { weightedTardiness, makespan };
}

/** Negative when a is better than b under the objective (lexicographic). */
export function compareObjective(a: ObjectiveValues, b: ObjectiveValues, objective: SchedulingObjective): number {
  const eps = 1e-9;
  const [a1, a2, b1, b2] =
    objective === 'makespan' ? [a.makespan, a.weightedTardiness, b.makespan, b.weightedTardiness] : [a.weightedTardiness, a.makespan, b.weightedTardiness, b.makespan];
  if (a1 < b1 - eps) return -1;
  if (a1 > b1 + eps) return 1;
  if (a2 < b2 - eps) return -1;
  if (a2 > b2 + eps) return 1;
  return 0;
}
