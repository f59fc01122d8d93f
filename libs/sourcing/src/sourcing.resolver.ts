import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { AwardModes } from './award-mode.service';
import { ChooseAwardModeInput, PlaceBidInput } from './dto/award-mode.input';
import { CounterOfferInput } from './dto/counter-offer.input';
import { JobBoardArgs, SourcingJob, SourcingJobConnection } from './dto/job-board.types';
import { SourcingPartView } from './dto/part-view.types';
import { Award, Bid, Offer } from './entities';
import { JobBoard } from './job-board.service';
import { OfferCascade } from './offer-cascade.service';
import { PartDisclosure } from './part-disclosure.service';
import { SealedBids } from './sealed-bid.service';
import { SourcingReads } from './sourcing-reads.service';
import { AcceptNdaResult, AcceptOfferResult, CadDownloadLinkResult, ChooseAwardModeResult, OfferChangeResult, PickBidResult, PlaceBidResult, WithdrawBidResult } from './sourcing.results';

@Resolver(() => SourcingJob)
export class SourcingResolver {
  constructor(
    private readonly board: JobBoard,
    private readonly cascade: OfferCascade,
    private readonly disclosure: PartDisclosure,
    private readonly reads: SourcingReads,
    private readonly modes: AwardModes,
    private readonly sealedBids: SealedBids,
  ) {}

  @Query(() => SourcingJobConnection, { description: 'Factories: open jobs you are eligible for or offered. Designers: your jobs. Operators: all' })
  jobBoard(@Ctx() ctx: RequestContext, @Args() args: JobBoardArgs) {
    return this.board.board(ctx, args);
  }

  @Query(() => SourcingJob, { description: 'A job line being (or that was) sourced, if you may see it' })
  sourcingJob(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.board.job(ctx, jobLineId);
  }

  @Query(() => [Offer], { description: "Your factory's offers, newest first" })
  myOffers(@Ctx() ctx: RequestContext) {
    return this.reads.myOffers(ctx);
  }

  @Mutation(() => AcceptOfferResult, { description: 'Factory: accept the offer at its price; the job line is awarded to you (exactly one award per job line)' })
  acceptOffer(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string) {
    return this.cascade.accept(ctx, offerId);
  }

  @Mutation(() => OfferChangeResult, { description: 'Factory: decline the offer; it passes to the next eligible factory' })
  declineOffer(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string, @Args('reason', { nullable: true }) reason?: string) {
    return this.cascade.decline(ctx, offerId, reason);
  }

  @Mutation(() => OfferChangeResult, { description: 'Factory: propose another price and/or ship-by date; the designer accepts or rejects it' })
  counterOffer(@Ctx() ctx: RequestContext, @Args('input') input: CounterOfferInput) {
    return this.cascade.counter(ctx, input.offerId, input);
  }

  @Mutation(() => AcceptOfferResult, { description: 'Designer (or operator): take the counteroffer; the job line is awarded at its terms' })
  acceptCounteroffer(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string) {
    return this.cascade.acceptCounter(ctx, offerId);
  }

  @Mutation(() => OfferChangeResult, { description: 'Designer (or operator): reject the counteroffer; the job passes to the next factory' })
  rejectCounteroffer(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string) {
    return this.cascade.rejectCounter(ctx, offerId);
  }

  @Query(() => [Bid], { description: "Your factory's sealed bids, newest first" })
  myBids(@Ctx() ctx: RequestContext) {
    return this.sealedBids.myBids(ctx);
  }

  @Mutation(() => ChooseAwardModeResult, { description: 'Designer (or operator): award this job by offer cascade, sealed-bid RFQ (with a bidding deadline) or batch assignment' })
  chooseAwardMode(@Ctx() ctx: RequestContext, @Args('input') input: ChooseAwardModeInput) {
    return this.modes.choose(ctx, input);
  }

  @Mutation(() => PlaceBidResult, { description: 'Eligible factory: bid (or rewrite your bid) on a sealed-bid RFQ until its deadline; no other factory sees it' })
  placeBid(@Ctx() ctx: RequestContext, @Args('input') input: PlaceBidInput) {
    return this.sealedBids.place(ctx, input);
  }

  @Mutation(() => WithdrawBidResult, { description: 'Factory: withdraw your bid before the deadline (you may bid again until then)' })
  withdrawBid(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.sealedBids.withdraw(ctx, jobLineId);
  }

  @Mutation(() => PickBidResult, { description: 'Designer (or operator), after bidding closed: award the job to this bid' })
  pickBid(@Ctx() ctx: RequestContext, @Args('bidId', { type: () => ID }) bidId: string) {
    return this.sealedBids.pick(ctx, bidId);
  }

  @Mutation(() => AcceptNdaResult, { description: 'Awarded factory: accept the NDA (stored with time and user) to unlock the original file' })
  acceptNda(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.disclosure.acceptNda(ctx, jobLineId);
  }

  @Mutation(() => CadDownloadLinkResult, { description: 'Awarded factory, after the NDA: a short-lived signed link to the original CAD file' })
  cadDownloadLink(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.disclosure.downloadLink(ctx, jobLineId);
  }

  @ResolveField(() => [Offer], { description: 'Designers and operators: every offer; a factory: only its own' })
  offers(@Ctx() ctx: RequestContext, @Parent() job: SourcingJob) {
    return this.reads.offers(ctx, job);
  }

  @ResolveField(() => [Bid], { description: 'Sealed bids: a factory sees only its own; the designer and operators see all once bidding has closed, ranked by score' })
  bids(@Ctx() ctx: RequestContext, @Parent() job: SourcingJob) {
    return this.sealedBids.visible(ctx, job);
  }

  @ResolveField(() => Award, { nullable: true, description: 'The award (a factory sees it only when it is its own)' })
  award(@Ctx() ctx: RequestContext, @Parent() job: SourcingJob) {
    return this.reads.award(ctx, job);
  }

  @ResolveField(() => SourcingPartView)
  part(@Ctx() ctx: RequestContext, @Parent() job: SourcingJob) {
    return this.disclosure.view(ctx, job);
  }
}
