import { calendarGenerator, compileShifts, isValidTimeZone, parseClock, WorkingCalendar, type CalendarRules } from './calendar';
import { SchedulingProblemError, type SchedulingErrorCode } from './scheduling.errors';
import type { CalendarSpec, JobId, MachineId, SchedulingObjective, SchedulingProblem, TimeValue, Weekday } from './scheduling.types';

/** One machine unit: the thing that runs one operation at a time. */
export interface Unit {
  /** Id reported in schedules: the machine id, or `<id>#<k>` for a machine with count > 1. */
  id: MachineId;
  key: string;
  machineKey: string;
  calendar: WorkingCalendar | null;
  /** Sorted, disjoint intervals already taken (frozen operations, or a plan's operations for insertion). */
  blockedStarts: number[];
  blockedEnds: number[];
}

/** A validated problem in flat arrays, the form every algorithm here works on. */
export interface Instance {
  originMs: number | null;
  objective: SchedulingObjective;
  timeLimitMs: number;
  shipBuffer: number;
  units: Unit[];
  unitByKey: Map<string, number>;
  jobIds: JobId[];
  release: number[];
  /** Infinity when the job has no due date. */
  due: number[];
  weight: number[];
  jobOps: number[][];
  opJob: Int32Array;
  opIndex: Int32Array;
  setup: Float64Array;
  dur: Float64Array;
  eligible: number[][];
  /** Unit of a frozen operation, −1 otherwise. */
  frozenUnit: Int32Array;
  frozenStart: Float64Array;
  frozenEnd: Float64Array;
  jobPred: Int32Array;
  jobSucc: Int32Array;
  /** Plain job shop: no calendars, no frozen work, one eligible unit per operation. */
  pure: boolean;
  toIso(t: number): string | undefined;
  describeOp(op: number): string;
}

