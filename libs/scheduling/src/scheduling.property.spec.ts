import fc from 'fast-check';
import { compareObjective } from './evaluate';
import { createInsertionPlan, insertJob, solveSchedule, validateSchedule, type JobSpec, type MachineSpec, type Schedule, type SchedulingProblem } from './index';
import { createRandom } from './random';

const START = '2025-03-03T00:00:00Z';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Shape {
  calendars: boolean;
  classes: boolean;
  frozen: boolean;
}

/** A random small factory: machines (maybe pooled, maybe with shifts, holidays, downtime), jobs with routings, started work. */
function randomProblem(seed: number, shape: Shape): SchedulingProblem {
  const rng = createRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const scale = shape.calendars ? 60 : 1;
  const machines: MachineSpec[] = [];
  for (let m = 0; m < int(1, 3); m++) {
    const machine: MachineSpec = { id: `M${m}` };
    if (shape.classes) {
      machine.class = `c${int(0, 1)}`;
      machine.count = int(1, 2);
    }
    if (shape.calendars) {
      const from = int(5, 10);
      machine.calendar = {
        timeZone: rng() < 0.5 ? 'UTC' : 'America/Chicago',
        shifts: [{ days: DAYS.filter(() => rng() < 0.7).concat(['wed']), from: `${String(from).padStart(2, '0')}:00`, to: `${String(from + int(4, 12)).padStart(2, '0')}:30` }],
        holidays: rng() < 0.5 ? ['2025-03-04'] : [],
        downtime: rng() < 0.5 ? [{ from: int(0, 3000), to: int(3001, 4000) }] : [],
      };
    }
    machines.push(machine);
  }
  const classes = [...new Set(machines.map((m) => m.class).filter((c): c is string => c !== undefined))];
  const jobs: JobSpec[] = [];
  const cursor = new Map<string, number>();
  for (let j = 0; j < int(1, 4); j++) {
    const release = int(0, 5) * scale;
    const job: JobSpec = { id: `J${j}`, release, due: release + int(0, 30) * scale, weight: int(0, 3), operations: [] };
    for (let k = 0; k < int(1, 3); k++) {
      const machine = machines[int(0, machines.length - 1)];
      const duration = int(0, 8) * scale;
      const op = shape.classes && classes.length > 0 && rng() < 0.6 ? { machineClass: classes[int(0, classes.length - 1)], duration } : { machine: machine.id, duration };
      if (shape.calendars && duration > 0 && rng() < 0.5) Object.assign(op, { setup: Math.min(duration, int(1, 3) * 20) });
      job.operations.push(op);
    }
    // Started work: the first operation, already running on a unit that can run it.
    if (shape.frozen && rng() < 0.4) {
      const first = job.operations[0];
      const candidates = machines.filter((m) => ('machine' in first ? m.id === first.machine : m.class === first.machineClass));
      const m = candidates[0];
      const unit = (m.count ?? 1) > 1 ? `${m.id}#1` : String(m.id);
      const start = cursor.get(unit) ?? -int(0, 3) * scale;
      const end = start + (first.duration ?? 0) + int(0, 2) * scale;
      cursor.set(unit, end + int(0, 2) * scale);
      first.frozen = { machine: unit, start, end };
    }
    jobs.push(job);
  }
  return { ...(shape.calendars ? { start: START } : {}), machines, jobs, objective: rng() < 0.7 ? 'weighted-tardiness' : 'makespan' };
}

const shapes = fc.record({ calendars: fc.boolean(), classes: fc.boolean(), frozen: fc.boolean() });
const solve = (problem: SchedulingProblem, seed = 1): Schedule => solveSchedule(problem, { seed, timeLimitMs: 5000, maxIterations: 150 });

