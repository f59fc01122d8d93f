import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { MilestoneKind } from './entities';
import { AcceptDeliveryResult, JobLineProgress, MarkDeliveredResult, OpenDisputeResult, PostMilestoneResult, ShipJobLineResult } from './production.results';
import { ProductionTrackingService } from './production-tracking.service';

@Resolver(() => JobLineProgress)
export class ProductionTrackingResolver {
  constructor(private readonly tracking: ProductionTrackingService) {}

  @Query(() => JobLineProgress, { description: 'Status, milestones and shipment of a job line: for the ordering designer organisation, the awarded factory and operators' })
  jobLineProgress(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.tracking.progress(ctx, jobLineId);
  }

  @Mutation(() => PostMilestoneResult, { description: 'The awarded factory reports a production step; the first one moves the job line into production' })
  postMilestone(
    @Ctx() ctx: RequestContext,
    @Args('jobLineId', { type: () => ID }) jobLineId: string,
    @Args('kind', { type: () => MilestoneKind }) kind: MilestoneKind,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ) {
    return this.tracking.postMilestone(ctx, jobLineId, kind, note);
  }

  @Mutation(() => ShipJobLineResult, { description: 'The awarded factory ships the job line (in production → shipped)' })
  shipJobLine(
    @Ctx() ctx: RequestContext,
    @Args('jobLineId', { type: () => ID }) jobLineId: string,
    @Args('carrier') carrier: string,
    @Args('trackingNumber') trackingNumber: string,
  ) {
    return this.tracking.ship(ctx, jobLineId, carrier, trackingNumber);
  }

  @Mutation(() => MarkDeliveredResult, { description: 'The awarded factory reports delivery (shipped → delivered); starts the escrow’s automatic-release clock' })
  markDelivered(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.tracking.markDelivered(ctx, jobLineId);
  }

  @Mutation(() => AcceptDeliveryResult, { description: 'The ordering designer accepts a delivered job line: escrow is released and the factory paid' })
  acceptDelivery(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.tracking.accept(ctx, jobLineId);
  }

  @Mutation(() => OpenDisputeResult, { description: 'The ordering designer disputes a shipped or delivered job line; an operator resolves it' })
  openDispute(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string, @Args('reason') reason: string) {
    return this.tracking.openDispute(ctx, jobLineId, reason);
  }
}
