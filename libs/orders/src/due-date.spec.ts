import { addBusinessDays } from './due-date';

describe('addBusinessDays', () => {
  it('skips weekends', () => {
    const friday = new Date('2026-03-06T10:00:00Z');
    expect(addBusinessDays(friday, 1).toISOString()).toBe('2026-03-09T10:00:00.000Z');
    expect(addBusinessDays(friday, 5).toISOString()).toBe('2026-03-13T10:00:00.000Z');
    expect(addBusinessDays(friday, 0).toISOString()).toBe(friday.toISOString());
  });
});
