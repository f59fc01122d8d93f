import { SchedulingProblemError } from './scheduling.errors';
import type { ShiftSpec, Weekday } from './scheduling.types';

/**
 * A machine's working time as sorted, disjoint, merged windows [start, end) in minutes after time 0,
 * generated lazily four weeks at a time (the schedule's length is not known up front).
 *
 * Operation model (documented in the README): the setup must fit in one working window starting at the
 * operation's start; the run may pause over non-working time and resume at the next window, the machine
 * staying held meanwhile. So an operation occupies [start, end) where end is the instant its last working
 * minute completes.
 */
export class WorkingCalendar {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Working minutes before window i. */
  private readonly cum: number[] = [];
  private generatedUntil = 0;

  constructor(
    private readonly generate: (from: number, to: number) => Array<[number, number]>,
    private readonly label: string,
    private readonly chunk = 28 * 24 * 60,
  ) {}

  /** Earliest s ≥ t at which an operation with this setup can start (0-length operations start anywhere). */
  earliestStart(t: number, setup: number, duration: number): number {
    if (duration <= 0) return t;
    const need = Math.max(setup, 1);
    for (;;) {
      const i = this.windowEndingAfter(t);
      while (this.ends[i] === this.generatedUntil) this.extend(t);
      const s = Math.max(t, this.starts[i]);
      if (this.ends[i] - s >= need) return s;
      t = this.ends[i];
    }
  }

  /** End of an operation of `duration` working minutes started at s (s must be working time). */
  finish(s: number, duration: number): number {
    if (duration <= 0) return s;
    const i = this.windowEndingAfter(s);
    const target = this.cum[i] + (Math.max(s, this.starts[i]) - this.starts[i]) + duration;
    while (this.totalWorking() < target) this.extend(s);
    let lo = i;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] + this.ends[mid] - this.starts[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.starts[lo] + (target - this.cum[lo]);
  }

  /** Working minutes in [a, b). */
  workingMinutes(a: number, b: number): number {
    if (b <= a) return 0;
    return this.workingBefore(b) - this.workingBefore(a);
  }

  /** Whether t lies inside a working window, and how much of that window remains. */
  windowAt(t: number): { open: boolean; remaining: number } {
    const i = this.windowEndingAfter(t);
    while (this.ends[i] === this.generatedUntil) this.extend(t);
    return this.starts[i] <= t ? { open: true, remaining: this.ends[i] - t } : { open: false, remaining: 0 };
  }

  /** Longest window starting before `until` (generates up to there). */
  longestWindow(until: number): number {
    while (this.generatedUntil <= until) this.extend(until);
    let longest = 0;
    for (let i = 0; i < this.starts.length && this.starts[i] < until; i++) longest = Math.max(longest, this.ends[i] - this.starts[i]);
    return longest;
  }

  private workingBefore(t: number): number {
    while (this.generatedUntil <= t) this.extend(t);
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const k = lo - 1;
    return this.cum[k] + Math.min(t, this.ends[k]) - this.starts[k];
  }

  private totalWorking(): number {
    const n = this.starts.length;
    return n === 0 ? 0 : this.cum[n - 1] + this.ends[n - 1] - this.starts[n - 1];
  }

  /** Index of the first window whose end is after t, generating as needed. */
  private windowEndingAfter(t: number): number {
    for (;;) {
      const n = this.ends.length;
      if (n > 0 && this.ends[n - 1] > t) {
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (this.ends[mid] > t) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      }
      this.extend(t);
    }
  }

