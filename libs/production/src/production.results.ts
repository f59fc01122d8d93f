import { Field, ID, ObjectType } from '@nestjs/graphql';
import { InputValidationError } from '@partsmith/identity';
import { JobLineStatus } from '@partsmith/orders';
import { FactoryCannotReceiveTransfersError, PaymentNotFoundError, ReleaseRefusedError } from '@partsmith/payments';
import { resultUnion } from '@partsmith/platform';
import { JobLineMilestone, JobLineShipment } from './entities';

/** Where a job line stands in production: status, the factory's milestones and the shipment. */
@ObjectType()
export class JobLineProgress {
  @Field(() => ID) jobLineId: string;
  @Field(() => ID) orderId: string;
  @Field(() => JobLineStatus) status: JobLineStatus;
  @Field(() => Date, { description: 'The date the designer was promised (payment time + quoted lead time)' }) dueDate: Date;
  @Field(() => ID, { nullable: true, description: 'The awarded factory' }) factoryId: string | null;
  @Field(() => [JobLineMilestone], { description: 'Oldest first' }) milestones: JobLineMilestone[];
  @Field(() => JobLineShipment, { nullable: true }) shipment: JobLineShipment | null;
}

export const PostMilestoneResult = resultUnion('PostMilestoneResult', () => [JobLineMilestone, InputValidationError] as const);
export type PostMilestoneOutcome = JobLineMilestone | InputValidationError;

export const ShipJobLineResult = resultUnion('ShipJobLineResult', () => [JobLineProgress, InputValidationError] as const);
export type ShipJobLineOutcome = JobLineProgress | InputValidationError;

export const MarkDeliveredResult = resultUnion('MarkDeliveredResult', () => [JobLineProgress, PaymentNotFoundError] as const);
export type MarkDeliveredOutcome = JobLineProgress | PaymentNotFoundError;

export const AcceptDeliveryResult = resultUnion('AcceptDeliveryResult', () => [JobLineProgress, ReleaseRefusedError, FactoryCannotReceiveTransfersError, PaymentNotFoundError] as const);
export type AcceptDeliveryOutcome = JobLineProgress | ReleaseRefusedError | FactoryCannotReceiveTransfersError | PaymentNotFoundError;

export const OpenDisputeResult = resultUnion('OpenDisputeResult', () => [JobLineProgress, ReleaseRefusedError, PaymentNotFoundError, InputValidationError] as const);
export type OpenDisputeOutcome = JobLineProgress | ReleaseRefusedError | PaymentNotFoundError | InputValidationError;
