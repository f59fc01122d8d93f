import { solveSchedule, validateSchedule, type CalendarSpec, type OperationSpec, type SchedulingProblem } from './index';

const WEEKDAYS: CalendarSpec['shifts'] = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '16:00' }];

/** One operation on one machine with the given calendar; returns [start, end] in minutes after `start`. */
function placeOne(start: string, calendar: CalendarSpec, op: Omit<OperationSpec, 'machine'>, release?: string): [number, number] {
  const problem: SchedulingProblem = { start, machines: [{ id: 'M', calendar }], jobs: [{ id: 'J', release, operations: [{ machine: 'M', ...op }] }] };
  const schedule = solveSchedule(problem, { timeLimitMs: 500 });
  expect(validateSchedule(problem, schedule)).toEqual([]);
  return [schedule.operations[0].start, schedule.operations[0].end];
}

const HOUR = 60;

describe('working calendars (hand-checked)', () => {
  it('pauses a run over the night and the weekend: Friday 14:00 + 4 h of work ends Monday 10:00', () => {
    // Fri 14:00–16:00 (2 h), Mon 08:00–10:00 (2 h); Mon 10:00 is 68 h after Fri 14:00.
    expect(placeOne('2025-03-07T14:00:00Z', { shifts: WEEKDAYS }, { duration: 240 })).toEqual([0, 68 * HOUR]);
  });

  it('never splits a setup: a 3 h setup on Friday 14:00 waits for Monday 08:00', () => {
    expect(placeOne('2025-03-07T14:00:00Z', { shifts: WEEKDAYS }, { setup: 180, run: 60 })).toEqual([66 * HOUR, 70 * HOUR]);
  });

  it('skips holidays: with Monday off, the run resumes on Tuesday', () => {
    expect(placeOne('2025-03-07T14:00:00Z', { shifts: WEEKDAYS, holidays: ['2025-03-10'] }, { duration: 240 })).toEqual([0, 92 * HOUR]);
  });

  it('works around downtime: Monday 09:00–11:00 service pushes the end to 12:00', () => {
    const calendar = { shifts: WEEKDAYS, downtime: [{ from: '2025-03-10T09:00:00Z', to: '2025-03-10T11:00:00Z' }] };
    expect(placeOne('2025-03-07T14:00:00Z', calendar, { duration: 240 })).toEqual([0, 70 * HOUR]);
  });

  it('reads shifts in the factory time zone, across the switch to summer time', () => {
    const berlin = { timeZone: 'Europe/Berlin', shifts: WEEKDAYS };
    // Winter: 08:00 in Berlin is 07:00 UTC.
    expect(placeOne('2025-03-03T00:00:00Z', berlin, { duration: 60 })).toEqual([7 * HOUR, 8 * HOUR]);
    // Fri 28 Mar 07:00–15:00 UTC (8 h), then after the switch Mon 31 Mar 08:00 Berlin = 06:00 UTC, + 2 h.
    expect(placeOne('2025-03-28T00:00:00Z', berlin, { duration: 600 })).toEqual([7 * HOUR, 80 * HOUR]);
  });

  it('runs overnight shifts into the next day', () => {
    const nights = { shifts: [{ days: ['mon' as const], from: '22:00', to: '06:00' }] };
    // Monday 3 March 2025 22:00 UTC is 22 h after the start; 8 h of work end Tuesday 06:00.
    expect(placeOne('2025-03-03T00:00:00Z', nights, { duration: 480 })).toEqual([22 * HOUR, 30 * HOUR]);
  });

  it('respects a release date given as a date-time', () => {
    expect(placeOne('2025-03-03T00:00:00Z', { shifts: WEEKDAYS }, { duration: 60 }, '2025-03-03T15:30:00Z')).toEqual([15.5 * HOUR, 24 * HOUR + 8 * HOUR + 30]);
  });
});

describe('frozen operations', () => {
  it('keep their place and block the machine for everything else', () => {
    const problem: SchedulingProblem = {
      machines: [{ id: 'M' }],
      jobs: [
        { id: 'A', operations: [{ machine: 'M', duration: 5, frozen: { machine: 'M', start: 3, end: 8 } }, { machine: 'M', duration: 2 }] },
        { id: 'B', operations: [{ machine: 'M', duration: 4 }] },
      ],
    };
    const schedule = solveSchedule(problem, { timeLimitMs: 300 });
    expect(validateSchedule(problem, schedule)).toEqual([]);
    const at = (job: string, index: number) => schedule.operations.find((o) => o.job === job && o.index === index)!;
    expect([at('A', 0).start, at('A', 0).end]).toEqual([3, 8]);
    // B (4 units) does not fit before the frozen operation at 3; it goes after it.
    expect(at('B', 0).start).toBeGreaterThanOrEqual(8);
    expect(schedule.makespan).toBe(14);
  });
});