  private extend(near: number): void {
    const from = this.generatedUntil;
    const to = from + this.chunk;
    if (from > Math.max(near, 0) + 5 * 366 * 24 * 60) {
      throw new SchedulingProblemError('NO_WORKING_TIME', `${this.label} has no working time in the five years after minute ${near}; check its shifts, holidays and downtime`);
    }
    for (const [s, e] of this.generate(from, to)) {
      const n = this.starts.length;
      if (n > 0 && this.ends[n - 1] >= s) {
        this.ends[n - 1] = Math.max(this.ends[n - 1], e);
      } else {
        this.cum.push(this.totalWorking());
        this.starts.push(s);
        this.ends.push(e);
      }
    }
    this.generatedUntil = to;
  }
}

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 24 * 60 * 60 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset (local − UTC) of a time zone at a UTC instant, in ms. */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC') return 0;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return local - Math.floor(utcMs / 1000) * 1000;
}

/** UTC instant of a local wall-clock time (localMs = that wall-clock time read as if it were UTC). */
export function zonedToUtc(timeZone: string, localMs: number): number {
  const first = localMs - zoneOffsetMs(timeZone, localMs);
  const second = localMs - zoneOffsetMs(timeZone, first);
  return second;
}

export function localDateKey(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 10);
}

export interface CalendarRules {
  timeZone: string;
  /** null: open around the clock. */
  shifts: Array<{ days: Set<Weekday>; fromMin: number; toMin: number }> | null;
  holidays: Set<string>;
  /** Downtime in minutes after time 0, sorted. */
  downtime: Array<[number, number]>;
}

export function parseClock(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

export function compileShifts(shifts: ShiftSpec[]): CalendarRules['shifts'] {
  return shifts.map((s) => ({ days: new Set(s.days), fromMin: parseClock(s.from) as number, toMin: parseClock(s.to) as number }));
}

/** Builds the window generator of a calendar: shifts in local time, minus holidays and downtime, in minutes after `originMs`. */
export function calendarGenerator(rules: CalendarRules, originMs: number): (from: number, to: number) => Array<[number, number]> {
  return (from, to) => {
    const raw: Array<[number, number]> = [];
    if (rules.shifts === null) {
      raw.push([from, to]);
    } else {
      const fromMs = originMs + from * 60000;
      const toMs = originMs + to * 60000;
      // Local calendar days covering [from, to), one day of margin on each side for overnight shifts and offsets.
      const firstLocal = Math.floor((fromMs + zoneOffsetMs(rules.timeZone, fromMs)) / DAY_MS) * DAY_MS - DAY_MS;
      const lastLocal = Math.floor((toMs + zoneOffsetMs(rules.timeZone, toMs)) / DAY_MS) * DAY_MS + DAY_MS;
      for (let day = firstLocal; day <= lastLocal; day += DAY_MS) {
        const weekday = WEEKDAYS[new Date(day).getUTCDay()];
        if (rules.holidays.has(localDateKey(day))) continue;
        for (const shift of rules.shifts) {
          if (!shift.days.has(weekday)) continue;
          const endLocal = day + (shift.toMin > shift.fromMin ? shift.toMin : shift.toMin + 24 * 60) * 60000;
          const s = Math.ceil((zonedToUtc(rules.timeZone, day + shift.fromMin * 60000) - originMs) / 60000);
          const e = Math.floor((zonedToUtc(rules.timeZone, endLocal) - originMs) / 60000);
          const cs = Math.max(s, from);
          const ce = Math.min(e, to);
          if (ce > cs) raw.push([cs, ce]);
        }
      }
    }
    raw.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [s, e] of raw) {
      const last = merged[merged.length - 1];
      if (last && last[1] >= s) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    return subtract(merged, rules.downtime);
  };
}

function subtract(windows: Array<[number, number]>, holes: Array<[number, number]>): Array<[number, number]> {
  if (holes.length === 0) return windows;
  const out: Array<[number, number]> = [];
  for (const [ws, we] of windows) {
    let s = ws;
    for (const [hs, he] of holes) {
      if (he <= s || hs >= we) continue;
      if (hs > s) out.push([s, hs]);
      s = Math.max(s, he);
      if (s >= we) break;
    }
    if (s < we) out.push([s, we]);
  }
  return out;
}
