import type { CalendarSpec, MachineSpec, SchedulingProblem, Weekday } from '@partsmith/scheduling';
import { BENCH_UNITS, benchId, MACHINE_CLASS_OF_PROCESS, resolveMachineClass, type RoutingOperation } from './routing';

/**
 * Builds the engine's problem for one factory from plain rows: its calendar and machines, downtime, the
 * planned jobs with their routings, and the operations that have started (frozen). Pure.
 */

export interface FactoryCalendarRow {
  timeZone: string;
  workingCalendar: { shifts: Array<{ weekdays: number[]; start: string; end: string }>; holidays: Array<{ date: string }> };
}

export interface MachineRow {
  id: string;
  process: string;
  count: number;
}

export interface DowntimeRow {
  machineId: string;
  from: Date;
  to: Date;
  reason: string;
}

export interface PlannedJobRow {
  jobLineId: string;
  due: Date;
  release: Date | null;
  weight: number;
  routing: RoutingOperation[];
}

/** An operation already placed in the current plan, keyed by job line and routing position. */
export interface PlacedOperationRow {
  jobLineId: string;
  index: number;
  unit: string;
  start: Date;
  end: Date;
}

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function factoryCalendar(factory: FactoryCalendarRow, downtime: DowntimeRow[] = []): CalendarSpec {
  const shifts = factory.workingCalendar?.shifts ?? [];
  return {
    timeZone: factory.timeZone,
    // An empty shift list would be "no working time": treat a factory without shifts as open around the clock.
    ...(shifts.length ? { shifts: shifts.map((s) => ({ days: s.weekdays.map((d) => WEEKDAYS[d - 1]), from: s.start, to: s.end })) } : {}),
    holidays: (factory.workingCalendar?.holidays ?? []).map((h) => h.date),
    ...(downtime.length ? { downtime: downtime.map((d) => ({ from: d.from.toISOString(), to: d.to.toISOString(), reason: d.reason })) } : {}),
  };
}

export interface BuiltProblem {
  problem: SchedulingProblem;
  /** Resolved class per job operation (after substitutes), to report Gantt rows. */
  classes: Map<string, string[]>;
}

export function minuteFloor(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

export function buildProblem(input: {
  now: Date;
  factory: FactoryCalendarRow;
  machines: MachineRow[];
  downtime: DowntimeRow[];
  jobs: PlannedJobRow[];
  placed: PlacedOperationRow[];
  timeLimitMs?: number;
}): BuiltProblem {
  const start = minuteFloor(input.now);
  const factoryClasses = new Set(input.machines.map((m) => MACHINE_CLASS_OF_PROCESS[m.process]).filter(Boolean));
  const machines: MachineSpec[] = input.machines
    .filter((m) => MACHINE_CLASS_OF_PROCESS[m.process])
    .map((m) => ({
      id: m.id,
      class: MACHINE_CLASS_OF_PROCESS[m.process],
      count: m.count,
      calendar: factoryCalendar(input.factory, input.downtime.filter((d) => d.machineId === m.id)),
    }));
  const benches = new Set<string>();
  const classes = new Map<string, string[]>();
  const placedBy = new Map(input.placed.map((p) => [`${p.jobLineId}:${p.index}`, p]));
  const jobs = input.jobs.map((job) => {
    let prefixStarted = true;
    const resolved: string[] = [];
    const operations = job.routing.map((op, index) => {
      const where = resolveMachineClass(op.machineClass, factoryClasses);
      if (where.bench) benches.add(where.machineClass);
      resolved.push(where.machineClass);
      const placed = placedBy.get(`${job.jobLineId}:${index}`);
      // Started work stays where it is; only a prefix of a job can have started.
      const started = prefixStarted && placed !== undefined && placed.start.getTime() <= start.getTime();
      if (!started) prefixStarted = false;
      return {
        machineClass: where.machineClass,
        setup: op.setupMinutes,
        run: op.runMinutes,
        ...(started ? { frozen: { machine: placed!.unit, start: placed!.start.toISOString(), end: placed!.end.toISOString() } } : {}),
      };
    });
    classes.set(job.jobLineId, resolved);
    return {
      id: job.jobLineId,
      due: job.due.toISOString(),
      weight: job.weight,
      ...(job.release && job.release > start ? { release: job.release.toISOString() } : {}),
      operations,
    };
  });
  for (const machineClass of [...benches].sort()) {
    machines.push({ id: benchId(machineClass), class: machineClass, count: BENCH_UNITS, calendar: factoryCalendar(input.factory) });
  }
  return {
    problem: { start: start.toISOString(), machines, jobs, objective: 'weighted-tardiness', timeLimitMs: input.timeLimitMs ?? 2000, shipBuffer: 0 },
    classes,
  };
}

/** Bench machines for every bench class a prospective routing needs but the plan's problem lacks. */
export function withBenchesFor(problem: SchedulingProblem, factory: FactoryCalendarRow, routing: RoutingOperation[]): { problem: SchedulingProblem; operations: Array<{ machineClass: string; setup: number; run: number }> } {
  const factoryClasses = new Set(problem.machines.filter((m) => !String(m.id).startsWith('bench:')).map((m) => m.class!));
  const have = new Set(problem.machines.map((m) => String(m.id)));
  const extra: MachineSpec[] = [];
  const operations = routing.map((op) => {
    const where = resolveMachineClass(op.machineClass, factoryClasses);
    if (where.bench && !have.has(benchId(where.machineClass))) {
      have.add(benchId(where.machineClass));
      extra.push({ id: benchId(where.machineClass), class: where.machineClass, count: BENCH_UNITS, calendar: factoryCalendar(factory) });
    }
    return { machineClass: where.machineClass, setup: op.setupMinutes, run: op.runMinutes };
  });
  return { problem: extra.length ? { ...problem, machines: [...problem.machines, ...extra] } : problem, operations };
}

/** A unit id reported by the engine ("<machine id>#2", "bench:deburr#1") → the machine id (null for the bench). */
export function machineOfUnit(unit: string): { machineId: string | null; unit: string } {
  const base = unit.replace(/#\d+$/, '');
  return { machineId: base.startsWith('bench:') ? null : base, unit };
}