const WEEKDAYS = new Set<Weekday>(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

function fail(code: SchedulingErrorCode, message: string): never {
  throw new SchedulingProblemError(code, message);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string | number => (typeof v === 'string' && v.length > 0) || (typeof v === 'number' && Number.isFinite(v));

/** The machines of a problem, compiled once: reused by every insertion query against the same plan. */
export interface MachineContext {
  originMs: number | null;
  toMinutes(value: unknown, what: string): number;
  units: Unit[];
  unitByKey: Map<string, number>;
  unitsOfMachine: Map<string, number[]>;
  unitsOfClass: Map<string, number[]>;
  /** Per unit: its weekly shifts without holidays or downtime (to check that setups fit), or null. */
  patterns: Array<WorkingCalendar | null>;
}

export function compileMachines(problem: SchedulingProblem): MachineContext {
  if (!isObject(problem)) fail('INVALID_PROBLEM', 'the problem must be a JSON object with "machines" and "jobs"');
  if (!Array.isArray(problem.machines) || problem.machines.length === 0) fail('INVALID_PROBLEM', 'the problem needs a non-empty "machines" array');
  if (!Array.isArray(problem.jobs)) fail('INVALID_PROBLEM', 'the problem needs a "jobs" array');

  let originMs: number | null = null;
  if (problem.start !== undefined) {
    originMs = typeof problem.start === 'string' ? Date.parse(problem.start) : NaN;
    if (!Number.isFinite(originMs)) fail('INVALID_TIME', `"start" must be an ISO 8601 date-time such as "2025-03-03T06:00:00Z", not ${JSON.stringify(problem.start)}`);
  }
  const toMinutes = (value: unknown, what: string): number => {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) fail('INVALID_TIME', `${what} must be an integer time, not ${value}`);
      return value;
    }
    if (typeof value === 'string') {
      if (originMs === null) fail('INVALID_TIME', `${what} is a date (${value}) but the problem has no "start" to count from; add "start" or give an integer`);
      const ms = Date.parse(value);
      if (!Number.isFinite(ms)) fail('INVALID_TIME', `${what} is not an ISO 8601 date-time: ${JSON.stringify(value)}`);
      return Math.round((ms - originMs) / 60000);
    }
    return fail('INVALID_TIME', `${what} must be an integer or an ISO date-time, not ${JSON.stringify(value)}`);
  };

  // Machines and their units.
  const units: Unit[] = [];
  const unitByKey = new Map<string, number>();
  const unitsOfMachine = new Map<string, number[]>();
  const unitsOfClass = new Map<string, number[]>();
  const patterns: Array<WorkingCalendar | null> = [];
  const defaultCalendar = problem.calendar === undefined ? undefined : checkCalendar(problem.calendar, 'the default');
  problem.machines.forEach((machine, mi) => {
    if (!isObject(machine) || !isId(machine.id)) fail('INVALID_PROBLEM', `machines[${mi}] needs an "id" (string or number)`);
    const key = String(machine.id);
    const label = `machine ${key}`;
    if (unitsOfMachine.has(key)) fail('DUPLICATE_ID', `two machines have the id ${JSON.stringify(machine.id)}; machine ids must be unique`);
    const count = machine.count ?? 1;
    if (!Number.isInteger(count) || count < 1) fail('INVALID_PROBLEM', `${label} has count ${JSON.stringify(machine.count)}; it must be a positive integer`);
    if (machine.class !== undefined && (typeof machine.class !== 'string' || machine.class === '')) fail('INVALID_PROBLEM', `${label} has a "class" that is not a non-empty string`);
    const rules = machine.calendar !== undefined ? checkCalendar(machine.calendar, label) : defaultCalendar;
    let calendar: WorkingCalendar | null = null;
    let pattern: WorkingCalendar | null = null;
    if (rules) {
      if (originMs === null) fail('INVALID_CALENDAR', `${label} has a calendar but the problem has no "start" (the ISO date-time of time 0) to place it in`);
      const compiled: CalendarRules = {
        timeZone: rules.timeZone ?? 'UTC',
        shifts: rules.shifts === undefined ? null : compileShifts(rules.shifts),
        holidays: new Set(rules.holidays ?? []),
        downtime: (rules.downtime ?? [])
          .map((d, di): [number, number] => {
            const from = toMinutes(d.from, `${label} downtime[${di}].from`);
            const to = toMinutes(d.to, `${label} downtime[${di}].to`);
            if (to <= from) fail('INVALID_CALENDAR', `${label} downtime[${di}] ends before it starts`);
            return [from, to];
          })
          .sort((a, b) => a[0] - b[0]),
      };
      calendar = new WorkingCalendar(calendarGenerator(compiled, originMs), label);
      pattern = new WorkingCalendar(calendarGenerator({ ...compiled, holidays: new Set(), downtime: [] }, originMs), label);
    }
    const mine: number[] = [];
    for (let k = 1; k <= count; k++) {
      const unitKey = count === 1 ? key : `${key}#${k}`;
      if (unitByKey.has(unitKey)) fail('DUPLICATE_ID', `machine unit id ${unitKey} is used twice`);
      unitByKey.set(unitKey, units.length);
      mine.push(units.length);
      patterns.push(pattern);
      units.push({ id: count === 1 ? machine.id : unitKey, key: unitKey, machineKey: key, calendar, blockedStarts: [], blockedEnds: [] });
    }
    unitsOfMachine.set(key, mine);
    if (machine.class !== undefined) unitsOfClass.set(machine.class, [...(unitsOfClass.get(machine.class) ?? []), ...mine]);
  });

  return { originMs, toMinutes, units, unitByKey, unitsOfMachine, unitsOfClass, patterns };
}

