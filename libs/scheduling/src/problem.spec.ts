import { isSchedulingProblemError, solveSchedule, validateSchedule, type SchedulingProblem } from './index';

function errorOf(problem: unknown): { code: string; message: string } {
  try {
    solveSchedule(problem as SchedulingProblem, { timeLimitMs: 50 });
  } catch (error) {
    if (isSchedulingProblemError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the problem was accepted');
}

const base = (jobs: unknown[], extra: object = {}) => ({ machines: [{ id: 'mill-1', class: 'mill' }, { id: 'cmm' }], jobs, ...extra });

describe('bad problems get one typed error that names the thing', () => {
  it.each([
    [base([{ id: 'J7', operations: [{ machine: 'mill-1', duration: 5 }, { machineClass: 'lathe', duration: 3 }] }]), 'UNKNOWN_MACHINE_CLASS', "job J7 operations[1] needs machine class 'lathe' but no machine has it"],
    [base([{ id: 'J1', operations: [{ machine: 'saw', duration: 5 }] }]), 'UNKNOWN_MACHINE', 'job J1 operations[0] needs machine "saw" but there is no machine with that id'],
    [base([{ id: 'J1', operations: [{ machine: 'cmm', duration: -5 }] }]), 'INVALID_DURATION', 'job J1 operations[0] has duration -5; durations must be non-negative integers'],
    [base([{ id: 'J1', operations: [{ machine: 'cmm' }] }]), 'INVALID_DURATION', 'job J1 operations[0] has no "duration" (or "setup"/"run")'],
    [base([{ id: 'J1', release: 10, due: 5, operations: [{ machine: 'cmm', duration: 1 }] }]), 'DUE_BEFORE_RELEASE', 'job J1 is due (5) before it is released (10)'],
    [base([{ id: 'J1', operations: [] }]), 'INVALID_PROBLEM', 'job J1 needs a non-empty "operations" array'],
    [base([{ id: 'J1', operations: [{ machine: 'cmm', duration: 1 }] }, { id: 'J1', operations: [{ machine: 'cmm', duration: 1 }] }]), 'DUPLICATE_ID', 'two jobs have the id "J1"; job ids must be unique'],
    [
      base([{ id: 'J1', operations: [{ machine: 'cmm', duration: 1 }, { machine: 'cmm', duration: 1, frozen: { machine: 'cmm', start: 0, end: 1 } }] }]),
      'INVALID_FROZEN',
      'job J1 operations[1] is frozen but an operation before it is not; only a job\'s first operations can have started',
    ],
    [{ ...base([]), start: '2025-03-03T00:00:00Z', calendar: { shifts: [] } }, 'NO_WORKING_TIME', 'the default calendar has no working time: "shifts" is empty (leave it out for a machine that is always open)'],
    [{ ...base([]), calendar: { shifts: [{ days: ['mon'], from: '08:00', to: '16:00' }] } }, 'INVALID_CALENDAR', 'machine mill-1 has a calendar but the problem has no "start" (the ISO date-time of time 0) to place it in'],
    [{ ...base([]), start: '2025-03-03T00:00:00Z', calendar: { timeZone: 'Mars/Olympus', shifts: [{ days: ['mon'], from: '08:00', to: '16:00' }] } }, 'INVALID_CALENDAR', 'the default calendar: unknown time zone "Mars/Olympus"; use an IANA name such as "Europe/Berlin"'],
    [
      { ...base([{ id: 'J1', operations: [{ machine: 'cmm', setup: 600, run: 5 }] }]), start: '2025-03-03T00:00:00Z', calendar: { shifts: [{ days: ['mon', 'tue'], from: '08:00', to: '16:00' }] } },
      'SETUP_TOO_LONG',
      'job J1 operations[0] needs a 600-minute setup but the longest working stretch of its machines is 480 minutes; setups cannot pause',
    ],
    [base([{ id: 'J1', due: '2025-03-03', operations: [{ machine: 'cmm', duration: 1 }] }]), 'INVALID_TIME', 'job J1 due date is a date (2025-03-03) but the problem has no "start" to count from; add "start" or give an integer'],
    [{ machines: [], jobs: [] }, 'INVALID_PROBLEM', 'the problem needs a non-empty "machines" array'],
    ['not an object', 'INVALID_PROBLEM', 'the problem must be a JSON object with "machines" and "jobs"'],
  ])('%#: %s', (problem, code, message) => {
    expect(errorOf(problem)).toEqual({ code, message });
  });

  it('lets a setup use only the machines of its class whose shifts are long enough', () => {
    const problem: SchedulingProblem = {
      start: '2025-03-03T00:00:00Z',
      machines: [
        { id: 'short', class: 'mill', calendar: { shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' }] } },
        { id: 'long', class: 'mill', calendar: { shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }] } },
      ],
      jobs: [{ id: 'J', operations: [{ machineClass: 'mill', setup: 300, run: 10 }] }],
    };
    const schedule = solveSchedule(problem, { timeLimitMs: 100 });
    expect(schedule.operations[0].machine).toBe('long');
    expect(validateSchedule(problem, schedule)).toEqual([]);
  });
});

describe('validateSchedule', () => {
  const problem: SchedulingProblem = {
    start: '2025-03-03T00:00:00Z',
    machines: [{ id: 'M', calendar: { shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '16:00' }] } }, { id: 'N' }],
    jobs: [
      { id: 'A', release: 500, operations: [{ machine: 'M', setup: 60, run: 60 }, { machine: 'N', duration: 30 }] },
      { id: 'B', operations: [{ machine: 'M', duration: 60, frozen: { machine: 'M', start: 480, end: 540 } }] },
    ],
  };
  const valid = () => [
    { job: 'A', index: 0, machine: 'M', start: 540, end: 660 },
    { job: 'A', index: 1, machine: 'N', start: 660, end: 690 },
    { job: 'B', index: 0, machine: 'M', start: 480, end: 540 },
  ];

  it('accepts a valid schedule', () => {
    expect(validateSchedule(problem, { operations: valid() })).toEqual([]);
  });

  it.each([
    ['overlap', (ops: ReturnType<typeof valid>) => ((ops[0].start = 520), (ops[0].end = 640)), ['overlap']],
    ['precedence', (ops: ReturnType<typeof valid>) => ((ops[1].start = 600), (ops[1].end = 630)), ['precedence']],
    ['outside working time', (ops: ReturnType<typeof valid>) => ((ops[0].start = 1000), (ops[0].end = 1120)), ['outside-working-time', 'precedence']],
    ['interrupted setup', (ops: ReturnType<typeof valid>) => ((ops[0].start = 930), (ops[0].end = 1440 + 480 + 90)), ['setup-interrupted', 'precedence']],
    ['wrong duration', (ops: ReturnType<typeof valid>) => (ops[0].end = 650), ['wrong-duration']],
    ['frozen moved', (ops: ReturnType<typeof valid>) => ((ops[2].start = 700), (ops[2].end = 760)), ['frozen-moved']],
    ['wrong machine', (ops: ReturnType<typeof valid>) => (ops[1].machine = 'M'), ['wrong-machine']],
    ['missing operation', (ops: ReturnType<typeof valid>) => ops.pop(), ['missing-operation']],
  ])('flags %s', (_name, breakIt, codes) => {
    const ops = valid();
    breakIt(ops);
    expect(validateSchedule(problem, { operations: ops }).map((v) => v.code).sort()).toEqual([...codes].sort());
  });

  it('flags stated objective values that the operations do not give', () => {
    expect(validateSchedule(problem, { operations: valid(), makespan: 600, weightedTardiness: 0 }).map((v) => v.code)).toEqual(['objective-mismatch']);
  });
});

