import fc from 'fast-check';
import { allocateLargestRemainder, assertMinor } from './money';

describe('allocateLargestRemainder', () => {
  it('splits an amount into integers that sum exactly to it, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 9 }), (total, weights) => {
        const shares = allocateLargestRemainder(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        shares.forEach((s, i) => {
          expect(Number.isInteger(s) && s >= 0).toBe(true);
          if (sum > 0) expect(Math.abs(s - (weights[i] / sum) * total)).toBeLessThan(1 + 1e-6);
        });
      }),
    );
  });

  it('gives the leftover units to the largest remainders', () => {
    expect(allocateLargestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateLargestRemainder(100, [0.333, 0.333, 0.334])).toEqual([33, 33, 34]);
  });

  it('refuses negative or non-finite weights and non-integer totals', () => {
    expect(() => allocateLargestRemainder(10, [1, -1])).toThrow(/non-negative/);
    expect(() => allocateLargestRemainder(10, [Number.NaN])).toThrow(/finite/);
    expect(() => allocateLargestRemainder(10.5, [1])).toThrow(/whole number/);
    expect(() => assertMinor(-1, 'The price')).toThrow(/The price came out as -1/);
  });
});
