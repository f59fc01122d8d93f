import { createUnionType, Field, ObjectType } from '@nestjs/graphql';
import { ErrorResult, resolveByClass } from '@partsmith/platform';
import { Chargeback, DeliveryDispute } from './entities';

function errorType(name: string, code: string) {
  @ObjectType(name, { implements: () => [ErrorResult] })
  class TypedError extends ErrorResult {
    constructor(message: string) {
      super();
      this.errorCode = code;
      this.message = message;
    }
  }
  Object.defineProperty(TypedError, 'name', { value: name });
  return TypedError;
}

export const PaymentNotFoundError = errorType('PaymentNotFoundError', 'PAYMENT_NOT_FOUND');
export type PaymentNotFoundError = InstanceType<typeof PaymentNotFoundError>;
export const PaymentMismatchError = errorType('PaymentMismatchError', 'PAYMENT_MISMATCH');
export type PaymentMismatchError = InstanceType<typeof PaymentMismatchError>;
export const PaymentNotPayableError = errorType('PaymentNotPayableError', 'PAYMENT_NOT_PAYABLE');
export type PaymentNotPayableError = InstanceType<typeof PaymentNotPayableError>;
export const ReleaseRefusedError = errorType('ReleaseRefusedError', 'RELEASE_REFUSED');
export type ReleaseRefusedError = InstanceType<typeof ReleaseRefusedError>;
export const RefundRefusedError = errorType('RefundRefusedError', 'REFUND_REFUSED');
export type RefundRefusedError = InstanceType<typeof RefundRefusedError>;
export const FactoryCannotReceiveTransfersError = errorType('FactoryCannotReceiveTransfersError', 'FACTORY_CANNOT_RECEIVE_TRANSFERS');
export type FactoryCannotReceiveTransfersError = InstanceType<typeof FactoryCannotReceiveTransfersError>;
export const DisputeAlreadyResolvedError = errorType('DisputeAlreadyResolvedError', 'DISPUTE_ALREADY_RESOLVED');
export type DisputeAlreadyResolvedError = InstanceType<typeof DisputeAlreadyResolvedError>;
export const InvalidSplitError = errorType('InvalidSplitError', 'INVALID_SPLIT');
export type InvalidSplitError = InstanceType<typeof InvalidSplitError>;
export const ChargebackClosedError = errorType('ChargebackClosedError', 'CHARGEBACK_CLOSED');
export type ChargebackClosedError = InstanceType<typeof ChargebackClosedError>;
export const ProcessorError = errorType('ProcessorError', 'PROCESSOR_ERROR');
export type ProcessorError = InstanceType<typeof ProcessorError>;

export type PaymentErrorResult =
  | PaymentNotFoundError
  | PaymentMismatchError
  | PaymentNotPayableError
  | ReleaseRefusedError
  | RefundRefusedError
  | FactoryCannotReceiveTransfersError
  | DisputeAlreadyResolvedError
  | InvalidSplitError
  | ChargebackClosedError
  | ProcessorError;

export function isPaymentError(value: unknown): value is PaymentErrorResult {
  return value instanceof ErrorResult;
}

@ObjectType({ description: 'A single-use Stripe onboarding link: open it now; ask for a new one on every visit' })
export class FactoryOnboardingLink {
  @Field(() => String)
  url: string;

  @Field(() => Date)
  expiresAt: Date;

  @Field(() => String)
  stripeAccountId: string;
}

export const StartFactoryOnboardingResult = createUnionType({
  name: 'StartFactoryOnboardingResult',
  types: () => [FactoryOnboardingLink, ProcessorError] as const,
  resolveType: resolveByClass,
});

export const ResolveDeliveryDisputeResult = createUnionType({
  name: 'ResolveDeliveryDisputeResult',
  types: () => [DeliveryDispute, DisputeAlreadyResolvedError, InvalidSplitError, ReleaseRefusedError, RefundRefusedError, FactoryCannotReceiveTransfersError] as const,
  resolveType: resolveByClass,
});

export const SubmitChargebackEvidenceResult = createUnionType({
  name: 'SubmitChargebackEvidenceResult',
  types: () => [Chargeback, ChargebackClosedError, ProcessorError] as const,
  resolveType: resolveByClass,
});
