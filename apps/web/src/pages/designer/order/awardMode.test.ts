import { describe, expect, it } from 'vitest';
import { checkAwardMode } from './awardMode';

const now = new Date('2026-11-22T09:00:00');

describe('choosing how a line is awarded', () => {
  it('needs nothing more for fixed-price offers or batch assignment', () => {
    expect(checkAwardMode('offer_cascade', '', now)).toEqual({ input: { mode: 'offer_cascade' } });
    expect(checkAwardMode('batch', '2020-01-01T00:00', now)).toEqual({ input: { mode: 'batch' } });
  });

  it('sends a sealed-bid deadline as an instant', () => {
    expect(checkAwardMode('sealed_bid', '2026-11-25T17:30', now)).toEqual({ input: { mode: 'sealed_bid', biddingClosesAt: new Date('2026-11-25T17:30').toISOString() } });
  });

  it('refuses a missing, past or too distant deadline', () => {
    expect(checkAwardMode('sealed_bid', '', now)).toEqual({ problem: 'closesMissing' });
    expect(checkAwardMode('sealed_bid', '2026-11-22T08:59', now)).toEqual({ problem: 'closesPast' });
    expect(checkAwardMode('sealed_bid', '2026-12-23T09:00', now)).toEqual({ problem: 'closesTooLate' });
  });
});
