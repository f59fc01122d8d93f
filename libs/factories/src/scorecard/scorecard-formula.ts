/**
 * The scorecard formula — open and documented (README "Scorecard"). Pure: no Nest, no database.
 *
 * Every score event contributes `points` in [0, 1] to exactly one component:
 *
 * | event                           | component  | points                                              |
 * |---------------------------------|------------|-----------------------------------------------------|
 * | delivery_on_time / delivery_late| delivery   | 1 / 0                                               |
 * | accepted_clean / disputed / rework | quality | 1 / 0 / 0                                           |
 * | offer_response {seconds}        | response   | 1 up to 1 h, 0 from 48 h, linear in between         |
 * | offer_accepted / offer_declined | acceptance | 1 / 0                                               |
 * | review {stars 1..5}             | stars      | (stars − 1) / 4                                     |
 * | review_quality / review_communication / review_timeliness {stars 1..5} | stars | (stars − 1) / 4 each |
 *
 * A component is a smoothed mean: (Σ points + K · prior) / (n + K), with K = 5 pseudo-events at the
 * component's prior, so one lucky (or unlucky) job cannot swing a new factory to 100 (or 0), and the
 * evidence takes over as it accumulates. The score is 100 · Σ weight · component. Voided events (an
 * upheld appeal) count for nothing.
 *
 * A designer's review of a job line (libs/production reviews) rates quality, communication and timeliness
 * and records one event per rating, so one review is three pieces of star evidence; `review` is a single
 * overall rating (older history, seeds). Each rating moves the stars component towards its own value.
 */
export const SCORE_EVENT_KINDS = [
  'delivery_on_time',
  'delivery_late',
  'accepted_clean',
  'disputed',
  'rework',
  'offer_response',
  'offer_accepted',
  'offer_declined',
  'review',
  'review_quality',
  'review_communication',
  'review_timeliness',
] as const;
export type ScoreEventKind = (typeof SCORE_EVENT_KINDS)[number];

export const SCORE_COMPONENTS = ['delivery', 'quality', 'response', 'acceptance', 'stars'] as const;
export type ScoreComponent = (typeof SCORE_COMPONENTS)[number];

export const COMPONENT_OF: Readonly<Record<ScoreEventKind, ScoreComponent>> = {
  delivery_on_time: 'delivery',
  delivery_late: 'delivery',
  accepted_clean: 'quality',
  disputed: 'quality',
  rework: 'quality',
  offer_response: 'response',
  offer_accepted: 'acceptance',
  offer_declined: 'acceptance',
  review: 'stars',
  review_quality: 'stars',
  review_communication: 'stars',
  review_timeliness: 'stars',
};

export const WEIGHTS: Readonly<Record<ScoreComponent, number>> = {
  delivery: 0.3,
  quality: 0.3,
  response: 0.1,
  acceptance: 0.1,
  stars: 0.2,
};

/** Where a component starts with no evidence. */
export const PRIORS: Readonly<Record<ScoreComponent, number>> = {
  delivery: 0.8,
  quality: 0.8,
  response: 0.5,
  acceptance: 0.5,
  stars: 0.625, // 3.5 stars
};

export const PRIOR_WEIGHT = 5;
export const RESPONSE_FULL_SECONDS = 3_600;
export const RESPONSE_ZERO_SECONDS = 48 * 3_600;

export class ScoreEventValueError extends Error {}

/** The points one event is worth, or an error naming what is wrong with its value. */
export function eventPoints(kind: ScoreEventKind, value?: number | null): number {
  switch (kind) {
    case 'delivery_on_time':
    case 'accepted_clean':
    case 'offer_accepted':
      return 1;
    case 'delivery_late':
    case 'disputed':
    case 'rework':
    case 'offer_declined':
      return 0;
    case 'offer_response': {
      if (value === undefined || value === null || !Number.isFinite(value) || value < 0) {
        throw new ScoreEventValueError(`offer_response needs the response time in seconds (≥ 0), got ${value}`);
      }
      if (value <= RESPONSE_FULL_SECONDS) return 1;
      if (value >= RESPONSE_ZERO_SECONDS) return 0;
      return 1 - (value - RESPONSE_FULL_SECONDS) / (RESPONSE_ZERO_SECONDS - RESPONSE_FULL_SECONDS);
    }
    case 'review':
    case 'review_quality':
    case 'review_communication':
    case 'review_timeliness': {
      if (value === undefined || value === null || !Number.isInteger(value) || value < 1 || value > 5) {
        throw new ScoreEventValueError(`${kind} needs stars, a whole number from 1 to 5, got ${value}`);
      }
      return (value - 1) / 4;
    }
  }
}

export interface ComponentTally {
  count: number;
  points: number;
}

export type ScoreTallies = Record<ScoreComponent, ComponentTally>;

export interface ComponentScore extends ComponentTally {
  /** Smoothed, in [0, 1]. */
  value: number;
  weight: number;
}

export interface ScoreBreakdown {
  /** 0 … 100. */
  score: number;
  components: Record<ScoreComponent, ComponentScore>;
}

export function emptyTallies(): ScoreTallies {
  return Object.fromEntries(SCORE_COMPONENTS.map((component) => [component, { count: 0, points: 0 }])) as ScoreTallies;
}

export function tally(events: ReadonlyArray<{ kind: ScoreEventKind; points: number }>): ScoreTallies {
  const tallies = emptyTallies();
  for (const event of events) {
    const entry = tallies[COMPONENT_OF[event.kind]];
    entry.count += 1;
    entry.points += event.points;
  }
  return tallies;
}

export function computeScore(tallies: ScoreTallies): ScoreBreakdown {
  const components = {} as Record<ScoreComponent, ComponentScore>;
  let score = 0;
  for (const component of SCORE_COMPONENTS) {
    const { count, points } = tallies[component];
    const value = (points + PRIOR_WEIGHT * PRIORS[component]) / (count + PRIOR_WEIGHT);
    components[component] = { count, points, value, weight: WEIGHTS[component] };
    score += WEIGHTS[component] * value;
  }
  return { score: Math.min(100, Math.max(0, Math.round(score * 100 * 100) / 100)), components };
}

/** Counts and point sums per event kind (what the database aggregates) → the breakdown that is stored. */
export function breakdownFromKinds(rows: ReadonlyArray<{ kind: ScoreEventKind; n: number; points: number }>): ScoreBreakdown & {
  kinds: Partial<Record<ScoreEventKind, number>>;
} {
  const tallies = emptyTallies();
  const kinds: Partial<Record<ScoreEventKind, number>> = {};
  for (const row of rows) {
    tallies[COMPONENT_OF[row.kind]].count += row.n;
    tallies[COMPONENT_OF[row.kind]].points += row.points;
    kinds[row.kind] = (kinds[row.kind] ?? 0) + row.n;
  }
  return { ...computeScore(tallies), kinds };
}
