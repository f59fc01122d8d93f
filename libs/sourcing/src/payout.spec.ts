import { payoutPrice } from './payout';

const breaks = [
  { quantity: 1, totalMinor: 10_000, breakdown: { platformFee: 1_000 } },
  { quantity: 10, totalMinor: 50_000, breakdown: { platformFee: 4_000 } },
];

describe('payout price', () => {
  it('is the line total minus the quoted break’s platform fee', () => {
    expect(payoutPrice({ quantity: 10, totalMinor: 50_000 }, breaks)).toEqual({ grossMinor: 50_000, platformFeeMinor: 4_000, payoutMinor: 46_000 });
  });

  it('uses the nearest break’s fee rate, rounded in the platform’s favour, when the quantity was not quoted', () => {
    expect(payoutPrice({ quantity: 12, totalMinor: 60_001 }, breaks)).toEqual({ grossMinor: 60_001, platformFeeMinor: 4_801, payoutMinor: 55_200 });
  });

  it('never pays out more than the line or less than nothing', () => {
    const odd = [{ quantity: 1, totalMinor: 100, breakdown: { platformFee: 500 } }];
    expect(payoutPrice({ quantity: 1, totalMinor: 100 }, odd).payoutMinor).toBe(0);
    expect(() => payoutPrice({ quantity: 1, totalMinor: 0 }, breaks)).toThrow(/positive/);
  });
});
