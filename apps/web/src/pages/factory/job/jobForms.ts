import { parseAmountToMinor } from '../../../components/forms';

export const MAX_NOTE = 2000;

export type CounterProblem = 'nothingChanged' | 'price' | 'shipBy' | 'shipByPast' | 'noteTooLong';
export type BidProblem = 'price' | 'leadTime' | 'noteTooLong';

export interface CounterDraft {
  price: string;
  /** yyyy-mm-dd from a date input, or '' */
  shipBy: string;
  note: string;
}

export interface CounterInputValues {
  priceMinor?: number;
  shipBy?: string;
  note?: string;
}

/**
 * A counteroffer names a new price, a new ship-by date or both (a note alone changes nothing). The date
 * is the end of that day in UTC; it must not be in the past. The API checks the rest (at most what the
 * designer paid).
 */
export function checkCounteroffer(draft: CounterDraft, currency: string, now = new Date()): { problem: CounterProblem } | { input: CounterInputValues } {
  const price = draft.price.trim();
  const shipBy = draft.shipBy.trim();
  const note = draft.note.trim();
  if (!price && !shipBy) return { problem: 'nothingChanged' };
  if (note.length > MAX_NOTE) return { problem: 'noteTooLong' };
  const input: CounterInputValues = {};
  if (price) {
    const minor = parseAmountToMinor(price, currency);
    if (minor === null) return { problem: 'price' };
    input.priceMinor = minor;
  }
  if (shipBy) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(shipBy) || Number.isNaN(Date.parse(`${shipBy}T23:59:59.000Z`))) return { problem: 'shipBy' };
    const endOfDay = new Date(`${shipBy}T23:59:59.000Z`);
    if (endOfDay.getTime() < now.getTime()) return { problem: 'shipByPast' };
    input.shipBy = endOfDay.toISOString();
  }
  if (note) input.note = note;
  return { input };
}

export interface BidDraft {
  price: string;
  leadTimeDays: string;
  note: string;
}

/** A sealed bid: a positive price, a lead time of 1–365 whole calendar days, an optional note. */
export function checkBid(draft: BidDraft, currency: string): { problem: BidProblem } | { input: { priceMinor: number; leadTimeDays: number; note?: string } } {
  const priceMinor = parseAmountToMinor(draft.price, currency);
  if (priceMinor === null) return { problem: 'price' };
  const lead = draft.leadTimeDays.trim();
  if (!/^\d+$/.test(lead) || Number(lead) < 1 || Number(lead) > 365) return { problem: 'leadTime' };
  const note = draft.note.trim();
  if (note.length > MAX_NOTE) return { problem: 'noteTooLong' };
  return { input: { priceMinor, leadTimeDays: Number(lead), ...(note ? { note } : {}) } };
}
