import { Field, ID, ObjectType } from '@nestjs/graphql';
import { InputValidationError } from '@partsmith/identity';
import { JobLineStatus } from '@partsmith/orders';
import {
  DisputeAlreadyResolvedError,
  FactoryCannotReceiveTransfersError,
  InvalidSplitError,
  PaymentNotFoundError,
  RefundRefusedError,
  ReleaseRefusedError,
} from '@partsmith/payments';
import { defineErrorResult, resultUnion } from '@partsmith/platform';
import { InspectionEvidenceKind, JobLineCancellation, JobLineDispute, JobLineMilestone, JobLineShipment } from './entities';

/** Where a job line stands in production: status, the factory's milestones and the shipment. */
@ObjectType()
export class JobLineProgress {
  @Field(() => ID) jobLineId: string;
  @Field(() => ID) orderId: string;
  @Field(() => JobLineStatus) status: JobLineStatus;
  @Field(() => Date, { description: 'The date the designer was promised (payment time + quoted lead time)' }) dueDate: Date;
  @Field(() => ID, { nullable: true, description: 'The awarded factory' }) factoryId: string | null;
  @Field(() => String, { description: 'The inspection level ordered (standard, cmm_report, first_article_as9102)' }) inspectionLevel: string;
  @Field(() => InspectionEvidenceKind, { nullable: true, description: 'The inspection report the line must carry before it ships (null: none)' })
  requiredInspectionReport: InspectionEvidenceKind | null;
  @Field(() => Date, { nullable: true, description: 'After delivery: when the line is accepted automatically unless the designer accepts or disputes first' })
  acceptBy: Date | null;
  @Field(() => [JobLineMilestone], { description: 'Oldest first' }) milestones: JobLineMilestone[];
  @Field(() => JobLineShipment, { nullable: true }) shipment: JobLineShipment | null;
  @Field(() => JobLineDispute, { nullable: true }) dispute: JobLineDispute | null;
  @Field(() => JobLineCancellation, { nullable: true, description: 'An operator’s cancellation after award' }) cancellation: JobLineCancellation | null;
}

export const InspectionEvidenceMissingError = defineErrorResult('InspectionEvidenceMissingError', 'INSPECTION_EVIDENCE_MISSING');
export type InspectionEvidenceMissingError = InstanceType<typeof InspectionEvidenceMissingError>;
export const JobLineNotCancellableError = defineErrorResult('JobLineNotCancellableError', 'JOB_LINE_NOT_CANCELLABLE');
export type JobLineNotCancellableError = InstanceType<typeof JobLineNotCancellableError>;
export const CompensationNotAllowedError = defineErrorResult('CompensationNotAllowedError', 'COMPENSATION_NOT_ALLOWED');
export type CompensationNotAllowedError = InstanceType<typeof CompensationNotAllowedError>;

type PaymentRefusal = ReleaseRefusedError | RefundRefusedError | FactoryCannotReceiveTransfersError | PaymentNotFoundError;

export const PostMilestoneResult = resultUnion('PostMilestoneResult', () => [JobLineMilestone, InputValidationError] as const);
export type PostMilestoneOutcome = JobLineMilestone | InputValidationError;

export const ShipJobLineResult = resultUnion('ShipJobLineResult', () => [JobLineProgress, InputValidationError, InspectionEvidenceMissingError] as const);
export type ShipJobLineOutcome = JobLineProgress | InputValidationError | InspectionEvidenceMissingError;

export const MarkDeliveredResult = resultUnion('MarkDeliveredResult', () => [JobLineProgress, PaymentNotFoundError] as const);
export type MarkDeliveredOutcome = JobLineProgress | PaymentNotFoundError;

export const AcceptDeliveryResult = resultUnion('AcceptDeliveryResult', () => [JobLineProgress, ReleaseRefusedError, FactoryCannotReceiveTransfersError, PaymentNotFoundError] as const);
export type AcceptDeliveryOutcome = JobLineProgress | ReleaseRefusedError | FactoryCannotReceiveTransfersError | PaymentNotFoundError;

export const OpenDisputeResult = resultUnion('OpenDisputeResult', () => [JobLineProgress, ReleaseRefusedError, PaymentNotFoundError, InputValidationError] as const);
export type OpenDisputeOutcome = JobLineProgress | ReleaseRefusedError | PaymentNotFoundError | InputValidationError;

export const RespondToDisputeResult = resultUnion('RespondToDisputeResult', () => [JobLineDispute, InputValidationError, DisputeAlreadyResolvedError] as const);
export type RespondToDisputeOutcome = JobLineDispute | InputValidationError | DisputeAlreadyResolvedError;

export const ResolveJobLineDisputeResult = resultUnion(
  'ResolveJobLineDisputeResult',
  () => [JobLineDispute, InputValidationError, DisputeAlreadyResolvedError, InvalidSplitError, ReleaseRefusedError, RefundRefusedError, FactoryCannotReceiveTransfersError, PaymentNotFoundError] as const,
);
export type ResolveJobLineDisputeOutcome = JobLineDispute | InputValidationError | DisputeAlreadyResolvedError | InvalidSplitError | PaymentRefusal;

export const CancelJobLineResult = resultUnion(
  'CancelJobLineResult',
  () => [JobLineCancellation, InputValidationError, JobLineNotCancellableError, CompensationNotAllowedError, ReleaseRefusedError, RefundRefusedError, FactoryCannotReceiveTransfersError, PaymentNotFoundError] as const,
);
export type CancelJobLineOutcome = JobLineCancellation | InputValidationError | JobLineNotCancellableError | CompensationNotAllowedError | PaymentRefusal;
