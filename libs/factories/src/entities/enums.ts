import { registerEnumType } from '@nestjs/graphql';

export enum FactoryStatusEnum {
  applied = 'applied',
  under_review = 'under_review',
  approved = 'approved',
  rejected = 'rejected',
  suspended = 'suspended',
}
registerEnumType(FactoryStatusEnum, { name: 'FactoryStatus', description: 'Vetting: applied → under_review → approved | rejected; approved ⇄ suspended' });

export enum CertificateKindEnum {
  iso_9001 = 'iso_9001',
  as9100d = 'as9100d',
  iso_13485 = 'iso_13485',
  iatf_16949 = 'iatf_16949',
  iso_14001 = 'iso_14001',
  itar_registration = 'itar_registration',
  other = 'other',
}
registerEnumType(CertificateKindEnum, { name: 'CertificateKind' });

export enum CertificateStatusEnum {
  pending = 'pending',
  verified = 'verified',
  rejected = 'rejected',
  expired = 'expired',
}
registerEnumType(CertificateStatusEnum, { name: 'CertificateStatus' });

export enum ScoreEventKindEnum {
  delivery_on_time = 'delivery_on_time',
  delivery_late = 'delivery_late',
  accepted_clean = 'accepted_clean',
  disputed = 'disputed',
  rework = 'rework',
  offer_response = 'offer_response',
  offer_accepted = 'offer_accepted',
  offer_declined = 'offer_declined',
  review = 'review',
  review_quality = 'review_quality',
  review_communication = 'review_communication',
  review_timeliness = 'review_timeliness',
}
registerEnumType(ScoreEventKindEnum, { name: 'ScoreEventKind' });

export enum ScoreAppealStatusEnum {
  open = 'open',
  upheld = 'upheld',
  dismissed = 'dismissed',
}
registerEnumType(ScoreAppealStatusEnum, { name: 'ScoreAppealStatus', description: 'upheld = the event no longer counts' });
