/**
 * The payout price rule: what the platform offers a factory for a job line is what the designer paid for
 * the line minus the platform fee of the quoted break at that quantity (the pricing engine already put the
 * margin inside the price, so the factory keeps it). When the line's quantity is not one of the quoted
 * breaks, the fee is the nearest break's fee rate applied to the line total, rounded up (the platform
 * never pays out more than the rule allows). Integer minor units throughout.
 */
export interface QuotedBreak {
  quantity: number;
  totalMinor: number;
  breakdown: { platformFee: number };
}

export interface PayoutPrice {
  grossMinor: number;
  platformFeeMinor: number;
  payoutMinor: number;
}

export function payoutPrice(line: { quantity: number; totalMinor: number }, breaks: readonly QuotedBreak[]): PayoutPrice {
  if (!Number.isSafeInteger(line.totalMinor) || line.totalMinor <= 0) throw new Error(`line total must be a positive integer (got ${line.totalMinor})`);
  if (breaks.length === 0) throw new Error('the quote has no price breaks');
  const exact = breaks.find((b) => b.quantity === line.quantity && b.totalMinor === line.totalMinor);
  const fee = exact
    ? exact.breakdown.platformFee
    : Math.ceil((line.totalMinor * nearest(breaks, line.quantity).breakdown.platformFee) / Math.max(1, nearest(breaks, line.quantity).totalMinor));
  const platformFeeMinor = Math.min(line.totalMinor, Math.max(0, fee));
  return { grossMinor: line.totalMinor, platformFeeMinor, payoutMinor: line.totalMinor - platformFeeMinor };
}

function nearest(breaks: readonly QuotedBreak[], quantity: number): QuotedBreak {
  return [...breaks].sort((a, b) => Math.abs(a.quantity - quantity) - Math.abs(b.quantity - quantity) || a.quantity - b.quantity)[0];
}
