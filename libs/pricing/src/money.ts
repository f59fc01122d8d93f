import { PricingError } from './pricing.errors';

/**
 * Splits `total` (integer minor units) into integers proportional to `weights`, summing exactly to `total`:
 * each share is floored and the units left over go to the largest remainders (Hamilton's method; ties to the
 * earlier line). Weights must be finite and non-negative; if they are all zero the total goes to the last line.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  assertMinor(total, 'allocation total');
  if (weights.length === 0) throw new PricingError('INVALID_MONEY', 'Cannot allocate an amount over no lines.');
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new PricingError('INVALID_MONEY', `Cannot allocate over a weight of ${w}; weights must be finite and non-negative.`);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === weights.length - 1 ? total : 0));
  const exact = weights.map((w) => (w / sum) * total);
  const shares = exact.map((x) => Math.floor(x));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((p, q) => q.r - p.r || p.i - q.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) shares[order[k].i]++;
  return shares;
}

/** Refuses NaN, infinities, fractions and negative amounts: money leaving the engine is a non-negative integer. */
export function assertMinor(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new PricingError('INVALID_MONEY', `${what} came out as ${amount}; money must be a non-negative whole number of minor units. Check the catalog rates for negative or missing values.`);
  }
}

/** Smallest whole number of minor units not below `amount`, tolerant of floating-point dust (1e-9). */
export function ceilMinor(amount: number): number {
  return Math.ceil(amount - 1e-9);
}