describe('scheduling properties', () => {
  it('every schedule passes validateSchedule, and the local search never worsens the dispatching schedule', () => {
    fc.assert(
      fc.property(fc.nat(), shapes, (seed, shape) => {
        const problem = randomProblem(seed, shape);
        const schedule = solve(problem, seed);
        expect(validateSchedule(problem, schedule)).toEqual([]);
        expect(compareObjective(schedule, schedule.stats.constructive, schedule.objective)).toBeLessThanOrEqual(0);
        for (const op of schedule.operations) {
          const spec = problem.jobs.find((j) => j.id === op.job)!.operations[op.index];
          if (spec.frozen) expect([op.machine, op.start, op.end]).toEqual([spec.frozen.machine, spec.frozen.start, spec.frozen.end]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic for a seed and an iteration budget', () => {
    fc.assert(
      fc.property(fc.nat(), shapes, (seed, shape) => {
        const problem = randomProblem(seed, shape);
        expect(solve(problem, 7).operations).toEqual(solve(problem, 7).operations);
      }),
      { numRuns: 30 },
    );
  });

  it('inserting a job moves nothing and completes exactly when a re-plan with the plan frozen does', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), shapes, (seed, jobSeed, shape) => {
        const problem = randomProblem(seed, shape);
        const plan = solve(problem);
        const before = JSON.stringify(plan.operations);
        // The prospective job: a routing drawn from another random problem on these machines.
        const donor = randomProblem(jobSeed, shape);
        const prospective: JobSpec = { ...donor.jobs[0], id: 'NEW', operations: donor.jobs[0].operations.map(({ frozen: _f, ...op }) => op) };
        for (const op of prospective.operations) {
          const known = problem.machines.some((m) => m.id === op.machine || (op.machineClass !== undefined && m.class === op.machineClass));
          if (!known) {
            delete op.machineClass;
            op.machine = problem.machines[0].id;
          }
          if (problem.start === undefined) delete op.setup;
        }
        if (problem.start === undefined) prospective.operations.forEach((op) => (op.duration = Math.round((op.duration ?? 0) / 60)));
        const extended: SchedulingProblem = { ...problem, jobs: [...problem.jobs, prospective] };

        const result = insertJob(createInsertionPlan(problem, plan), prospective);
        expect(JSON.stringify(plan.operations)).toBe(before);
        expect(validateSchedule(extended, { operations: [...plan.operations, ...result.operations] })).toEqual([]);
        expect(result.completion).toBe(result.operations[result.operations.length - 1].end);

        const frozenPlan: SchedulingProblem = {
          ...extended,
          jobs: [
            ...problem.jobs.map((job) => ({
              ...job,
              operations: job.operations.map((op, index) => {
                const placed = plan.operations.find((o) => o.job === job.id && o.index === index)!;
                return { ...op, frozen: { machine: placed.machine, start: placed.start, end: placed.end } };
              }),
            })),
            prospective,
          ],
        };
        const replanned = solve(frozenPlan);
        expect(validateSchedule(frozenPlan, replanned)).toEqual([]);
        expect(replanned.jobs.find((j) => j.job === 'NEW')!.completion).toBe(result.completion);
      }),
      { numRuns: 100 },
    );
  });

  it('reaches zero weighted tardiness whenever an on-time schedule exists (brute force, ≤ 6 operations)', () => {
    let onTimeInstances = 0;
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const problem = randomProblem(seed, { calendars: false, classes: false, frozen: false });
        const ops = problem.jobs.reduce((s, j) => s + j.operations.length, 0);
        fc.pre(ops <= 6);
        const optimum = bruteForce(problem);
        const schedule = solve({ ...problem, objective: 'weighted-tardiness' }, seed);
        expect(schedule.weightedTardiness).toBeGreaterThanOrEqual(optimum.weightedTardiness);
        if (optimum.weightedTardiness === 0) {
          onTimeInstances++;
          expect(schedule.weightedTardiness).toBe(0);
        }
        const shortest = solve({ ...problem, objective: 'makespan' }, seed);
        expect(shortest.makespan).toBeGreaterThanOrEqual(optimum.makespan);
      }),
      { numRuns: 200 },
    );
    expect(onTimeInstances).toBeGreaterThan(20);
  });
});

/**
 * Every order of the operations on every machine, each scheduled semi-actively (as early as its order
 * allows) — written independently of the solver's evaluator. Returns the best weighted tardiness and the
 * best makespan over all acyclic orders.
 */
function bruteForce(problem: SchedulingProblem): { weightedTardiness: number; makespan: number } {
  type Op = { job: number; k: number; machine: string; dur: number };
  const ops: Op[] = problem.jobs.flatMap((job, j) => job.operations.map((o, k) => ({ job: j, k, machine: String(o.machine), dur: o.duration ?? 0 })));
  const machines = [...new Set(ops.map((o) => o.machine))];
  const byMachine = machines.map((m) => ops.map((o, i) => (o.machine === m ? i : -1)).filter((i) => i >= 0));
  const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
  const options = byMachine.map(perms);
  let best = { weightedTardiness: Infinity, makespan: Infinity };
  const choice: number[][] = [];
  const visit = (m: number) => {
    if (m === options.length) {
      const start = new Array<number>(ops.length).fill(0);
      const end = (i: number) => start[i] + ops[i].dur;
      let changed = true;
      for (let pass = 0; pass <= ops.length + 1 && changed; pass++) {
        changed = false;
        ops.forEach((o, i) => {
          let t = Math.max(0, Number(problem.jobs[o.job].release ?? 0));
          if (o.k > 0) t = Math.max(t, end(i - 1));
          for (const seq of choice) {
            const at = seq.indexOf(i);
            if (at > 0) t = Math.max(t, end(seq[at - 1]));
          }
          if (t !== start[i]) {
            start[i] = t;
            changed = true;
          }
        });
        if (pass === ops.length + 1 && changed) return; // cyclic order
      }
      if (changed) return;
      let wt = 0;
      let cmax = 0;
      problem.jobs.forEach((job, j) => {
        const last = ops.findIndex((o) => o.job === j && o.k === job.operations.length - 1);
        cmax = Math.max(cmax, end(last));
        wt += (job.weight ?? 1) * Math.max(0, end(last) - Number(job.due));
      });
      best = { weightedTardiness: Math.min(best.weightedTardiness, wt), makespan: Math.min(best.makespan, cmax) };
      return;
    }
    for (const seq of options[m]) {
      choice.push(seq);
      visit(m + 1);
      choice.pop();
    }
  };
  visit(0);
  return best;
}
