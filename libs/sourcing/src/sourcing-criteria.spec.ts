import { criteriaFor } from './sourcing-criteria';

describe('job line → eligibility criteria', () => {
  const job = {
    configuration: { process: 'cnc_milling_3axis', material: 'aluminum_6061', finish: 'as_machined', tolerance: 'iso2768_m' },
    requiredCertificates: ['iso_9001'],
    exportControlled: true,
    dueDate: new Date('2031-03-04T12:00:00Z'),
    deliveryCountry: 'SE',
    payoutMinor: 12_345,
    analysis: { bbox: { min: [0, 0, 0], max: [50, 30, 10], size: [50, 30, 10] }, volumeMm3: 15_000 } as never,
  };

  it('carries the configuration, certificates on the due date, the part box, the export flag and the payout', () => {
    const criteria = criteriaFor(job);
    expect(criteria).toMatchObject({
      process: 'cnc_milling_3axis',
      material: 'aluminum_6061',
      finish: 'as_machined',
      certificates: ['iso_9001'],
      on: '2031-03-04',
      partBox: { xMm: 50, yMm: 30, zMm: 10 },
      jobValueMinor: 12_345,
      deliveryCountry: 'SE',
      itarControlled: true,
    });
    expect(criteria.toleranceMm).toBeGreaterThan(0);
    expect(criteria.partMassKg).toBeCloseTo(15 * 2.7 / 1000, 3);
  });

  it('leaves geometry out when the part has no analysis', () => {
    expect(criteriaFor({ ...job, analysis: null })).toMatchObject({ partBox: null, toleranceMm: null, partMassKg: null });
  });
});
