import { assignOpenJobs } from './batch';
import { generateGap } from './generate';
import { MatchingProblemError } from './matching.errors';
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

  it('beats or matches the greedy baseline on a type-D instance and stays within 2 % of its bound', async () => {
    const p = generateGap('D', 10, 100, 2);
    // An iteration budget, not the clock, bounds the search: the same answer on a fast or a busy machine.
    const r = await solveAssignment(p, { timeLimitMs: 600_000, milp: false, maxRounds: 20_000 });
    const g = greedyAssignment(p);
    expect(r.status).not.toBe('infeasible');
    if (g.totalCost !== null) expect(r.totalCost!).toBeLessThanOrEqual(g.totalCost);
    expect((r.totalCost! - r.lowerBound!) / r.lowerBound!).toBeLessThan(0.02);
  });
});

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