describe('plain job shop', () => {
  // Fisher & Thompson ft06: 6 jobs × 6 machines, optimal makespan 55.
  const ft06 = [
    [2, 1, 0, 3, 1, 6, 3, 7, 5, 3, 4, 6],
    [1, 8, 2, 5, 4, 10, 5, 10, 0, 10, 3, 4],
    [2, 5, 3, 4, 5, 8, 0, 9, 1, 1, 4, 7],
    [1, 5, 0, 5, 2, 5, 3, 3, 4, 8, 5, 9],
    [2, 9, 1, 3, 4, 5, 5, 4, 0, 3, 3, 1],
    [1, 3, 3, 3, 5, 9, 0, 10, 4, 4, 2, 1],
  ];
  const problem: SchedulingProblem = {
    machines: [0, 1, 2, 3, 4, 5].map((id) => ({ id })),
    jobs: ft06.map((row, id) => ({ id, operations: row.flatMap((v, k) => (k % 2 === 0 ? [{ machine: v, duration: row[k + 1] }] : [])) })),
    objective: 'makespan',
  };

  it('finds the optimal makespan of ft06 (55), far below the dispatching rules', () => {
    const schedule = solveSchedule(problem, { timeLimitMs: 10_000, seed: 3 });
    expect(validateSchedule(problem, schedule)).toEqual([]);
    expect(schedule.makespan).toBe(55);
    expect(schedule.stats.constructive.makespan).toBeGreaterThan(55);
    expect(schedule.operations[0]).toEqual({ job: 0, index: 0, machine: 2, start: expect.any(Number), end: expect.any(Number) });
  });

  it('reports optimal when the makespan meets the lower bound', () => {
    const chain: SchedulingProblem = { machines: [{ id: 'a' }, { id: 'b' }], jobs: [{ id: 1, operations: [{ machine: 'a', duration: 4 }, { machine: 'b', duration: 6 }] }, { id: 2, operations: [{ machine: 'b', duration: 2 }] }] };
    const schedule = solveSchedule(chain, { timeLimitMs: 1000 });
    expect(schedule).toMatchObject({ status: 'optimal', makespan: 10, weightedTardiness: 0 });
  });
});
