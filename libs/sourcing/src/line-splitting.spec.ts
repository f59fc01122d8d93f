import fc from 'fast-check';
import { shares } from './line-splitting.service';

describe('shares (a split line’s gross and payout shared out by quantity)', () => {
  it('adds up exactly and gives each part its proportional share, floored or ceiled', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 16 }), (amount, weights) => {
        const out = shares(amount, weights);
        const total = weights.reduce((s, w) => s + w, 0);
        expect(out.reduce((s, v) => s + v, 0)).toBe(amount);
        out.forEach((v, i) => {
          const exact = (amount * weights[i]) / total;
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(Math.floor(exact));
          expect(v).toBeLessThanOrEqual(Math.ceil(exact));
        });
      }),
    );
  });

  it('hands the remainder to the largest fractions first', () => {
    expect(shares(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(shares(10, [3, 1])).toEqual([8, 2]);
  });
});
