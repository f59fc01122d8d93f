import { Args, Field, ID, InputType, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DisputeResolutionEnum } from '@partsmith/payments';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { AcceptanceService } from './acceptance.service';
import { DisputeService } from './dispute.service';
import { DisputeMeasurement, JobLineDispute, JobLineFile, JobLineFilePurpose, JobLineMilestone, MilestoneKind } from './entities';
import { JobLineCancellationService } from './job-line-cancellation.service';
import { ProductionEvidenceService } from './production-evidence.service';
import {
  AcceptDeliveryResult,
  CancelJobLineResult,
  JobLineProgress,
  MarkDeliveredResult,
  OpenDisputeResult,
  PostMilestoneResult,
  ResolveJobLineDisputeResult,
  RespondToDisputeResult,
  ShipJobLineResult,
} from './production.results';
import { ProductionTrackingService } from './production-tracking.service';

@InputType()
export class ResolveJobLineDisputeInput {
  @Field(() => ID) disputeId: string;
  @Field(() => DisputeResolutionEnum) resolution: DisputeResolutionEnum;
  @Field(() => Int, { nullable: true, description: 'For split: the factory’s share of its payout, 1–99 %' }) factoryPercent?: number | null;
  @Field(() => String, { description: 'The written decision both sides read' }) decision: string;
}

@InputType()
export class CancelJobLineInput {
  @Field(() => ID) jobLineId: string;
  @Field(() => String) reason: string;
  @Field(() => Int, { nullable: true, description: 'In production only: what the factory keeps for work done (minor units, at most its payout)' })
  factoryCompensationMinor?: number | null;
}

@Resolver(() => JobLineProgress)
export class ProductionTrackingResolver {
  constructor(
    private readonly tracking: ProductionTrackingService,
    private readonly acceptance: AcceptanceService,
    private readonly disputes: DisputeService,
    private readonly cancellations: JobLineCancellationService,
    private readonly evidence: ProductionEvidenceService,
  ) {}

  @Query(() => JobLineProgress, { description: 'Status, milestones, evidence, shipment and dispute of a job line: for the ordering designer organisation, the awarded factory and operators' })
  jobLineProgress(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.tracking.progress(ctx, jobLineId);
  }

  @ResolveField(() => [JobLineFile], { description: 'Milestone photos, inspection reports and dispute evidence (oldest first); download at downloadPath' })
  files(@Ctx() ctx: RequestContext, @Parent() progress: JobLineProgress, @Args('purpose', { type: () => JobLineFilePurpose, nullable: true }) purpose?: JobLineFilePurpose | null) {
    return this.evidence.list(ctx, progress.jobLineId, purpose ?? undefined);
  }

  @Mutation(() => PostMilestoneResult, { description: 'The awarded factory reports a production step; the first one moves the job line into production. Photos: POST /production/job-lines/:id/milestones/:milestoneId/photos' })
  postMilestone(
    @Ctx() ctx: RequestContext,
    @Args('jobLineId', { type: () => ID }) jobLineId: string,
    @Args('kind', { type: () => MilestoneKind }) kind: MilestoneKind,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ) {
    return this.tracking.postMilestone(ctx, jobLineId, kind, note);
  }

  @Mutation(() => ShipJobLineResult, { description: 'The awarded factory ships the job line (in production → shipped); refused while the required inspection report is missing' })
  shipJobLine(
    @Ctx() ctx: RequestContext,
    @Args('jobLineId', { type: () => ID }) jobLineId: string,
    @Args('carrier') carrier: string,
    @Args('trackingNumber') trackingNumber: string,
  ) {
    return this.tracking.ship(ctx, jobLineId, carrier, trackingNumber);
  }

  @Mutation(() => MarkDeliveredResult, { description: 'The awarded factory reports delivery (shipped → delivered); starts the acceptance window' })
  markDelivered(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.tracking.markDelivered(ctx, jobLineId);
  }

  @Mutation(() => AcceptDeliveryResult, { description: 'The ordering designer accepts a delivered job line: escrow is released and the factory paid' })
  acceptDelivery(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.acceptance.accept(ctx, jobLineId);
  }

  @Mutation(() => OpenDisputeResult, { description: 'The ordering designer disputes a shipped or delivered job line (reason, measurements; photos: POST /production/disputes/:disputeId/evidence); an operator resolves it' })
  openDispute(
    @Ctx() ctx: RequestContext,
    @Args('jobLineId', { type: () => ID }) jobLineId: string,
    @Args('reason') reason: string,
    @Args('measurements', { type: () => [DisputeMeasurement], nullable: true }) measurements?: DisputeMeasurement[] | null,
  ) {
    return this.disputes.open(ctx, jobLineId, reason, measurements ?? []);
  }

  @Mutation(() => RespondToDisputeResult, { description: 'The awarded factory gives its side of an open dispute (evidence: POST /production/disputes/:disputeId/evidence)' })
  respondToDispute(@Ctx() ctx: RequestContext, @Args('disputeId', { type: () => ID }) disputeId: string, @Args('response') response: string) {
    return this.disputes.respond(ctx, disputeId, response);
  }

  @Mutation(() => ResolveJobLineDisputeResult, { description: 'Operators: decide a job line’s dispute — release (pay the factory), refund (the designer) or split — with a written decision both sides see' })
  resolveJobLineDispute(@Ctx() ctx: RequestContext, @Args('input') input: ResolveJobLineDisputeInput) {
    return this.disputes.resolve(ctx, input);
  }

  @Mutation(() => CancelJobLineResult, { description: 'Operators: cancel a job line after award by the cancellation policy (full refund before production starts; refund minus the factory’s agreed compensation in production; never after shipping)' })
  cancelJobLine(@Ctx() ctx: RequestContext, @Args('input') input: CancelJobLineInput) {
    return this.cancellations.cancel(ctx, input);
  }
}

@Resolver(() => JobLineMilestone)
export class JobLineMilestoneResolver {
  @ResolveField(() => [JobLineFile], { description: 'Photos the factory attached to this milestone' })
  photos(@Ctx() ctx: RequestContext, @Parent() milestone: JobLineMilestone) {
    return ctx.db.find(JobLineFile, { where: { milestoneId: milestone.id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}

@Resolver(() => JobLineDispute)
export class JobLineDisputeResolver {
  constructor(private readonly disputes: DisputeService) {}

  @ResolveField(() => String, { description: 'What the designer says is wrong' })
  async reason(@Ctx() ctx: RequestContext, @Parent() dispute: JobLineDispute) {
    return (await this.disputes.deliveryDispute(ctx, dispute.id))?.reason ?? '';
  }

  @ResolveField(() => [JobLineFile], { description: 'Photos and documents both sides attached (uploaderSide says whose)' })
  evidence(@Ctx() ctx: RequestContext, @Parent() dispute: JobLineDispute) {
    return ctx.db.find(JobLineFile, { where: { disputeId: dispute.id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
