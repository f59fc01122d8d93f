import fc from 'fast-check';
import { IllegalTransitionError } from '@partsmith/platform';
import { CERTIFICATE_STATUSES, certificateLifecycle, FACTORY_STATUSES, factoryLifecycle, type FactoryStatus } from './factory-lifecycle';

describe('factory vetting lifecycle', () => {
  it('follows applied → under review → approved | rejected, and approved ⇄ suspended', () => {
    expect(factoryLifecycle.targets('applied')).toEqual(['under_review']);
    expect(factoryLifecycle.targets('under_review')).toEqual(['approved', 'rejected']);
    expect(factoryLifecycle.targets('approved')).toEqual(['suspended']);
    expect(factoryLifecycle.targets('suspended')).toEqual(['approved']);
    expect(factoryLifecycle.targets('rejected')).toEqual(['applied']);
  });

  it('never approves without a review, never suspends an applicant', () => {
    expect(() => factoryLifecycle.transition('applied', 'approved')).toThrow(IllegalTransitionError);
    expect(() => factoryLifecycle.transition('applied', 'suspended')).toThrow('factory cannot go from "applied" to "suspended"');
    expect(() => factoryLifecycle.transition('rejected', 'approved')).toThrow(IllegalTransitionError);
  });

  it('every walk of allowed transitions reaches approval only through under_review', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FACTORY_STATUSES), { maxLength: 30 }), (attempts) => {
        let state: FactoryStatus = 'applied';
        let previous: FactoryStatus | undefined;
        for (const next of attempts) {
          if (!factoryLifecycle.canTransition(state, next)) continue;
          previous = state;
          state = factoryLifecycle.transition(state, next);
          if (state === 'approved') expect(['under_review', 'suspended']).toContain(previous);
          if (state === 'suspended') expect(previous).toBe('approved');
        }
      }),
    );
  });
});

describe('certificate lifecycle', () => {
  it('only pending certificates are decided; expired is final', () => {
    expect(certificateLifecycle.canTransition('pending', 'verified')).toBe(true);
    expect(certificateLifecycle.canTransition('rejected', 'verified')).toBe(false);
    for (const status of CERTIFICATE_STATUSES) expect(certificateLifecycle.canTransition('expired', status)).toBe(false);
    expect(certificateLifecycle.canTransition('verified', 'expired')).toBe(true);
  });
});
