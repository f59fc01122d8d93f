import { MatchingProblemError } from './matching.errors';

/**
 * How an eligible factory is scored for a job line, in money (minor units of the job's currency): the
 * lower, the better. Every penalty is scaled by the job's reference price (the platform's payout price, or
 * the lowest bid), so weights read as "fraction of the job's value":
 *
 *   score     = price + lateness + scorecard + carbon
 *   lateness  = ref · latenessPerDay · (daysLate + ½ · daysShortOfBuffer)     (promised vs due)
 *   scorecard = ref · scorecardWeight · (100 − scorecard) / 100              (scorecard 0–100, default 50)
 *   carbon    = carbonPerKg · kgCO2e                                        (kg given, else distanceKm · kgPerKm)
 *
 * `daysShortOfBuffer` is how far a promise on time still falls inside the last `bufferDays` before the due
 * date: a promise with no slack carries risk even before it is late.
 */
export interface ScoringWeights {
  latenessPerDay: number;
  bufferDays: number;
  scorecardWeight: number;
  carbonPerKg: number;
  kgPerKm: number;
}

export const DEFAULT_WEIGHTS: Readonly<ScoringWeights> = Object.freeze({
  latenessPerDay: 0.05,
  bufferDays: 2,
  scorecardWeight: 0.2,
  carbonPerKg: 10,
  kgPerKm: 0.05,
});

export interface ScoringJob {
  /** Due date, ISO 8601 or epoch ms. */
  dueDate: string | number;
  /** Scale of the penalties (payout price); defaults to the lowest price among the candidates. */
  referencePrice?: number;
}

export interface FactoryCandidate {
  factory: string;
  /** Payout price (offer cascade) or bid price, minor units. */
  price: number;
  /** When the factory promises to ship, ISO 8601 or epoch ms. */
  promisedDate: string | number;
  scorecard?: number;
  distanceKm?: number;
  carbonKg?: number;
}

export interface Bid extends FactoryCandidate {
  note?: string;
}

export interface ScoreTerms {
  price: number;
  lateness: number;
  scorecard: number;
  carbon: number;
}

export interface ScoredCandidate<T extends FactoryCandidate = FactoryCandidate> {
  factory: string;
  rank: number;
  score: number;
  daysLate: number;
  terms: ScoreTerms;
  candidate: T;
}

const DAY_MS = 86_400_000;

/** Ranks eligible factories for the offer cascade: best (lowest score) first; ties by factory id. */
export function rankFactories(job: ScoringJob, candidates: FactoryCandidate[], weights: Partial<ScoringWeights> = {}): ScoredCandidate[] {
  return rank(job, candidates, weights, 'candidate');
}

/** Scores sealed bids at RFQ close: the first entry is the platform's award when the designer does not pick. */
export function scoreBids(job: ScoringJob, bids: Bid[], weights: Partial<ScoringWeights> = {}): ScoredCandidate<Bid>[] {
  return rank(job, bids, weights, 'bid');
}

function rank<T extends FactoryCandidate>(job: ScoringJob, candidates: T[], partial: Partial<ScoringWeights>, noun: string): ScoredCandidate<T>[] {
  const weights = { ...DEFAULT_WEIGHTS, ...partial };
  const due = toMs(job?.dueDate, 'job dueDate');
  if (!Array.isArray(candidates)) throw new MatchingProblemError('INVALID_PROBLEM', `${noun}s must be an array`);
  const seen = new Set<string>();
  candidates.forEach((c, index) => {
    const where = `${noun} ${index + 1}${c && typeof c.factory === 'string' ? ` (factory ${c.factory})` : ''}`;
    if (!c || typeof c.factory !== 'string' || c.factory === '') throw new MatchingProblemError('INVALID_PROBLEM', `${where} has no string "factory"`);
    if (seen.has(c.factory)) throw new MatchingProblemError('DUPLICATE_ID', `${where} repeats factory ${c.factory}; one ${noun} per factory`);
    seen.add(c.factory);
    if (!Number.isFinite(c.price) || c.price < 0) throw new MatchingProblemError('INVALID_NUMBER', `${where} price must be a non-negative number of minor units, got ${JSON.stringify(c.price)}`);
    if (c.scorecard !== undefined && !(Number.isFinite(c.scorecard) && c.scorecard >= 0 && c.scorecard <= 100)) throw new MatchingProblemError('INVALID_NUMBER', `${where} scorecard must be between 0 and 100, got ${JSON.stringify(c.scorecard)}`);
    for (const key of ['distanceKm', 'carbonKg'] as const) {
      const v = c[key];
      if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new MatchingProblemError('INVALID_NUMBER', `${where} ${key} must be a non-negative number, got ${JSON.stringify(v)}`);
    }
  });
  const ref = job.referencePrice ?? (candidates.length > 0 ? Math.min(...candidates.map((c) => c.price)) : 0);
  const scored = candidates.map((c, index) => {
    const promised = toMs(c.promisedDate, `${noun} ${index + 1} (factory ${c.factory}) promisedDate`);
    const slackDays = (due - promised) / DAY_MS;
    const daysLate = Math.max(0, -slackDays);
    const shortOfBuffer = slackDays >= 0 ? Math.max(0, weights.bufferDays - slackDays) : weights.bufferDays;
    const terms: ScoreTerms = {
      price: c.price,
      lateness: ref * weights.latenessPerDay * (daysLate + 0.5 * shortOfBuffer),
      scorecard: (ref * weights.scorecardWeight * (100 - (c.scorecard ?? 50))) / 100,
      carbon: weights.carbonPerKg * (c.carbonKg ?? (c.distanceKm ?? 0) * weights.kgPerKm),
    };
    return { factory: c.factory, rank: 0, score: terms.price + terms.lateness + terms.scorecard + terms.carbon, daysLate, terms, candidate: c };
  });
  scored.sort((a, b) => a.score - b.score || (a.factory < b.factory ? -1 : a.factory > b.factory ? 1 : 0));
  scored.forEach((s, i) => (s.rank = i + 1));
  return scored;
}

export function toMs(value: string | number | undefined, what: string): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new MatchingProblemError('INVALID_NUMBER', `${what} must be an ISO 8601 date or epoch ms, got ${JSON.stringify(value)}`);
  return ms;
}
