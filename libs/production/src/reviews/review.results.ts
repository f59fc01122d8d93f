import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { InputValidationError } from '@partsmith/identity';
import { Connection, defineErrorResult, ErrorResult, resultUnion } from '@partsmith/platform';
import { JobLineReview } from './job-line-review.entity';

@InputType()
export class ReviewJobLineInput {
  @Field(() => ID) jobLineId: string;
  @Field(() => Int, { description: '1–5' }) quality: number;
  @Field(() => Int, { description: '1–5' }) communication: number;
  @Field(() => Int, { description: '1–5' }) timeliness: number;
  @Field(() => String, { nullable: true, description: 'At most 2,000 characters' }) comment?: string | null;
}

/** A rating that is not a whole number from 1 to 5. */
@ObjectType({ implements: () => [ErrorResult] })
export class RatingOutOfRangeError extends ErrorResult {
  @Field(() => String, { description: 'quality, communication or timeliness' })
  field: string;

  constructor(field: string, value: number) {
    super();
    this.errorCode = 'RATING_OUT_OF_RANGE';
    this.field = field;
    this.message = `${field} is rated with a whole number from 1 to 5, got ${value}`;
  }
}

export const ReviewBeforeAcceptanceError = defineErrorResult('ReviewBeforeAcceptanceError', 'REVIEW_BEFORE_ACCEPTANCE');
export type ReviewBeforeAcceptanceError = InstanceType<typeof ReviewBeforeAcceptanceError>;
export const AlreadyReviewedError = defineErrorResult('AlreadyReviewedError', 'ALREADY_REVIEWED');
export type AlreadyReviewedError = InstanceType<typeof AlreadyReviewedError>;
export const AlreadyRespondedError = defineErrorResult('AlreadyRespondedError', 'ALREADY_RESPONDED');
export type AlreadyRespondedError = InstanceType<typeof AlreadyRespondedError>;

export const ReviewJobLineResult = resultUnion(
  'ReviewJobLineResult',
  () => [JobLineReview, RatingOutOfRangeError, ReviewBeforeAcceptanceError, AlreadyReviewedError, InputValidationError] as const,
);
export type ReviewJobLineOutcome = JobLineReview | RatingOutOfRangeError | ReviewBeforeAcceptanceError | AlreadyReviewedError | InputValidationError;

export const RespondToReviewResult = resultUnion('RespondToReviewResult', () => [JobLineReview, AlreadyRespondedError, InputValidationError] as const);
export type RespondToReviewOutcome = JobLineReview | AlreadyRespondedError | InputValidationError;

@ObjectType()
export class JobLineReviewConnection extends Connection(JobLineReview) {}

/** Plain averages of a factory's reviews (the scorecard's stars component smooths them; see README "Scorecard"). */
@ObjectType()
export class ReviewSummary {
  @Field(() => Int) count: number;
  @Field(() => Float, { nullable: true }) quality: number | null;
  @Field(() => Float, { nullable: true }) communication: number | null;
  @Field(() => Float, { nullable: true }) timeliness: number | null;
}
