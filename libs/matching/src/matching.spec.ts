import { assignOpenJobs } from './batch';
import { generateGap } from './generate';
import { MatchingProblemError } from './matching.errors';
import type { AssignmentProblem, AssignmentResult } from './matching.types';
import { createRandom } from './random';
import { rankFactories, scoreBids } from './scoring';
import { greedyAssignment, solveAssignment } from './solve';
import { splitLine } from './split';
import example from '../examples/three-factories.json';

describe('solveAssignment', () => {
  it('solves the README example to its proven optimum', async () => {
    // A generous limit: the answer comes as soon as HiGHS has proved it, which takes longer on a busy machine.
    const r = await solveAssignment(example, { timeLimitMs: 20_000 });
    expect(r.status).toBe('optimal');
    expect(r.totalCost).toBe(128);
    expect(r.assignments).toEqual([
      { job: 'J1', factory: 'F2' },
      { job: 'J2', factory: 'F1' },
      { job: 'J3', factory: 'F3' },
      { job: 'J4', factory: 'F2' },
    ]);
  });

  it.each([
    [{ factories: [{ id: 'F1', capacity: 5 }], jobs: [{ id: 'J1', options: [] }] }, 'job J1 has no options'],
    [{ factories: [{ id: 'F1', capacity: 5 }], jobs: [{ id: 'J1', options: [{ factory: 'F1', cost: 1, load: 6 }] }] }, 'every option of job J1 needs more load'],
    [
      { factories: [{ id: 'F1', capacity: 5 }, { id: 'F2', capacity: 5 }], jobs: ['A', 'B', 'C'].map((id) => ({ id, options: [{ factory: 'F1', cost: 1, load: 3 }, { factory: 'F2', cost: 1, load: 3 }] })) },
      'no assignment fits',
    ],
  ])('says infeasible with the reason (%#)', async (problem, reason) => {
    const r = await solveAssignment(problem, { timeLimitMs: 20_000 });
    expect(r.status).toBe('infeasible');
    expect(r.totalCost).toBeNull();
    expect(r.reason).toContain(reason);
  });

  it.each([
    [{ factories: [{ id: 'F1', capacity: 3 }], jobs: [{ id: 'J3', options: [{ factory: 'F1', cost: 1, load: 1 }, { factory: 'F9', cost: 1, load: 1 }] }] }, 'job J3 option 2 names factory F9 which is not in factories'],
    [{ factories: [{ id: 'F1', capacity: 3 }], jobs: [{ id: 'J1', options: [] }, { id: 'J1', options: [] }] }, 'job J1 is listed twice'],
    [{ factories: [{ id: 'F1', capacity: -1 }], jobs: [] }, 'factory F1 capacity must be a non-negative number'],
    [{ factories: [{ id: 'F1', capacity: 3 }], jobs: [{ id: 'J1', options: [{ factory: 'F1', cost: 'x', load: 1 }] }] }, 'job J1 option 1 cost must be a finite number'],
    [{ jobs: [] }, 'no "factories" array'],
  ])('rejects malformed input naming the problem (%#)', async (problem, message) => {
    await expect(solveAssignment(problem as never)).rejects.toThrow(MatchingProblemError);
    await expect(solveAssignment(problem as never)).rejects.toThrow(message);
  });

  it('answers feasibly on a large instance whose capacities exactly fit a hidden assignment, even under a short limit', async () => {
    // Every factory's capacity is exactly its load under a random assignment: feasible, and as tight as it gets.
    // Under a 300 ms limit on a busy machine the search may not get far; the answer must still be an assignment.
    for (const type of ['C', 'D', 'E'] as const) {
      const p = exactlyFull(generateGap(type, 80, 1600, 5), 5);
      const r = await solveAssignment(p, { timeLimitMs: 300 });
      expect(r.status).not.toBe('infeasible');
      expectValid(p, r);
    }
  });

  it('proves infeasibility the MILP is not needed for: not even the LP relaxation fits (large model, no MILP)', async () => {
    // Jobs that can only go to F1 or F2 need 25 units there; F1 and F2 hold 20; F3's room does not help.
    const p: AssignmentProblem = {
      factories: [{ id: 'F1', capacity: 10 }, { id: 'F2', capacity: 10 }, { id: 'F3', capacity: 10_000 }],
      jobs: [
        ...['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, options: [{ factory: 'F1', cost: 3, load: 5 }, { factory: 'F2', cost: 4, load: 5 }] })),
        ...Array.from({ length: 2000 }, (_, i) => ({ id: `Z${i}`, options: [{ factory: 'F3', cost: 1, load: 1 }, { factory: 'F1', cost: 9, load: 9 }] })),
      ],
    };
    const r = await solveAssignment(p, { timeLimitMs: 2000 });
    expect(r.status).toBe('infeasible');
    expect(r.reason).toContain('the LP relaxation is infeasible');
  });

  it('never claims infeasibility it has not proven: without the MILP an integer-only infeasibility ends NOT_SOLVED', async () => {
    // 3 jobs of 3 units, two factories of 5: fractionally it fits (9 ≤ 10), integrally it does not.
    const p = { factories: [{ id: 'F1', capacity: 5 }, { id: 'F2', capacity: 5 }], jobs: ['A', 'B', 'C'].map((id) => ({ id, options: [{ factory: 'F1', cost: 1, load: 3 }, { factory: 'F2', cost: 1, load: 3 }] })) };
    await expect(solveAssignment(p, { milp: false, timeLimitMs: 200, feasibilityGraceMs: 200 })).rejects.toMatchObject({ code: 'NOT_SOLVED' });
  });

  it('leaves the event loop free while it searches', async () => {
    const p = generateGap('D', 40, 400, 3);
    // A callback that re-queues itself runs once per turn of the event loop: a solve holding the thread for
    // its whole second would let it run once or twice; one yielding every few milliseconds, dozens of times.
    let turns = 0;
    let solving = true;
    const turn = () => {
      turns++;
      if (solving) setImmediate(turn);
    };
    setImmediate(turn);
    try {
      await solveAssignment(p, { milp: false, timeLimitMs: 1000 });
    } finally {
      solving = false;
    }
    expect(turns).toBeGreaterThanOrEqual(8);
  });

  it('beats or matches the greedy baseline on a type-D instance and stays within 2 % of its bound', async () => {
    const p = generateGap('D', 10, 100, 2);
    // An iteration budget, not the clock, bounds the search: the same answer on a fast or a busy machine.
    const r = await solveAssignment(p, { timeLimitMs: 600_000, milp: false, maxRounds: 5_000 });
    const g = greedyAssignment(p);
    expect(r.status).not.toBe('infeasible');
    if (g.totalCost !== null) expect(r.totalCost!).toBeLessThanOrEqual(g.totalCost);
    expect((r.totalCost! - r.lowerBound!) / r.lowerBound!).toBeLessThan(0.02);
  });
});

/** The problem with each factory's capacity set to its load under a random assignment of the jobs. */
function exactlyFull(p: AssignmentProblem, seed: number): AssignmentProblem {
  const random = createRandom(seed);
  const used = new Map<string, number>();
  for (const job of p.jobs) {
    const o = job.options[Math.floor(random() * job.options.length)];
    used.set(o.factory, (used.get(o.factory) ?? 0) + o.load);
  }
  return { ...p, factories: p.factories.map((f) => ({ id: f.id, capacity: used.get(f.id) ?? 0 })) };
}

function expectValid(p: AssignmentProblem, r: AssignmentResult): void {
  expect(r.assignments.map((a) => a.job)).toEqual(p.jobs.map((j) => j.id));
  const load = new Map<string, number>();
  let cost = 0;
  r.assignments.forEach((a, i) => {
    const option = p.jobs[i].options.find((o) => o.factory === a.factory)!;
    cost += option.cost;
    load.set(a.factory, (load.get(a.factory) ?? 0) + option.load);
  });
  for (const f of p.factories) expect(load.get(f.id) ?? 0).toBeLessThanOrEqual(f.capacity);
  expect(r.totalCost).toBe(cost);
}

describe('scoring', () => {
  const job = { dueDate: '2026-03-10T00:00:00Z', referencePrice: 10_000 };
  const candidates = [
    { factory: 'A', price: 10_000, promisedDate: '2026-03-05T00:00:00Z', scorecard: 80, distanceKm: 100 },
    { factory: 'B', price: 9_500, promisedDate: '2026-03-12T00:00:00Z' },
    { factory: 'C', price: 9_800, promisedDate: '2026-03-09T00:00:00Z', scorecard: 90, carbonKg: 5 },
  ];

  it('ranks by price plus lateness risk, scorecard and carbon, with each term shown', () => {
    const ranked = rankFactories(job, candidates);
    expect(ranked.map((r) => [r.factory, r.score])).toEqual([
      ['C', 10_300],
      ['A', 10_450],
      ['B', 12_000],
    ]);
    expect(ranked[2].terms).toEqual({ price: 9_500, lateness: 1_500, scorecard: 1_000, carbon: 0 });
    expect(ranked[2].daysLate).toBe(2);
  });

  it('awards a sealed-bid RFQ to the best-scored bid, not simply the cheapest', () => {
    const ranked = scoreBids(job, candidates.map((c) => ({ ...c, note: 'ok' })));
    expect(ranked[0].factory).toBe('C');
    expect(ranked.find((r) => r.factory === 'B')!.rank).toBe(3);
  });

  it('names a bad bid', () => {
    expect(() => scoreBids(job, [{ factory: 'A', price: 1, promisedDate: 'soon' }])).toThrow('bid 1 (factory A) promisedDate must be an ISO 8601 date');
  });
});

describe('assignOpenJobs', () => {
  it('builds the GAP from payout price plus penalties and solves it', async () => {
    const far = '2030-01-01T00:00:00Z';
    const soon = '2029-01-01T00:00:00Z';
    const r = await assignOpenJobs({
      jobs: [{ id: 'J1', dueDate: far }, { id: 'J2', dueDate: far }],
      factories: [{ id: 'F1', remainingCapacity: 1 }, { id: 'F2', remainingCapacity: 1 }],
      options: [
        { job: 'J1', factory: 'F1', price: 1000, promisedDate: soon },
        { job: 'J1', factory: 'F2', price: 1100, promisedDate: soon },
        { job: 'J2', factory: 'F1', price: 1000, promisedDate: soon },
        { job: 'J2', factory: 'F2', price: 1500, promisedDate: soon },
      ],
    });
    expect(r.status).toBe('optimal');
    expect(r.totalCost).toBe(2300);
    expect(r.assignments.map((a) => [a.job, a.factory, a.cost])).toEqual([
      ['J1', 'F2', 1200],
      ['J2', 'F1', 1100],
    ]);
  });
});

describe('splitLine', () => {
  const candidates = [
    { factory: 'A', capacityUnits: 600, unitCost: 10, setupCost: 500 },
    { factory: 'B', capacityUnits: 500, unitCost: 11, setupCost: 100 },
    { factory: 'C', capacityUnits: 1000, unitCost: 12, setupCost: 2000 },
  ];

  it('splits at minimum cost within capacities', () => {
    expect(splitLine({ quantity: 1000, candidates })).toEqual({
      status: 'optimal',
      totalCost: 11_000,
      parts: [
        { factory: 'A', quantity: 600, cost: 6_500 },
        { factory: 'B', quantity: 400, cost: 4_500 },
      ],
    });
  });

  it('respects the minimum lot', () => {
    const r = splitLine({ quantity: 1000, candidates, minLot: 450 });
    expect(r.status === 'optimal' && [r.totalCost, r.parts.map((p) => [p.factory, p.quantity])]).toEqual([
      11_050,
      [
        ['A', 550],
        ['B', 450],
      ],
    ]);
  });

  it('says infeasible when the cluster is short of capacity', () => {
    expect(splitLine({ quantity: 2200, candidates })).toEqual({ status: 'infeasible', reason: 'the candidates can make 2100 units before the due date; the line needs 2200', parts: [] });
  });
});
