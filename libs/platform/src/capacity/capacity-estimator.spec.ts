import { businessDaysBetween } from './capacity-estimator';

describe('businessDaysBetween', () => {
  it('counts weekdays after the first date up to the second, skipping weekends', () => {
    const friday = new Date('2026-11-20T15:00:00Z');
    expect(businessDaysBetween(friday, new Date('2026-11-20T23:00:00Z'))).toBe(0);
    expect(businessDaysBetween(friday, new Date('2026-11-22T10:00:00Z'))).toBe(0); // Sunday
    expect(businessDaysBetween(friday, new Date('2026-11-23T06:00:00Z'))).toBe(1); // Monday
    expect(businessDaysBetween(friday, new Date('2026-11-27T06:00:00Z'))).toBe(5);
    expect(businessDaysBetween(friday, new Date('2026-11-01T06:00:00Z'))).toBe(0); // in the past
  });
});
