import { Field, ObjectType } from '@nestjs/graphql';
import { InputValidationError } from '@partsmith/identity';
import { defineErrorResult, resultUnion } from '@partsmith/platform';
import { SourcingJob } from './dto/job-board.types';
import { Award, Bid, Offer } from './entities';

export const JobAlreadyAwardedError = defineErrorResult('JobAlreadyAwardedError', 'JOB_ALREADY_AWARDED');
export type JobAlreadyAwardedError = InstanceType<typeof JobAlreadyAwardedError>;

export const OfferNotOpenError = defineErrorResult('OfferNotOpenError', 'OFFER_NOT_OPEN');
export type OfferNotOpenError = InstanceType<typeof OfferNotOpenError>;

export const PayoutsNotEnabledError = defineErrorResult('PayoutsNotEnabledError', 'PAYOUTS_NOT_ENABLED');
export type PayoutsNotEnabledError = InstanceType<typeof PayoutsNotEnabledError>;

export const JobNotOpenError = defineErrorResult('JobNotOpenError', 'JOB_NOT_OPEN');
export type JobNotOpenError = InstanceType<typeof JobNotOpenError>;

export const NotAwardedError = defineErrorResult('NotAwardedError', 'NOT_AWARDED');
export type NotAwardedError = InstanceType<typeof NotAwardedError>;

export const NdaRequiredError = defineErrorResult('NdaRequiredError', 'NDA_REQUIRED');
export type NdaRequiredError = InstanceType<typeof NdaRequiredError>;

@ObjectType({ description: 'A short-lived link to the original CAD file (GET, no other credentials needed until it expires)' })
export class CadDownloadLink {
  @Field(() => String) url: string;
  @Field(() => Date) expiresAt: Date;
}

export type AwardOutcome = Award | JobAlreadyAwardedError | JobNotOpenError | PayoutsNotEnabledError;

export const AcceptOfferResult = resultUnion('AcceptOfferResult', () => [Award, JobAlreadyAwardedError, JobNotOpenError, OfferNotOpenError, PayoutsNotEnabledError] as const);
export type AcceptOfferOutcome = AwardOutcome | OfferNotOpenError;

export const OfferChangeResult = resultUnion('OfferChangeResult', () => [Offer, OfferNotOpenError, JobAlreadyAwardedError, InputValidationError] as const);
export type OfferChangeOutcome = Offer | OfferNotOpenError | JobAlreadyAwardedError | InputValidationError;

export const AcceptNdaResult = resultUnion('AcceptNdaResult', () => [Award, NotAwardedError] as const);
export type AcceptNdaOutcome = Award | NotAwardedError;

export const CadDownloadLinkResult = resultUnion('CadDownloadLinkResult', () => [CadDownloadLink, NotAwardedError, NdaRequiredError] as const);
export type CadDownloadLinkOutcome = CadDownloadLink | NotAwardedError | NdaRequiredError;

export const BiddingClosedError = defineErrorResult('BiddingClosedError', 'BIDDING_CLOSED');
export type BiddingClosedError = InstanceType<typeof BiddingClosedError>;

export const BiddingStillOpenError = defineErrorResult('BiddingStillOpenError', 'BIDDING_STILL_OPEN');
export type BiddingStillOpenError = InstanceType<typeof BiddingStillOpenError>;

export const NotEligibleError = defineErrorResult('NotEligibleError', 'NOT_ELIGIBLE');
export type NotEligibleError = InstanceType<typeof NotEligibleError>;

export const BidNotActiveError = defineErrorResult('BidNotActiveError', 'BID_NOT_ACTIVE');
export type BidNotActiveError = InstanceType<typeof BidNotActiveError>;

export const PlaceBidResult = resultUnion('PlaceBidResult', () => [Bid, BiddingClosedError, NotEligibleError, InputValidationError] as const);
export type PlaceBidOutcome = Bid | BiddingClosedError | NotEligibleError | InputValidationError;

export const WithdrawBidResult = resultUnion('WithdrawBidResult', () => [Bid, BiddingClosedError, BidNotActiveError] as const);
export type WithdrawBidOutcome = Bid | BiddingClosedError | BidNotActiveError;

export const PickBidResult = resultUnion('PickBidResult', () => [Award, JobAlreadyAwardedError, JobNotOpenError, PayoutsNotEnabledError, BiddingStillOpenError, BidNotActiveError] as const);
export type PickBidOutcome = AwardOutcome | BiddingStillOpenError | BidNotActiveError;

export const ChooseAwardModeResult = resultUnion('ChooseAwardModeResult', () => [SourcingJob, JobNotOpenError, InputValidationError] as const);
export type ChooseAwardModeOutcome = SourcingJob | JobNotOpenError | InputValidationError;