export function compileProblem(problem: SchedulingProblem, machines: MachineContext = compileMachines(problem)): Instance {
  const { originMs, toMinutes, units, unitByKey, unitsOfMachine, unitsOfClass, patterns } = machines;
  const objective = problem.objective ?? 'weighted-tardiness';
  if (objective !== 'weighted-tardiness' && objective !== 'makespan') fail('INVALID_PROBLEM', `"objective" must be "weighted-tardiness" or "makespan", not ${JSON.stringify(objective)}`);
  const timeLimitMs = problem.timeLimitMs ?? 5000;
  if (typeof timeLimitMs !== 'number' || !(timeLimitMs > 0)) fail('INVALID_PROBLEM', `"timeLimitMs" must be a positive number of milliseconds, not ${JSON.stringify(problem.timeLimitMs)}`);
  const shipBuffer = problem.shipBuffer ?? 0;
  if (!Number.isInteger(shipBuffer) || shipBuffer < 0) fail('INVALID_PROBLEM', `"shipBuffer" must be a non-negative integer, not ${JSON.stringify(problem.shipBuffer)}`);
  if (!Array.isArray(problem.jobs)) fail('INVALID_PROBLEM', 'the problem needs a "jobs" array');

  // Jobs and operations.
  const jobIds: JobId[] = [];
  const release: number[] = [];
  const due: number[] = [];
  const weight: number[] = [];
  const jobOps: number[][] = [];
  const ops: Array<{ job: number; index: number; setup: number; dur: number; eligible: number[]; frozen: [number, number, number] | null }> = [];
  const seenJobs = new Set<string>();
  problem.jobs.forEach((job, ji) => {
    if (!isObject(job) || !isId(job.id)) fail('INVALID_PROBLEM', `jobs[${ji}] needs an "id" (string or number)`);
    const label = `job ${String(job.id)}`;
    if (seenJobs.has(String(job.id))) fail('DUPLICATE_ID', `two jobs have the id ${JSON.stringify(job.id)}; job ids must be unique`);
    seenJobs.add(String(job.id));
    if (!Array.isArray(job.operations) || job.operations.length === 0) fail('INVALID_PROBLEM', `${label} needs a non-empty "operations" array`);
    const r = job.release === undefined ? 0 : toMinutes(job.release, `${label} release`);
    const d = job.due === undefined || job.due === null ? Infinity : toMinutes(job.due, `${label} due date`);
    if (d < r) fail('DUE_BEFORE_RELEASE', `${label} is due (${String(job.due)}) before it is released (${String(job.release)})`);
    const w = job.weight ?? 1;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) fail('INVALID_PROBLEM', `${label} has weight ${JSON.stringify(job.weight)}; it must be a non-negative number`);
    const jobIndex = jobIds.length;
    jobIds.push(job.id);
    release.push(r);
    due.push(d);
    weight.push(w);
    const list: number[] = [];
    let frozenPrefix = true;
    job.operations.forEach((op, oi) => {
      const where = `${label} operations[${oi}]`;
      if (!isObject(op)) fail('INVALID_PROBLEM', `${where} must be an object with "machine" or "machineClass" and a duration`);
      let eligible: number[];
      if (op.machine !== undefined) {
        if (!isId(op.machine)) fail('UNKNOWN_MACHINE', `${where} has machine ${JSON.stringify(op.machine)}; give a machine id`);
        const byMachine = unitsOfMachine.get(String(op.machine));
        const byUnit = unitByKey.get(String(op.machine));
        if (byMachine) eligible = byMachine;
        else if (byUnit !== undefined) eligible = [byUnit];
        else return fail('UNKNOWN_MACHINE', `${where} needs machine ${JSON.stringify(op.machine)} but there is no machine with that id`);
      } else if (op.machineClass !== undefined) {
        const byClass = unitsOfClass.get(String(op.machineClass));
        if (!byClass) return fail('UNKNOWN_MACHINE_CLASS', `${where} needs machine class '${String(op.machineClass)}' but no machine has it`);
        eligible = byClass;
      } else {
        return fail('INVALID_PROBLEM', `${where} names neither a "machine" nor a "machineClass"`);
      }
      const intOrUndefined = (v: unknown, name: string): number | undefined => {
        if (v === undefined) return undefined;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail('INVALID_DURATION', `${where} has ${name} ${JSON.stringify(v)}; durations must be non-negative integers`);
        return v;
      };
      const duration = intOrUndefined(op.duration, 'duration');
      let setup = intOrUndefined(op.setup, 'setup');
      const run = intOrUndefined(op.run, 'run');
      let total: number;
      if (duration !== undefined) {
        if (run !== undefined && (setup ?? 0) + run !== duration) fail('INVALID_DURATION', `${where} has duration ${duration} but setup + run = ${(setup ?? 0) + run}`);
        if (setup !== undefined && setup > duration) fail('INVALID_DURATION', `${where} has a setup (${setup}) longer than its duration (${duration})`);
        total = duration;
      } else if (setup !== undefined || run !== undefined) {
        total = (setup ?? 0) + (run ?? 0);
      } else {
        return fail('INVALID_DURATION', `${where} has no "duration" (or "setup"/"run")`);
      }
      setup ??= 0;
      if (setup > 0) {
        const fits = eligible.filter((u) => patterns[u] === null || (patterns[u] as WorkingCalendar).longestWindow(14 * 24 * 60) >= setup!);
        if (fits.length === 0) {
          const longest = Math.max(...eligible.map((u) => (patterns[u] as WorkingCalendar).longestWindow(14 * 24 * 60)));
          fail('SETUP_TOO_LONG', `${where} needs a ${setup}-minute setup but the longest working stretch of its machines is ${longest} minutes; setups cannot pause`);
        }
        eligible = fits;
      }
      let frozen: [number, number, number] | null = null;
      if (op.frozen !== undefined) {
        if (!isObject(op.frozen)) fail('INVALID_FROZEN', `${where} "frozen" must be {"machine", "start", "end"}`);
        if (!frozenPrefix) fail('INVALID_FROZEN', `${where} is frozen but an operation before it is not; only a job's first operations can have started`);
        const unit = unitByKey.get(String(op.frozen.machine));
        if (unit === undefined) fail('INVALID_FROZEN', `${where} is frozen on machine ${JSON.stringify(op.frozen.machine)}, which does not exist (use the unit id, e.g. "press#2", for machines with a count)`);
        if (!eligible.includes(unit)) fail('INVALID_FROZEN', `${where} is frozen on machine ${units[unit].key}, which cannot run it`);
        const fs = toMinutes(op.frozen.start, `${where} frozen.start`);
        const fe = toMinutes(op.frozen.end, `${where} frozen.end`);
        if (fe < fs) fail('INVALID_FROZEN', `${where} is frozen with an end before its start`);
        frozen = [unit, fs, fe];
        eligible = [unit];
      } else {
        frozenPrefix = false;
      }
      list.push(ops.length);
      ops.push({ job: jobIndex, index: oi, setup, dur: total, eligible, frozen });
    });
    jobOps.push(list);
  });

  const n = ops.length;
  const inst: Instance = {
    originMs,
    objective,
    timeLimitMs,
    shipBuffer,
    units,
    unitByKey,
    jobIds,
    release,
    due,
    weight,
    jobOps,
    opJob: Int32Array.from(ops, (o) => o.job),
    opIndex: Int32Array.from(ops, (o) => o.index),
    setup: Float64Array.from(ops, (o) => o.setup),
    dur: Float64Array.from(ops, (o) => o.dur),
    eligible: ops.map((o) => o.eligible),
    frozenUnit: Int32Array.from(ops, (o) => (o.frozen ? o.frozen[0] : -1)),
    frozenStart: Float64Array.from(ops, (o) => (o.frozen ? o.frozen[1] : 0)),
    frozenEnd: Float64Array.from(ops, (o) => (o.frozen ? o.frozen[2] : 0)),
    jobPred: new Int32Array(n).fill(-1),
    jobSucc: new Int32Array(n).fill(-1),
    pure: units.every((u) => u.calendar === null) && ops.every((o) => o.frozen === null && o.eligible.length === 1),
    toIso: (t) => (originMs === null ? undefined : new Date(originMs + t * 60000).toISOString()),
    describeOp: (op) => `job ${String(jobIds[ops[op].job])} operations[${ops[op].index}]`,
  };
  for (const list of jobOps) {
    for (let k = 1; k < list.length; k++) {
      inst.jobPred[list[k]] = list[k - 1];
      inst.jobSucc[list[k - 1]] = list[k];
    }
  }
  // Frozen operations block their units for everything else; they must not collide with each other.
  const frozenByUnit = new Map<number, number[]>();
  for (let op = 0; op < n; op++) if (inst.frozenUnit[op] >= 0) frozenByUnit.set(inst.frozenUnit[op], [...(frozenByUnit.get(inst.frozenUnit[op]) ?? []), op]);
  for (const [u, list] of frozenByUnit) {
    // Zero-length frozen operations take no machine time.
    list.splice(0, list.length, ...list.filter((op) => inst.frozenEnd[op] > inst.frozenStart[op]));
    list.sort((a, b) => inst.frozenStart[a] - inst.frozenStart[b]);
    for (let k = 0; k < list.length; k++) {
      const op = list[k];
      if (k > 0 && inst.frozenStart[op] < inst.frozenEnd[list[k - 1]]) {
        fail('INVALID_FROZEN', `${inst.describeOp(op)} and ${inst.describeOp(list[k - 1])} are both frozen on machine ${units[u].key} at overlapping times`);
      }
      units[u].blockedStarts.push(inst.frozenStart[op]);
      units[u].blockedEnds.push(inst.frozenEnd[op]);
    }
  }
  return inst;
}

