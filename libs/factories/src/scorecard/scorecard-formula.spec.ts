import fc from 'fast-check';
import {
  COMPONENT_OF,
  computeScore,
  emptyTallies,
  eventPoints,
  PRIORS,
  SCORE_EVENT_KINDS,
  tally,
  WEIGHTS,
  type ScoreEventKind,
} from './scorecard-formula';

const valueFor = (kind: ScoreEventKind, seed: number) => (kind.startsWith('review') ? 1 + (seed % 5) : kind === 'offer_response' ? seed * 97 : undefined);
const event = fc.tuple(fc.constantFrom(...SCORE_EVENT_KINDS), fc.nat(5000)).map(([kind, seed]) => ({ kind, points: eventPoints(kind, valueFor(kind, seed)) }));
const score = (events: Array<{ kind: ScoreEventKind; points: number }>) => computeScore(tally(events)).score;

describe('scorecard formula', () => {
  it('weights sum to 1 and a factory without history scores the weighted priors', () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    const expected = Object.entries(WEIGHTS).reduce((sum, [component, weight]) => sum + weight * PRIORS[component as keyof typeof PRIORS], 0) * 100;
    expect(computeScore(emptyTallies()).score).toBeCloseTo(expected, 2);
  });

  it('scores response time: full within an hour, nothing after two days, linear between', () => {
    expect(eventPoints('offer_response', 600)).toBe(1);
    expect(eventPoints('offer_response', 48 * 3600)).toBe(0);
    expect(eventPoints('offer_response', 3600 + (47 * 3600) / 2)).toBeCloseTo(0.5, 10);
    expect(() => eventPoints('offer_response', -1)).toThrow('seconds');
    expect(() => eventPoints('review', 6)).toThrow('1 to 5');
    expect(eventPoints('review', 5)).toBe(1);
    expect(eventPoints('review', 1)).toBe(0);
    for (const kind of ['review_quality', 'review_communication', 'review_timeliness'] as const) {
      expect(eventPoints(kind, 4)).toBe(0.75);
      expect(() => eventPoints(kind, 0)).toThrow(`${kind} needs stars, a whole number from 1 to 5`);
      expect(() => eventPoints(kind, 2.5)).toThrow('1 to 5');
    }
  });

  it('one perfect job does not make a perfect factory; many do approach it', () => {
    const one = score([{ kind: 'delivery_on_time', points: 1 }]);
    expect(one).toBeLessThan(80);
    const perfect = SCORE_EVENT_KINDS.filter((kind) => !['delivery_late', 'disputed', 'rework', 'offer_declined'].includes(kind)).flatMap((kind) =>
      Array.from({ length: 200 }, () => ({ kind, points: eventPoints(kind, kind.startsWith('review') ? 5 : kind === 'offer_response' ? 60 : undefined) })),
    );
    expect(score(perfect)).toBeGreaterThan(98);
  });

  it('a five-star review raises the score and a one-star review lowers it, rating by rating', () => {
    const base = [{ kind: 'delivery_on_time' as const, points: 1 }];
    for (const kind of ['review_quality', 'review_communication', 'review_timeliness'] as const) {
      expect(score([...base, { kind, points: eventPoints(kind, 5) }])).toBeGreaterThan(score(base));
      expect(score([...base, { kind, points: eventPoints(kind, 1) }])).toBeLessThan(score(base));
      expect(COMPONENT_OF[kind]).toBe('stars');
    }
  });

  it('always lies in [0, 100]', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 200 }), (events) => {
      const value = score(events);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }));
  });

  it('does not depend on the order events arrive in', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 60 }), fc.nat(), (events, seed) => {
      const shuffled = [...events].sort((a, b) => ((a.points * 1e6 + seed) % 7) - ((b.points * 1e6 + seed) % 7));
      expect(score(shuffled)).toBeCloseTo(score(events), 6);
    }));
  });

  it('an on-time delivery or a clean acceptance never lowers the score; a late one, a dispute or rework never raises it', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 80 }), (events) => {
      const base = score(events);
      expect(score([...events, { kind: 'delivery_on_time', points: 1 }])).toBeGreaterThanOrEqual(base);
      expect(score([...events, { kind: 'accepted_clean', points: 1 }])).toBeGreaterThanOrEqual(base);
      expect(score([...events, { kind: 'delivery_late', points: 0 }])).toBeLessThanOrEqual(base);
      expect(score([...events, { kind: 'disputed', points: 0 }])).toBeLessThanOrEqual(base);
      expect(score([...events, { kind: 'rework', points: 0 }])).toBeLessThanOrEqual(base);
    }));
  });

  it('voiding an event (an upheld appeal) is the same as it never having happened', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 40 }), event, (events, extra) => {
      const withExtra = tally([...events, extra]);
      const entry = withExtra[Object.keys(withExtra).find((c) => withExtra[c as keyof typeof withExtra].count !== tally(events)[c as keyof typeof withExtra].count) as keyof typeof withExtra];
      entry.count -= 1;
      entry.points -= extra.points;
      expect(computeScore(withExtra).score).toBeCloseTo(score(events), 6);
    }));
  });
});
