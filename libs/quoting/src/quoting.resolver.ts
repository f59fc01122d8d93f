import { Inject } from '@nestjs/common';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, Connection, ConnectionArgs, Ctx, type AppConfig, type RequestContext } from '@partsmith/platform';
import { breaksOf, QuoteBreak, QuoteConfidence, QuoteConfiguration, ReasonLine } from './dto/quote-view.types';
import { ProcessComparisonView } from './dto/process-comparison.types';
import { QuoteReviewService } from './quote-review.service';
import { Quote } from './quote.entity';
import { RequestQuoteResult } from './quoting.results';
import { QuotingService } from './quoting.service';

@InputType()
export class RequestQuoteInput {
  @Field(() => ID) partId: string;
  @Field(() => ID, { nullable: true, description: "Default: the part's current revision" }) partRevisionId?: string;
  @Field(() => String, { description: 'Process code from the catalog, e.g. cnc_milling_3axis' }) process: string;
  @Field(() => String, { description: 'Material code offered by that process' }) material: string;
  @Field(() => String, { nullable: true }) finish?: string;
  @Field(() => String, { nullable: true }) tolerance?: string;
  @Field(() => String, { nullable: true }) inspection?: string;
  @Field(() => String, { nullable: true, description: 'economy | standard | expedited' }) leadTier?: string;
  @Field(() => [Int], { description: 'Quantity breaks, e.g. [1, 10, 100]' }) quantities: number[];
}

@InputType()
export class AdjustQuoteLineInput {
  @Field(() => ID) quoteId: string;
  @Field(() => Int) quantity: number;
  @Field(() => String, { description: 'Cost line, e.g. machineTime' }) line: string;
  @Field(() => Int, { description: 'New per-part amount of that line, minor units' }) unitAmountMinor: number;
  @Field(() => String) note: string;
}

@ObjectType()
export class QuoteConnection extends Connection(Quote) {}

@Resolver(() => Quote)
export class QuotingResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly quoting: QuotingService,
    private readonly review: QuoteReviewService,
  ) {}

  @Mutation(() => RequestQuoteResult, { description: 'Answers at once with a pending quote; the quoting worker prices it within moments' })
  requestQuote(@Ctx() ctx: RequestContext, @Args('input') input: RequestQuoteInput) {
    return this.quoting.request(ctx, input);
  }

  @Query(() => Quote)
  quote(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.quoting.quote(ctx, id);
  }

  @Query(() => [Quote], { description: 'Every quote revision of a part, newest first' })
  quotesForPart(@Ctx() ctx: RequestContext, @Args('partId', { type: () => ID }) partId: string) {
    return this.quoting.quotesForPart(ctx, partId);
  }

  @Query(() => ProcessComparisonView, { description: 'The same part priced on every process and material, cheapest first' })
  async compareProcesses(
    @Ctx() ctx: RequestContext,
    @Args('partId', { type: () => ID }) partId: string,
    @Args('quantities', { type: () => [Int] }) quantities: number[],
  ) {
    return ProcessComparisonView.from(await this.quoting.compare(ctx, partId, quantities));
  }

  @Query(() => QuoteConnection, { description: 'Operators: quotes waiting for review, oldest first' })
  quoteReviewQueue(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return this.review.queue(ctx, args, this.config.graphql.maxPageSize);
  }

  @Mutation(() => Quote, { description: 'Operators: change one per-part cost line of a quote under review' })
  adjustQuoteLine(@Ctx() ctx: RequestContext, @Args('input') input: AdjustQuoteLineInput) {
    return this.review.adjustLine(ctx, input);
  }

  @Mutation(() => Quote, { description: 'Operators: release a reviewed quote to the designer' })
  releaseQuote(@Ctx() ctx: RequestContext, @Args('quoteId', { type: () => ID }) quoteId: string, @Args('note') note: string) {
    return this.review.release(ctx, quoteId, note);
  }

  @ResolveField(() => QuoteConfiguration)
  configuration(@Parent() quote: Quote): QuoteConfiguration {
    return quote.config;
  }

  @ResolveField(() => [QuoteBreak], { description: 'One per quantity, empty until priced' })
  breaks(@Parent() quote: Quote): QuoteBreak[] {
    return breaksOf(quote.result);
  }

  @ResolveField(() => QuoteConfidence, { nullable: true })
  confidenceDetail(@Parent() quote: Quote): QuoteConfidence | null {
    return quote.result?.status === 'quoted' ? quote.result.confidence : null;
  }

  @ResolveField(() => [ReasonLine], { description: 'Why the part cannot be made this way (status not_manufacturable)' })
  notManufacturableReasons(@Parent() quote: Quote): ReasonLine[] {
    return quote.result?.status === 'not_manufacturable' ? quote.result.reasons : [];
  }

  @ResolveField(() => [String], { description: 'What the cost model assumed, in words' })
  assumptions(@Parent() quote: Quote): string[] {
    return quote.result?.status === 'quoted' ? quote.result.assumptions : [];
  }

  @ResolveField(() => Boolean)
  expired(@Parent() quote: Quote): boolean {
    return quote.status !== 'ordered' && quote.expiresAt.getTime() <= Date.now();
  }
}
