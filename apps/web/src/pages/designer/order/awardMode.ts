import type { AwardMode } from '../../../gql/graphql';

export const AWARD_MODES = ['offer_cascade', 'sealed_bid', 'batch'] as const satisfies readonly AwardMode[];
const DAY = 86_400_000;

export type AwardModeProblem = 'closesMissing' | 'closesPast' | 'closesTooLate';

/**
 * A sealed-bid RFQ needs its closing time (a datetime-local value, read in the browser's time zone): in the
 * future and within 30 days (the API also wants it before the due date, and says so). Other modes need nothing.
 */
export function checkAwardMode(mode: AwardMode, closesLocal: string, now = new Date()): { problem: AwardModeProblem } | { input: { mode: AwardMode; biddingClosesAt?: string } } {
  if (mode !== 'sealed_bid') return { input: { mode } };
  const closes = closesLocal ? new Date(closesLocal) : null;
  if (!closes || Number.isNaN(closes.getTime())) return { problem: 'closesMissing' };
  if (closes.getTime() <= now.getTime()) return { problem: 'closesPast' };
  if (closes.getTime() > now.getTime() + 30 * DAY) return { problem: 'closesTooLate' };
  return { input: { mode, biddingClosesAt: closes.toISOString() } };
}
