import { createRandom, type JobSpec, type MachineSpec, type SchedulingProblem } from '@partsmith/scheduling';

const CLASSES = ['mill-3axis', 'mill-5axis', 'lathe', 'deburr', 'inspection'];
/** 10 machines: 3 three-axis mills, 2 five-axis mills, 2 lathes, 2 deburr benches, 1 CMM. */
const FLEET: Array<[string, number]> = [
  ['mill-3axis', 3],
  ['mill-5axis', 2],
  ['lathe', 2],
  ['deburr', 2],
  ['inspection', 1],
];

/**
 * A machine shop of 10 machines on two shifts (Mon–Fri 06:00–22:00, Europe/Berlin, a holiday and a service
 * window), with jobs of 3–6 operations, releases over the first two weeks and due dates from the job's work
 * times a tightness factor — roughly `operations` operations in total.
 */
export function factoryProblem(operations: number, seed: number, timeLimitMs: number): SchedulingProblem {
  const rng = createRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const calendar = {
    timeZone: 'Europe/Berlin',
    shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri'>, from: '06:00', to: '22:00' }],
    holidays: ['2025-04-18', '2025-04-21'],
  };
  const machines: MachineSpec[] = [];
  for (const [cls, count] of FLEET) {
    for (let k = 1; k <= count; k++) {
      machines.push({
        id: `${cls}-${k}`,
        class: cls,
        ...(cls === 'mill-3axis' && k === 1 ? { calendar: { ...calendar, downtime: [{ from: '2025-03-05T08:00:00Z', to: '2025-03-05T16:00:00Z', reason: 'spindle service' }] } } : {}),
      });
    }
  }
  const jobs: JobSpec[] = [];
  let total = 0;
  const horizonDays = Math.max(5, operations / 25);
  while (total < operations) {
    const n = Math.min(int(3, 6), operations - total);
    const ops = [];
    const first = rng() < 0.6 ? CLASSES[int(0, 1)] : 'lathe';
    ops.push({ machineClass: first, setup: int(15, 90), run: int(60, 600) });
    for (let k = 1; k < n - 1; k++) ops.push({ machineClass: CLASSES[int(0, 3)], setup: int(0, 30), run: int(20, 240) });
    if (n > 1) ops.push({ machineClass: 'inspection', duration: int(10, 60) });
    const work = ops.reduce((s, o) => s + ('duration' in o ? (o.duration as number) : o.setup + o.run), 0);
    const release = int(0, Math.round(horizonDays * 0.6)) * 24 * 60;
    // Due: release plus the work stretched by the two-shift calendar and queueing (1.5–4×, in calendar minutes).
    const due = release + Math.round(work * (1.5 + rng() * 2.5) * 1.5) + 24 * 60;
    jobs.push({ id: `JL-${1000 + jobs.length}`, release, due, weight: int(1, 5), operations: ops });
    total += n;
  }
  return { start: '2025-03-03T05:00:00Z', calendar, machines, jobs, objective: 'weighted-tardiness', timeLimitMs };
}

/** A Taillard-style job shop: every job visits every machine once in random order, durations 1–99. */
export function jobShopProblem(jobsCount: number, machinesCount: number, seed: number, timeLimitMs: number): SchedulingProblem {
  const rng = createRandom(seed);
  const jobs: JobSpec[] = [];
  for (let j = 0; j < jobsCount; j++) {
    const order = Array.from({ length: machinesCount }, (_, m) => m);
    for (let i = order.length - 1; i > 0; i--) {
      const x = Math.floor(rng() * (i + 1));
      [order[i], order[x]] = [order[x], order[i]];
    }
    jobs.push({ id: j, operations: order.map((m) => ({ machine: m, duration: 1 + Math.floor(rng() * 99) })) });
  }
  return { machines: Array.from({ length: machinesCount }, (_, id) => ({ id })), jobs, objective: 'makespan', timeLimitMs };
}

/** A prospective job for insertion queries on the factory. */
export function prospectiveJob(seed: number): JobSpec {
  const rng = createRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  return {
    id: `Q-${seed}`,
    due: int(3, 20) * 24 * 60,
    operations: [
      { machineClass: CLASSES[int(0, 2)], setup: int(15, 60), run: int(60, 480) },
      { machineClass: 'deburr', duration: int(15, 90) },
      { machineClass: 'inspection', duration: int(10, 45) },
    ],
  };
}
