import fc from 'fast-check';
import { MatchingProblemError } from './matching.errors';
import type { AssignmentOptions, AssignmentProblem, AssignmentResult } from './matching.types';
import { solveAssignment } from './solve';

const smallProblem = fc
  .record({
    m: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 8 }),
    seedTable: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 9 })), { minLength: 24, maxLength: 24 }),
    caps: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ m, n, seedTable, caps }): AssignmentProblem => ({
    factories: Array.from({ length: m }, (_, f) => ({ id: `F${f}`, capacity: caps[f] })),
    jobs: Array.from({ length: n }, (_, j) => ({
      id: `J${j}`,
      options: Array.from({ length: m }, (_, f) => seedTable[(j * 3 + f) % 24])
        .map(([listed, cost, load], f) => ({ listed, factory: `F${f}`, cost, load: load + ((j + f) % 3) }))
        .filter((o) => o.listed)
        .map(({ factory, cost, load }) => ({ factory, cost, load })),
    })),
  }));

function bruteForce(p: AssignmentProblem): number | null {
  let best: number | null = null;
  const used = new Map(p.factories.map((f) => [f.id, 0]));
  const caps = new Map(p.factories.map((f) => [f.id, f.capacity]));
  const go = (j: number, cost: number): void => {
    if (j === p.jobs.length) {
      if (best === null || cost < best) best = cost;
      return;
    }
    for (const o of p.jobs[j].options) {
      const u = used.get(o.factory) as number;
      if (u + o.load > (caps.get(o.factory) as number)) continue;
      used.set(o.factory, u + o.load);
      go(j + 1, cost + o.cost);
      used.set(o.factory, u);
    }
  };
  go(0, 0);
  return best;
}

/** The result, or 'NOT_SOLVED' when the solver honestly gave up (neither an assignment nor a proof). */
async function solveOrNotSolved(p: AssignmentProblem, options: AssignmentOptions): Promise<AssignmentResult | 'NOT_SOLVED'> {
  try {
    return await solveAssignment(p, options);
  } catch (error) {
    if (error instanceof MatchingProblemError && error.code === 'NOT_SOLVED') return 'NOT_SOLVED';
    throw error;
  }
}

function expectFeasible(p: AssignmentProblem, r: AssignmentResult): void {
  expect(r.assignments.map((a) => a.job)).toEqual(p.jobs.map((j) => j.id));
  const load = new Map<string, number>();
  let sum = 0;
  for (const a of r.assignments) {
    const option = p.jobs.find((j) => j.id === a.job)?.options.find((o) => o.factory === a.factory);
    expect(option).toBeDefined();
    sum += option!.cost;
    load.set(a.factory, (load.get(a.factory) ?? 0) + option!.load);
  }
  for (const f of p.factories) expect(load.get(f.id) ?? 0).toBeLessThanOrEqual(f.capacity);
  expect(r.totalCost).toBeCloseTo(sum, 9);
  expect(r.lowerBound).toBeDefined();
  expect(r.lowerBound!).toBeLessThanOrEqual(r.totalCost! + 1e-9);
}

describe('solveAssignment (properties)', () => {
  it('on small instances equals the brute-force optimum, and is infeasible exactly when brute force finds nothing', async () => {
    await fc.assert(
      fc.asyncProperty(smallProblem, async (p) => {
        // Generous: the answer comes once HiGHS has its proof, later on a busy machine.
        const r = await solveAssignment(p, { timeLimitMs: 20_000 });
        const optimum = bruteForce(p);
        if (optimum === null) {
          expect(r.status).toBe('infeasible');
          expect(r.reason).toEqual(expect.any(String));
          expect(r.assignments).toEqual([]);
        } else {
          expect(r.status).toBe('optimal');
          expectFeasible(p, r);
          expect(r.totalCost).toBe(optimum);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('without the MILP, finds an assignment whenever one exists and never claims infeasibility it cannot prove', async () => {
    await fc.assert(
      fc.asyncProperty(smallProblem, async (p) => {
        const optimum = bruteForce(p);
        const r = await solveOrNotSolved(p, { milp: false, maxRounds: 200, timeLimitMs: 1000, feasibilityGraceMs: 1000 });
        if (optimum !== null) {
          expect(r).not.toBe('NOT_SOLVED');
          if (r === 'NOT_SOLVED') return;
          expectFeasible(p, r);
          expect(r.totalCost).toBeGreaterThanOrEqual(optimum);
        } else if (r !== 'NOT_SOLVED') {
          expect(r.status).toBe('infeasible');
          expect(r.reason).toEqual(expect.any(String));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('gives the same answer for the same seed and round budget', async () => {
    const { generateGap } = await import('./generate');
    const p = generateGap('D', 8, 60, 3);
    const a = await solveAssignment(p, { seed: 7, milp: false, maxRounds: 300, timeLimitMs: 60_000 });
    const b = await solveAssignment(p, { seed: 7, milp: false, maxRounds: 300, timeLimitMs: 60_000 });
    expect(a.assignments).toEqual(b.assignments);
    expect(a.totalCost).toBe(b.totalCost);
  });

  it('answers feasibly on every benchmark family, tightened until some have no assignment at all', async () => {
    const { generateGap } = await import('./generate');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('C' as const, 'D' as const, 'E' as const), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.5, max: 1.2, noNaN: true }), async (type, m, n, seed, tightness) => {
        const generated = generateGap(type, m, n, seed);
        const p = { ...generated, factories: generated.factories.map((f) => ({ ...f, capacity: Math.floor(f.capacity * tightness) })) };
        const r = await solveOrNotSolved(p, { milp: false, maxRounds: 2_000, timeLimitMs: 60_000, feasibilityGraceMs: 5_000 });
        // Without HiGHS only the prechecks and the LP relaxation can prove infeasibility; an instance they
        // cannot settle may end NOT_SOLVED, but only when there is indeed no assignment (HiGHS proves it).
        if (r === 'NOT_SOLVED') {
          const exact = await solveAssignment(p, { timeLimitMs: 60_000 });
          expect(exact.status).toBe('infeasible');
          return;
        }
        if (r.status === 'infeasible') expect(r.reason).toEqual(expect.any(String));
        else expectFeasible(p, r);
      }),
      // Each run may take seconds on a loaded machine (a grace search, then HiGHS's proof). Bounded: after 120 s
      // no new runs start (the ones done still count), and a failing run is reported with its seed at once —
      // shrinking would re-run such solves and could outlast jest's timeout, hiding the counterexample. (This
      // test once timed out at 180 s in a fresh-clone npm test; 1,800+ instances drawn afterwards all solved
      // within 2 s, and the cause was not found.)
      { numRuns: 60, interruptAfterTimeLimit: 120_000, endOnFailure: true },
    );
  }, 240_000);

  it('stops within its time limit by its own clock, with a feasible answer', async () => {
    const { generateGap } = await import('./generate');
    // A clock that advances with every reading: a loop that forgot to look at it would never end, and one that
    // looked too rarely would overrun. Deterministic, unlike wall-clock timing on a shared machine.
    let now = 0;
    const clock = jest.spyOn(performance, 'now').mockImplementation(() => (now += 1));
    try {
      for (const type of ['C', 'D', 'E'] as const) {
        const p = generateGap(type, 20, 200, 4);
        const started = now;
        const r = await solveAssignment(p, { milp: false, timeLimitMs: 400 });
        expect(now - started).toBeLessThanOrEqual(400);
        expect(r.stats.elapsedMs).toBeLessThanOrEqual(400);
        expectFeasible(p, r);
      }
    } finally {
      clock.mockRestore();
    }
  });
});
