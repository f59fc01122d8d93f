import { MatchingProblemError } from './matching.errors';
import type { AssignmentOptions, AssignmentStatus } from './matching.types';
import { rankFactories, type ScoreTerms, type ScoringWeights } from './scoring';
import { solveAssignment } from './solve';

export interface OpenJob {
  id: string;
  dueDate: string | number;
  /** Capacity the job takes at a factory when its options don't say (default 1: one job slot). */
  load?: number;
  referencePrice?: number;
}

export interface OpenFactory {
  id: string;
  remainingCapacity: number;
}

/** One eligible (job, factory) pair, as the eligibility query returns it. */
export interface BatchOption {
  job: string;
  factory: string;
  price: number;
  promisedDate: string | number;
  load?: number;
  scorecard?: number;
  distanceKm?: number;
  carbonKg?: number;
}

export interface BatchAssignmentInput {
  jobs: OpenJob[];
  factories: OpenFactory[];
  options: BatchOption[];
  weights?: Partial<ScoringWeights>;
}

export interface BatchAssignmentResult {
  status: AssignmentStatus;
  totalCost: number | null;
  lowerBound?: number;
  /** Each job's factory, with its cost (payout price + penalties, minor units, rounded) and the terms. */
  assignments: { job: string; factory: string; cost: number; terms: ScoreTerms }[];
  reason?: string;
}

/**
 * The periodic batch award: open jobs × eligible factories with their remaining capacity become a GAP whose
 * cost is the scoring formula of scoring.ts (payout price plus lateness-risk, scorecard and carbon
 * penalties, rounded to minor units), solved by `solveAssignment`. The caller turns the result into offers.
 */
export async function assignOpenJobs(input: BatchAssignmentInput, solveOptions: AssignmentOptions = {}): Promise<BatchAssignmentResult> {
  if (!input || !Array.isArray(input.jobs) || !Array.isArray(input.factories) || !Array.isArray(input.options)) {
    throw new MatchingProblemError('INVALID_PROBLEM', 'batch assignment needs "jobs", "factories" and "options" arrays');
  }
  const jobs = new Map(input.jobs.map((j) => [j.id, j]));
  const factoryIds = new Set(input.factories.map((f) => f.id));
  const byJob = new Map<string, BatchOption[]>();
  input.options.forEach((o, index) => {
    if (!jobs.has(o.job)) throw new MatchingProblemError('INVALID_PROBLEM', `option ${index + 1} names job ${o.job} which is not in jobs`);
    if (!factoryIds.has(o.factory)) throw new MatchingProblemError('UNKNOWN_FACTORY', `option ${index + 1} (job ${o.job}) names factory ${o.factory} which is not in factories`);
    const list = byJob.get(o.job) ?? [];
    list.push(o);
    byJob.set(o.job, list);
  });
  const terms = new Map<string, { cost: number; terms: ScoreTerms }>();
  const problemJobs = input.jobs.map((job) => {
    const scored = rankFactories({ dueDate: job.dueDate, referencePrice: job.referencePrice }, byJob.get(job.id) ?? [], input.weights);
    return {
      id: job.id,
      options: scored.map((s) => {
        const cost = Math.round(s.score);
        terms.set(`${job.id}\u0000${s.factory}`, { cost, terms: s.terms });
        return { factory: s.factory, cost, load: (s.candidate as BatchOption).load ?? job.load ?? 1 };
      }),
    };
  });
  const result = await solveAssignment({ factories: input.factories.map((f) => ({ id: f.id, capacity: f.remainingCapacity })), jobs: problemJobs }, solveOptions);
  return {
    status: result.status,
    totalCost: result.totalCost,
    ...(result.lowerBound !== undefined ? { lowerBound: result.lowerBound } : {}),
    assignments: result.assignments.map((a) => ({ ...a, ...(terms.get(`${a.job}\u0000${a.factory}`) as { cost: number; terms: ScoreTerms }) })),
    ...(result.reason ? { reason: result.reason } : {}),
  };
}
