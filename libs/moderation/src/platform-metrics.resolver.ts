import { Args, Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { METRICS_MAX_DAYS, PlatformMetricsService } from './platform-metrics.service';

@ObjectType({ description: 'One UTC day of platform activity' })
export class PlatformMetricsDay {
  @Field(() => String, { description: 'YYYY-MM-DD (UTC)' }) day: string;
  @Field(() => Int, { description: 'Orders paid that day (not cancelled since)' }) ordersPaid: number;
  @Field(() => Int, { description: 'Deliveries on time (score events, appeals upheld excluded)' }) onTimeDeliveries: number;
  @Field(() => Int) lateDeliveries: number;
  @Field(() => Int, { description: 'Quotes priced that day' }) quotesPriced: number;
  @Field(() => Int, { description: 'Of those, how many went to operator review' }) quotesReviewed: number;
  @Field(() => Float, { nullable: true, description: 'Mean confidence (0–1) of the quotes priced that day' }) meanQuoteConfidence: number | null;
}

@ObjectType()
export class PlatformMetricsAmount {
  @Field(() => String) day: string;
  @Field(() => String) currency: string;
  @Field(() => Float, { description: 'Integer minor units' }) amountMinor: number;
}

@ObjectType({ description: 'Operators: orders, order value, on-time rate and quote confidence over a window of days' })
export class PlatformMetrics {
  @Field(() => Date, { description: 'Start of the first day (UTC)' }) from: Date;
  @Field(() => Date, { description: 'End of the last day (UTC), exclusive' }) to: Date;
  @Field(() => [PlatformMetricsDay], { description: 'Every day of the window, oldest first' }) days: PlatformMetricsDay[];
  @Field(() => [PlatformMetricsAmount], { description: 'Value of the orders paid, per day and currency' }) orderValue: PlatformMetricsAmount[];
  @Field(() => [Int], { description: 'Quotes priced in the window by confidence: ten buckets [0, 0.1) … [0.9, 1]' }) confidenceBuckets: number[];
  @Field(() => Int) ordersPaid: number;
  @Field(() => Float, { nullable: true, description: 'On-time deliveries / all deliveries; null without deliveries' }) onTimeRate: number | null;
  @Field(() => Float, { nullable: true }) meanQuoteConfidence: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of priced quotes that went to operator review' }) reviewShare: number | null;
}

@Resolver(() => PlatformMetrics)
export class PlatformMetricsResolver {
  constructor(private readonly metricsService: PlatformMetricsService) {}

  @Query(() => PlatformMetrics, { description: `Operators: platform metrics over the last \`days\` UTC days including today (1 … ${METRICS_MAX_DAYS})` })
  platformMetrics(@Ctx() ctx: RequestContext, @Args('days', { type: () => Int, defaultValue: 30 }) days: number) {
    return this.metricsService.metrics(ctx, days);
  }
}
