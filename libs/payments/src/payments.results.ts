import { createUnionType, Field, ObjectType } from '@nestjs/graphql';
import { defineErrorResult, ErrorResult, resolveByClass, resultUnion } from '@partsmith/platform';
import { Chargeback, DeliveryDispute, Payment } from './entities';

export const PaymentNotFoundError = defineErrorResult('PaymentNotFoundError', 'PAYMENT_NOT_FOUND');
export type PaymentNotFoundError = InstanceType<typeof PaymentNotFoundError>;
export const PaymentMismatchError = defineErrorResult('PaymentMismatchError', 'PAYMENT_MISMATCH');
export type PaymentMismatchError = InstanceType<typeof PaymentMismatchError>;
export const PaymentNotPayableError = defineErrorResult('PaymentNotPayableError', 'PAYMENT_NOT_PAYABLE');
export type PaymentNotPayableError = InstanceType<typeof PaymentNotPayableError>;
export const ReleaseRefusedError = defineErrorResult('ReleaseRefusedError', 'RELEASE_REFUSED');
export type ReleaseRefusedError = InstanceType<typeof ReleaseRefusedError>;
export const RefundRefusedError = defineErrorResult('RefundRefusedError', 'REFUND_REFUSED');
export type RefundRefusedError = InstanceType<typeof RefundRefusedError>;
export const FactoryCannotReceiveTransfersError = defineErrorResult('FactoryCannotReceiveTransfersError', 'FACTORY_CANNOT_RECEIVE_TRANSFERS');
export type FactoryCannotReceiveTransfersError = InstanceType<typeof FactoryCannotReceiveTransfersError>;
export const DisputeAlreadyResolvedError = defineErrorResult('DisputeAlreadyResolvedError', 'DISPUTE_ALREADY_RESOLVED');
export type DisputeAlreadyResolvedError = InstanceType<typeof DisputeAlreadyResolvedError>;
export const InvalidSplitError = defineErrorResult('InvalidSplitError', 'INVALID_SPLIT');
export type InvalidSplitError = InstanceType<typeof InvalidSplitError>;
export const ChargebackClosedError = defineErrorResult('ChargebackClosedError', 'CHARGEBACK_CLOSED');
export type ChargebackClosedError = InstanceType<typeof ChargebackClosedError>;
export const ProcessorError = defineErrorResult('ProcessorError', 'PROCESSOR_ERROR');
export type ProcessorError = InstanceType<typeof ProcessorError>;
export const CardDeclinedError = defineErrorResult('CardDeclinedError', 'CARD_DECLINED');
export type CardDeclinedError = InstanceType<typeof CardDeclinedError>;
export const TestPaymentsUnavailableError = defineErrorResult('TestPaymentsUnavailableError', 'PAYMENTS_UNAVAILABLE');
export type TestPaymentsUnavailableError = InstanceType<typeof TestPaymentsUnavailableError>;

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

export const StartFactoryOnboardingResult = resultUnion('StartFactoryOnboardingResult', () => [FactoryOnboardingLink, ProcessorError] as const);


export const SubmitChargebackEvidenceResult = resultUnion('SubmitChargebackEvidenceResult', () => [Chargeback, ChargebackClosedError, ProcessorError] as const);

/** The Payment entity's GraphQL name is OrderPayment, so its member is named explicitly. */
export const PayWithTestCardResult = createUnionType({
  name: 'PayWithTestCardResult',
  types: () => [Payment, CardDeclinedError, PaymentNotPayableError, ProcessorError, TestPaymentsUnavailableError] as const,
  resolveType: (value: object) => (value instanceof Payment ? 'OrderPayment' : resolveByClass(value)),
});
