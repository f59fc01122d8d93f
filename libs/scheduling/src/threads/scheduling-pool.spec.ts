import { createRandom } from '../random';
import { SchedulingProblemError } from '../scheduling.errors';
import type { SchedulingProblem } from '../scheduling.types';
import { solveSchedule } from '../solve';
import { SchedulingPool } from './scheduling-pool';

/** A seeded random job shop: every job visits every machine once, in a random order. */
function jobShop(jobs: number, machines: number, seed: number): SchedulingProblem {
  const random = createRandom(seed);
  return {
    machines: Array.from({ length: machines }, (_, m) => ({ id: `M${m}` })),
    jobs: Array.from({ length: jobs }, (_, j) => {
      const order = Array.from({ length: machines }, (_, m) => m).sort(() => random() - 0.5);
      return { id: `J${j}`, operations: order.map((m) => ({ machine: `M${m}`, duration: 1 + Math.floor(random() * 99) })) };
    }),
    objective: 'makespan',
  };
}

describe('SchedulingPool (worker threads)', () => {
  const pool = new SchedulingPool({ size: 1 });
  afterAll(() => pool.close());

  it('solves off the calling thread: the event loop keeps ticking during the solve, and the plan is the in-process one', async () => {
    const problem = jobShop(30, 10, 7);
    // An iteration budget, not the clock, ends both solves: the same plan wherever it runs.
    const options = { seed: 3, maxIterations: 3_000, timeLimitMs: 600_000 };
    await pool.solve(jobShop(3, 2, 1), options); // the thread is up and has loaded the library

    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    try {
      const direct = solveSchedule(problem, options);
      const ticksDuringDirect = ticks; // in-process, nothing else ran until it returned
      const threaded = await pool.solve(problem, options);
      const ticksDuringThreaded = ticks - ticksDuringDirect;

      expect(ticksDuringDirect).toBe(0);
      // The loop turned while the thread solved (it cannot while solving in-process). How often depends on how
      // much of a core this thread gets: a fresh-clone npm test on a loaded 2-core machine saw only 2 turns.
      expect(ticksDuringThreaded).toBeGreaterThanOrEqual(1);
      expect(threaded.makespan).toBe(direct.makespan);
      expect(threaded.operations).toEqual(direct.operations);
    } finally {
      clearInterval(timer);
    }
  });

  it('rejects a bad problem with the same typed error', async () => {
    const bad = { machines: [{ id: 'M1' }], jobs: [{ id: 'J1', operations: [{ machine: 'M9', duration: 5 }] }], objective: 'makespan' } as SchedulingProblem;
    const error = await pool.solve(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchedulingProblemError);
    expect((error as SchedulingProblemError).code).toBe('UNKNOWN_MACHINE');
    await expect(pool.solve(jobShop(3, 2, 1), { seed: 1, maxIterations: 10 })).resolves.toMatchObject({ status: expect.any(String) });
  });
});
