import { StateMachine } from '@partsmith/platform';

export const FACTORY_STATUSES = ['applied', 'under_review', 'approved', 'rejected', 'suspended'] as const;
export type FactoryStatus = (typeof FACTORY_STATUSES)[number];

/**
 * Vetting: applied → under_review → approved | rejected; a rejected factory may apply again;
 * approved → suspended → approved (reinstated).
 */
export const factoryLifecycle = new StateMachine<FactoryStatus>('factory', {
  applied: ['under_review'],
  under_review: ['approved', 'rejected'],
  rejected: ['applied'],
  approved: ['suspended'],
  suspended: ['approved'],
});

export const CERTIFICATE_STATUSES = ['pending', 'verified', 'rejected', 'expired'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/**
 * Certificates: an operator verifies or rejects a pending one; the nightly sweep expires pending and
 * verified ones past their end date; a new document sends a rejected one back for review.
 */
export const certificateLifecycle = new StateMachine<CertificateStatus>('certificate', {
  pending: ['verified', 'rejected', 'expired'],
  verified: ['expired'],
  rejected: ['pending'],
  expired: [],
});

export const APPEAL_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const appealLifecycle = new StateMachine<AppealStatus>('score appeal', {
  open: ['upheld', 'dismissed'],
  upheld: [],
  dismissed: [],
});