function checkCalendar(spec: unknown, label: string): CalendarSpec {
  const bad = (why: string): never => fail('INVALID_CALENDAR', `${label} calendar: ${why}`);
  if (!isObject(spec)) bad('must be an object with "shifts", "holidays", "downtime"');
  const cal = spec as CalendarSpec;
  if (cal.timeZone !== undefined && (typeof cal.timeZone !== 'string' || !isValidTimeZone(cal.timeZone))) bad(`unknown time zone ${JSON.stringify(cal.timeZone)}; use an IANA name such as "Europe/Berlin"`);
  if (cal.shifts !== undefined) {
    if (!Array.isArray(cal.shifts)) bad('"shifts" must be an array');
    if (cal.shifts.length === 0) fail('NO_WORKING_TIME', `${label} calendar has no working time: "shifts" is empty (leave it out for a machine that is always open)`);
    cal.shifts.forEach((s, i) => {
      if (!isObject(s) || !Array.isArray(s.days) || s.days.length === 0) bad(`shifts[${i}] needs "days", e.g. ["mon","tue","wed","thu","fri"]`);
      for (const d of s.days) if (!WEEKDAYS.has(d)) bad(`shifts[${i}] has day ${JSON.stringify(d)}; days are mon, tue, wed, thu, fri, sat, sun`);
      const from = typeof s.from === 'string' ? parseClock(s.from) : null;
      const to = typeof s.to === 'string' ? parseClock(s.to) : null;
      if (from === null || to === null) bad(`shifts[${i}] needs "from" and "to" as "HH:MM"`);
      if (from === to || (from === 0 && to === 24 * 60 ? false : from! % (24 * 60) === to! % (24 * 60))) bad(`shifts[${i}] starts and ends at the same time; use "00:00"–"24:00" for a full day`);
    });
  }
  if (cal.holidays !== undefined) {
    if (!Array.isArray(cal.holidays)) bad('"holidays" must be an array of "YYYY-MM-DD" dates');
    for (const h of cal.holidays) if (typeof h !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(h) || !Number.isFinite(Date.parse(h))) bad(`holiday ${JSON.stringify(h)} is not a "YYYY-MM-DD" date`);
  }
  if (cal.downtime !== undefined && !Array.isArray(cal.downtime)) bad('"downtime" must be an array of {"from", "to"}');
  for (const [i, d] of (cal.downtime ?? []).entries()) if (!isObject(d)) bad(`downtime[${i}] must be {"from", "to"}`);
  return cal;
}
