import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { JobLineReview } from './job-line-review.entity';
import { JobLineReviewConnection, RespondToReviewResult, ReviewJobLineInput, ReviewJobLineResult, ReviewSummary } from './review.results';
import { ReviewService } from './review.service';

@Resolver(() => JobLineReview)
export class ReviewResolver {
  constructor(private readonly reviews: ReviewService) {}

  @Mutation(() => ReviewJobLineResult, { description: 'The ordering designer organisation rates an accepted job line once (final); the factory’s scorecard moves' })
  reviewJobLine(@Ctx() ctx: RequestContext, @Args('input') input: ReviewJobLineInput) {
    return this.reviews.review(ctx, input);
  }

  @Mutation(() => RespondToReviewResult, { description: 'An admin of the reviewed factory answers a review, once' })
  respondToReview(@Ctx() ctx: RequestContext, @Args('reviewId', { type: () => ID }) reviewId: string, @Args('response') response: string) {
    return this.reviews.respond(ctx, reviewId, response);
  }

  @Query(() => JobLineReview, { nullable: true, description: 'The review of a job line, or null: for its designer organisation, the reviewed factory and operators' })
  jobLineReview(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.reviews.ofJobLine(ctx, jobLineId);
  }

  @Query(() => JobLineReviewConnection, { description: 'Reviews of your factory (operators: of factoryId), newest first' })
  factoryReviews(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs, @Args('factoryId', { type: () => ID, nullable: true }) factoryId?: string | null) {
    return this.reviews.ofFactory(ctx, factoryId, args);
  }

  @Query(() => ReviewSummary, { description: 'Average ratings of your factory (operators: of factoryId)' })
  factoryReviewSummary(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID, nullable: true }) factoryId?: string | null) {
    return this.reviews.summary(ctx, factoryId);
  }
}
