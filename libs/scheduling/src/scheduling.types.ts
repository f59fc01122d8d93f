/**
 * The scheduling problem as callers (the CLI's JSON file, the scheduling worker) hand it over, and the schedule
 * that comes back. Times are integers: minutes after `start` when the problem has one, otherwise abstract time
 * units counted from 0. Time 0 is "now": nothing that is not frozen starts before it.
 */
export type MachineId = string | number;
export type JobId = string | number;
/** An integer offset from time 0, or — when the problem has a `start` — an ISO 8601 date-time. */
export type TimeValue = number | string;
export type SchedulingObjective = 'weighted-tardiness' | 'makespan';
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface SchedulingProblem {
  /** ISO 8601 instant that time 0 stands for ("now"). Required when a calendar is used or a time is an ISO string. */
  start?: string;
  /** Default calendar for machines that have none of their own. Without any calendar a machine is always open. */
  calendar?: CalendarSpec;
  machines: MachineSpec[];
  jobs: JobSpec[];
  /** `weighted-tardiness` (default): weighted tardiness first, then makespan. `makespan`: makespan first. */
  objective?: SchedulingObjective;
  /** Wall-clock budget of the solver, milliseconds (default 5000). */
  timeLimitMs?: number;
  /** Time between the end of a job's last operation and the date it can ship (packing), default 0. */
  shipBuffer?: number;
}

export interface MachineSpec {
  id: MachineId;
  /** Machine class / process ("mill-3axis", "sls-printer"); operations may ask for a class instead of a machine. */
  class?: string;
  /** Identical units behind this id (default 1). Units are reported as `<id>#1`, `<id>#2`, … */
  count?: number;
  calendar?: CalendarSpec;
}

export interface CalendarSpec {
  /** IANA time zone the shifts and holidays are written in (default "UTC"). */
  timeZone?: string;
  /** Weekly working shifts. Omitted: open around the clock (minus holidays and downtime). A shift whose `to` is not after its `from` ends the next day. */
  shifts?: ShiftSpec[];
  /** Local dates (YYYY-MM-DD) on which no shift starts. */
  holidays?: string[];
  /** Intervals in which the machine cannot work (maintenance, breakdown). */
  downtime?: DowntimeSpec[];
}

export interface ShiftSpec {
  days: Weekday[];
  /** Local time "HH:MM". */
  from: string;
  /** Local time "HH:MM" ("24:00" allowed). */
  to: string;
}

export interface DowntimeSpec {
  from: TimeValue;
  to: TimeValue;
  reason?: string;
}

export interface JobSpec {
  id: JobId;
  /** Earliest start of the job's first operation (default 0). */
  release?: TimeValue;
  /** Due (ship) date; a job without one is never tardy. */
  due?: TimeValue;
  /** Weight of a unit of tardiness (default 1). */
  weight?: number;
  /** The routing: operations run in this order. */
  operations: OperationSpec[];
}

export interface OperationSpec {
  /** Run on this machine (any of its units when it has `count` > 1). */
  machine?: MachineId;
  /** Run on any machine of this class (ignored when `machine` is given). */
  machineClass?: string;
  /** Total processing time; the same as `setup` + `run`. Give either `duration` or `setup`/`run`. */
  duration?: number;
  /** Setup time: must happen in one working stretch, right at the operation's start. */
  setup?: number;
  /** Run time: may pause over non-working time (the machine stays held). */
  run?: number;
  /** The operation has started: it stays exactly here. Only a prefix of a job's operations can be frozen. */
  frozen?: FrozenPlacement;
}

export interface FrozenPlacement {
  /** The machine (unit id such as "press#2" for a machine with count > 1) it runs on. */
  machine: MachineId;
  start: TimeValue;
  end: TimeValue;
}

export interface ScheduledOperation {
  job: JobId;
  /** Position of the operation in its job's routing, from 0. */
  index: number;
  machine: MachineId;
  start: number;
  end: number;
  frozen?: boolean;
  startAt?: string;
  endAt?: string;
}

export interface JobOutcome {
  job: JobId;
  /** End of the job's last operation. */
  completion: number;
  /** Promised ship date: completion + ship buffer. */
  promised: number;
  due: number | null;
  /** promised − due (negative when early); null without a due date. */
  lateness: number | null;
  tardiness: number;
  weightedTardiness: number;
  /** The promised date is after the due date. */
  atRisk: boolean;
  promisedAt?: string;
  dueAt?: string;
}

export interface ObjectiveValues {
  weightedTardiness: number;
  makespan: number;
}

export interface SolveStats {
  seed: number;
  elapsedMs: number;
  iterations: number;
  /** Which local search ran: the fast estimate-driven tabu search (plain job shop) or the exact one (calendars, frozen work, machine classes). */
  method: 'constructive' | 'tabu-estimate' | 'tabu-exact';
  constructive: ObjectiveValues & { rule: string };
  /** A lower bound on the makespan when one is known (plain job shop). */
  makespanLowerBound?: number;
}

export interface Schedule extends ObjectiveValues {
  /** `optimal` when the objective provably cannot be improved (it meets a lower bound), else `feasible`. */
  status: 'optimal' | 'feasible';
  objective: SchedulingObjective;
  totalTardiness: number;
  atRiskJobs: number;
  start?: string;
  operations: ScheduledOperation[];
  jobs: JobOutcome[];
  stats: SolveStats;
}

export interface SolveOptions {
  seed?: number;
  /** Overrides the problem's `timeLimitMs`. */
  timeLimitMs?: number;
  /** Stop the local search after this many iterations (deterministic runs). */
  maxIterations?: number;
  /** false: return the best constructive schedule, no local search. */
  improve?: boolean;
  /** Restrict the constructive phase to one dispatching rule (the benchmark's baselines). */
  rule?: DispatchRule;
}

export type DispatchRule = 'atc' | 'edd' | 'spt' | 'mwkr' | 'fifo';

export interface ScheduleViolation {
  code:
    | 'missing-operation'
    | 'duplicate-operation'
    | 'unknown-operation'
    | 'wrong-machine'
    | 'wrong-duration'
    | 'outside-working-time'
    | 'setup-interrupted'
    | 'before-release'
    | 'before-now'
    | 'precedence'
    | 'overlap'
    | 'frozen-moved'
    | 'objective-mismatch';
  message: string;
}
