import { describe, expect, it } from 'vitest';
import { checkBid, checkCounteroffer } from './jobForms';

const now = new Date('2026-11-22T09:00:00Z');

describe('the counteroffer form', () => {
  it('needs a new price or a new date; a note alone changes nothing', () => {
    expect(checkCounteroffer({ price: '', shipBy: '', note: 'can do it faster' }, 'EUR', now)).toEqual({ problem: 'nothingChanged' });
  });

  it('sends the price in minor units, the date as the end of that day in UTC, and the trimmed note', () => {
    expect(checkCounteroffer({ price: '1 180,00', shipBy: '2026-12-04', note: '  anodising takes a week  ' }, 'EUR', now)).toEqual({
      input: { priceMinor: 118_000, shipBy: '2026-12-04T23:59:59.000Z', note: 'anodising takes a week' },
    });
    expect(checkCounteroffer({ price: '', shipBy: '2026-11-22', note: '' }, 'EUR', now)).toEqual({ input: { shipBy: '2026-11-22T23:59:59.000Z' } });
    expect(checkCounteroffer({ price: '990', shipBy: '', note: '' }, 'EUR', now)).toEqual({ input: { priceMinor: 99_000 } });
  });

  it('names what is wrong', () => {
    expect(checkCounteroffer({ price: '-3', shipBy: '', note: '' }, 'EUR', now)).toEqual({ problem: 'price' });
    expect(checkCounteroffer({ price: '', shipBy: '2026-11-21', note: '' }, 'EUR', now)).toEqual({ problem: 'shipByPast' });
    expect(checkCounteroffer({ price: '', shipBy: 'next week', note: '' }, 'EUR', now)).toEqual({ problem: 'shipBy' });
    expect(checkCounteroffer({ price: '10', shipBy: '', note: 'x'.repeat(2001) }, 'EUR', now)).toEqual({ problem: 'noteTooLong' });
  });
});

describe('the sealed-bid form', () => {
  it('takes a positive price and 1–365 whole days', () => {
    expect(checkBid({ price: '1200', leadTimeDays: '14', note: '' }, 'EUR')).toEqual({ input: { priceMinor: 120_000, leadTimeDays: 14 } });
    expect(checkBid({ price: '1200', leadTimeDays: '365', note: ' 5-axis ' }, 'EUR')).toEqual({ input: { priceMinor: 120_000, leadTimeDays: 365, note: '5-axis' } });
  });

  it('names what is wrong', () => {
    expect(checkBid({ price: '', leadTimeDays: '14', note: '' }, 'EUR')).toEqual({ problem: 'price' });
    for (const days of ['0', '366', '2.5', '', 'two']) expect(checkBid({ price: '10', leadTimeDays: days, note: '' }, 'EUR')).toEqual({ problem: 'leadTime' });
    expect(checkBid({ price: '10', leadTimeDays: '3', note: 'x'.repeat(2001) }, 'EUR')).toEqual({ problem: 'noteTooLong' });
  });
});
