/** Pure layout of the production Gantt chart: time → x, one row per machine unit, overlapping bars stacked, at-risk jobs marked. */

export interface GanttOperation {
  jobLineId: string;
  operation: string;
  operationIndex: number;
  machineId: string | null;
  machineClass: string;
  /** The unit the engine placed it on, e.g. "<machine id>#2" or "bench:deburr#1" */
  unit: string;
  start: string;
  end: string;
  frozen: boolean;
}

export interface GanttJob {
  jobLineId: string;
  dueDate: string;
  promisedShipDate: string | null;
  atRisk: boolean;
}

export interface GanttBar {
  operation: GanttOperation;
  x: number;
  width: number;
  /** Stacking lane inside its row (0 unless bars of the row overlap in time) */
  lane: number;
  atRisk: boolean;
}

export interface GanttRowLayout {
  unit: string;
  machineId: string | null;
  /** "#2" of "<machine>#2": which of several identical machines (null when the unit carries no number) */
  unitNumber: number | null;
  machineClass: string;
  lanes: number;
  y: number;
  height: number;
  bars: GanttBar[];
}

export interface GanttTick {
  x: number;
  time: number;
}

export interface GanttLayout {
  from: number;
  to: number;
  width: number;
  height: number;
  rows: GanttRowLayout[];
  ticks: GanttTick[];
  /** x of "now", when it falls inside the chart */
  nowX: number | null;
  /** x of each at-risk job's due date, when inside the chart */
  dueMarkers: Array<{ jobLineId: string; x: number }>;
}

export interface GanttOptions {
  width: number;
  laneHeight?: number;
  rowGap?: number;
  now?: number;
  /** Narrowest bar drawn, so a ten-minute operation stays visible and clickable */
  minBarWidth?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A linear scale from [from, to] (ms) to [0, width] px; times outside are clamped to the edges. */
export function timeScale(from: number, to: number, width: number): (time: number) => number {
  const span = Math.max(to - from, 1);
  return (time) => Math.min(width, Math.max(0, ((time - from) / span) * width));
}

/**
 * Greedy interval partitioning: each bar (by start) goes to the first lane whose last bar has ended.
 * Bars touching end-to-start share a lane. Returns the lane of each input index and the lane count.
 */
export function assignLanes(intervals: Array<{ start: number; end: number }>): { lanes: number[]; count: number } {
  const order = intervals.map((_, index) => index).sort((a, b) => intervals[a].start - intervals[b].start || intervals[a].end - intervals[b].end);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(intervals.length).fill(0);
  for (const index of order) {
    const { start, end } = intervals[index];
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else laneEnds[lane] = end;
    lanes[index] = lane;
  }
  return { lanes, count: Math.max(laneEnds.length, 1) };
}

/** The time window shown: from the earliest start (or now) to the latest end or at-risk due date, padded, whole days. */
export function timeWindow(operations: GanttOperation[], jobs: GanttJob[], now: number): { from: number; to: number } {
  if (operations.length === 0) return { from: startOfDay(now), to: startOfDay(now) + 7 * DAY };
  let from = Infinity;
  let to = -Infinity;
  for (const operation of operations) {
    from = Math.min(from, Date.parse(operation.start));
    to = Math.max(to, Date.parse(operation.end));
  }
  for (const job of jobs) if (job.atRisk) to = Math.max(to, Date.parse(job.dueDate));
  from = startOfDay(Math.min(from, now));
  to = startOfDay(to) + DAY;
  return { from, to: Math.max(to, from + DAY) };
}

/** Tick marks: every day for up to three weeks, then every week (Mondays), then every four weeks. */
export function ticks(from: number, to: number, x: (time: number) => number): GanttTick[] {
  const days = (to - from) / DAY;
  const step = days <= 21 ? DAY : days <= 120 ? 7 * DAY : 28 * DAY;
  let first = startOfDay(from);
  if (step > DAY) while (new Date(first).getUTCDay() !== 1) first += DAY; // Mondays
  const result: GanttTick[] = [];
  for (let time = first; time <= to; time += step) if (time >= from) result.push({ time, x: x(time) });
  return result;
}

/** Row order: real machines first (by machine id, then unit number), then the bench. */
function compareUnits(a: GanttRowLayout, b: GanttRowLayout): number {
  if ((a.machineId === null) !== (b.machineId === null)) return a.machineId === null ? 1 : -1;
  const byKey = (a.machineId ?? a.machineClass).localeCompare(b.machineId ?? b.machineClass);
  return byKey || (a.unitNumber ?? 0) - (b.unitNumber ?? 0) || a.unit.localeCompare(b.unit);
}

export function unitNumber(unit: string): number | null {
  const match = /#(\d+)$/.exec(unit);
  return match ? Number(match[1]) : null;
}

export function layoutGantt(operations: GanttOperation[], jobs: GanttJob[], options: GanttOptions): GanttLayout {
  const { width, laneHeight = 26, rowGap = 8, now = Date.now(), minBarWidth = 3 } = options;
  const { from, to } = timeWindow(operations, jobs, now);
  const x = timeScale(from, to, width);
  const atRisk = new Set(jobs.filter((job) => job.atRisk).map((job) => job.jobLineId));
  const byUnit = new Map<string, GanttOperation[]>();
  for (const operation of operations) byUnit.set(operation.unit, [...(byUnit.get(operation.unit) ?? []), operation]);
  const rows: GanttRowLayout[] = [...byUnit].map(([unit, unitOperations]) => {
    const { lanes, count } = assignLanes(unitOperations.map((operation) => ({ start: Date.parse(operation.start), end: Date.parse(operation.end) })));
    const bars = unitOperations.map((operation, index) => {
      const left = x(Date.parse(operation.start));
      const right = x(Date.parse(operation.end));
      return { operation, x: left, width: Math.max(right - left, minBarWidth), lane: lanes[index], atRisk: atRisk.has(operation.jobLineId) };
    });
    return { unit, machineId: unitOperations[0].machineId, unitNumber: unitNumber(unit), machineClass: unitOperations[0].machineClass, lanes: count, y: 0, height: count * laneHeight, bars };
  });
  rows.sort(compareUnits);
  let y = 0;
  for (const row of rows) {
    row.y = y;
    y += row.height + rowGap;
  }
  const dueMarkers = jobs
    .filter((job) => job.atRisk && operations.some((operation) => operation.jobLineId === job.jobLineId))
    .map((job) => ({ jobLineId: job.jobLineId, time: Date.parse(job.dueDate) }))
    .filter(({ time }) => time >= from && time <= to)
    .map(({ jobLineId, time }) => ({ jobLineId, x: x(time) }));
  return {
    from,
    to,
    width,
    height: Math.max(y - rowGap, laneHeight),
    rows,
    ticks: ticks(from, to, x),
    nowX: now >= from && now <= to ? x(now) : null,
    dueMarkers,
  };
}

function startOfDay(time: number): number {
  return Math.floor(time / DAY) * DAY;
}
