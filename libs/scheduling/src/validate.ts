import { objectiveOf } from './evaluate';
import { compileProblem } from './instance';
import type { ObjectiveValues, ScheduledOperation, ScheduleViolation, SchedulingProblem } from './scheduling.types';

export type ScheduleToValidate = { operations: Array<Pick<ScheduledOperation, 'job' | 'index' | 'machine' | 'start' | 'end'>> } & Partial<ObjectiveValues>;

/**
 * Checks a schedule against every rule of its problem: each operation exactly once, on a machine that can
 * run it, inside working time with its setup unbroken and its end where its work completes, after its
 * release, after "now", after its predecessor, alone on its machine, frozen operations where they were —
 * and, when the schedule states them, its objective values. Returns the violations; [] means valid.
 * Throws `SchedulingProblemError` when the problem itself is invalid.
 */
export function validateSchedule(problem: SchedulingProblem, schedule: ScheduleToValidate): ScheduleViolation[] {
  const inst = compileProblem(problem);
  const violations: ScheduleViolation[] = [];
  const add = (code: ScheduleViolation['code'], message: string) => violations.push({ code, message });
  const opByKey = new Map<string, number>();
  inst.jobOps.forEach((ops, j) => ops.forEach((op) => opByKey.set(`${String(inst.jobIds[j])}\u0000${inst.opIndex[op]}`, op)));
  const n = inst.dur.length;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const unitOf = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);

  for (const s of schedule.operations) {
    const op = opByKey.get(`${String(s.job)}\u0000${s.index}`);
    if (op === undefined) {
      add('unknown-operation', `the schedule has job ${String(s.job)} operations[${s.index}], which the problem does not have`);
      continue;
    }
    const what = inst.describeOp(op);
    if (seen[op]) {
      add('duplicate-operation', `${what} is scheduled more than once`);
      continue;
    }
    seen[op] = 1;
    start[op] = s.start;
    end[op] = s.end;
    const unit = inst.unitByKey.get(String(s.machine));
    if (unit === undefined || !inst.eligible[op].includes(unit)) {
      add('wrong-machine', `${what} is on machine ${String(s.machine)}, which cannot run it`);
      continue;
    }
    unitOf[op] = unit;
    if (inst.frozenUnit[op] >= 0) {
      if (s.start !== inst.frozenStart[op] || s.end !== inst.frozenEnd[op]) {
        add('frozen-moved', `${what} has started (${inst.frozenStart[op]}–${inst.frozenEnd[op]}) but the schedule moves it to ${s.start}–${s.end}`);
      }
      continue;
    }
    if (s.start < 0) add('before-now', `${what} starts at ${s.start}, before now (0)`);
    const release = inst.release[inst.opJob[op]];
    if (s.start < release) add('before-release', `${what} starts at ${s.start}, before its job's release at ${release}`);
    const cal = inst.units[unit].calendar;
    const dur = inst.dur[op];
    if (!cal || dur === 0) {
      if (s.end - s.start !== dur) add('wrong-duration', `${what} lasts ${s.end - s.start} but takes ${dur}`);
    } else {
      const window = cal.windowAt(s.start);
      if (!window.open) add('outside-working-time', `${what} starts at ${s.start}, outside the working time of machine ${inst.units[unit].key}`);
      else if (window.remaining < inst.setup[op]) add('setup-interrupted', `${what} starts at ${s.start} with a ${inst.setup[op]}-minute setup but the shift ends after ${window.remaining} minutes`);
      const expected = window.open ? cal.finish(s.start, dur) : NaN;
      if (window.open && s.end !== expected) add('wrong-duration', `${what} ends at ${s.end} but its ${dur} working minutes from ${s.start} end at ${expected}`);
    }
  }
  for (let op = 0; op < n; op++) if (!seen[op]) add('missing-operation', `${inst.describeOp(op)} is not scheduled`);
  if (violations.some((v) => v.code === 'missing-operation' || v.code === 'unknown-operation')) return violations;

  for (let op = 0; op < n; op++) {
    const jp = inst.jobPred[op];
    if (jp >= 0 && inst.frozenUnit[op] < 0 && start[op] < end[jp]) {
      add('precedence', `${inst.describeOp(op)} starts at ${start[op]}, before ${inst.describeOp(jp)} ends at ${end[jp]}`);
    }
  }
  const byUnit = inst.units.map(() => [] as number[]);
  for (let op = 0; op < n; op++) if (unitOf[op] >= 0 && end[op] > start[op]) byUnit[unitOf[op]].push(op);
  byUnit.forEach((ops, u) => {
    ops.sort((a, b) => start[a] - start[b]);
    for (let k = 1; k < ops.length; k++) {
      if (start[ops[k]] < end[ops[k - 1]]) {
        add('overlap', `${inst.describeOp(ops[k - 1])} (${start[ops[k - 1]]}–${end[ops[k - 1]]}) and ${inst.describeOp(ops[k])} (${start[ops[k]]}–${end[ops[k]]}) overlap on machine ${inst.units[u].key}`);
      }
    }
  });
  const obj = objectiveOf(inst, end);
  if (schedule.makespan !== undefined && schedule.makespan !== obj.makespan) add('objective-mismatch', `the schedule states makespan ${schedule.makespan} but its operations give ${obj.makespan}`);
  if (schedule.weightedTardiness !== undefined && Math.abs(schedule.weightedTardiness - obj.weightedTardiness) > 1e-6) {
    add('objective-mismatch', `the schedule states weighted tardiness ${schedule.weightedTardiness} but its operations give ${obj.weightedTardiness}`);
  }
  return violations;
}
