import fc from 'fast-check';
import { formatCount } from './geometry.errors';

describe('formatCount', () => {
  const intl = new Intl.NumberFormat('en-US');

  it('groups like Intl.NumberFormat("en-US") for every count and anything else', () => {
    for (const value of [0, -0, 1, 12, 123, 1234, 12345, 123456, 1234567, 999999, 1000000, 2.7, -3.5, -1234, 2 ** 53, 1e21, NaN, Infinity, -Infinity]) {
      expect(formatCount(value)).toBe(intl.format(Math.trunc(value)));
    }
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.double({ noNaN: true })), (value) => {
        expect(formatCount(value)).toBe(intl.format(Math.trunc(value)));
      }),
      { numRuns: 2000 },
    );
  });
});
