import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { FactorySchedule, JobLineSchedule, MachineDowntime, RoutingStepInput, ScheduledJob, WhatIfInput, WhatIfResult } from './dto/schedule.types';
import { AddMachineDowntimeResult, AdjustRoutingResult, RemoveMachineDowntimeResult } from './production-scheduling.results';
import { ScheduleViews } from './schedule-views.service';

@Resolver()
export class ScheduleResolver {
  constructor(private readonly views: ScheduleViews) {}

  @Query(() => FactorySchedule, { description: "A factory's current plan as Gantt rows (its members and operators; default: your own factory)" })
  factorySchedule(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID, nullable: true }) factoryId?: string) {
    return this.views.factorySchedule(ctx, factoryId);
  }

  @Query(() => [ScheduledJob], { description: 'Job lines promised after their due date: your factory’s, or every factory’s for operators' })
  atRiskJobLines(@Ctx() ctx: RequestContext) {
    return this.views.atRisk(ctx);
  }

  @Query(() => WhatIfResult, { description: 'Earliest completion if this job were added to your factory’s plan now, moving nothing planned' })
  whatIfSchedule(@Ctx() ctx: RequestContext, @Args('input') input: WhatIfInput) {
    return this.views.whatIf(ctx, input);
  }

  @Query(() => JobLineSchedule, { description: 'The promised ship date of a job line (its designer, its factory, operators)' })
  jobLineSchedule(@Ctx() ctx: RequestContext, @Args('jobLineId', { type: () => ID }) jobLineId: string) {
    return this.views.jobLineSchedule(ctx, jobLineId);
  }

  @Mutation(() => AddMachineDowntimeResult, { description: 'Factory admins: a machine is down in [from, to); the factory is re-planned around it' })
  addMachineDowntime(
    @Ctx() ctx: RequestContext,
    @Args('machineId', { type: () => ID }) machineId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('reason') reason: string,
  ) {
    return this.views.addMachineDowntime(ctx, { machineId, from, to, reason });
  }

  @Query(() => [MachineDowntime], { description: "A factory's machine downtime that has not ended (all of it with includePast), soonest first: its members and operators (default: your own factory)" })
  machineDowntimes(
    @Ctx() ctx: RequestContext,
    @Args('factoryId', { type: () => ID, nullable: true }) factoryId?: string,
    @Args('includePast', { type: () => Boolean, nullable: true, defaultValue: false }) includePast?: boolean,
  ) {
    return this.views.machineDowntimes(ctx, { factoryId, includePast });
  }

  @Mutation(() => RemoveMachineDowntimeResult, { description: 'Factory admins: take back downtime that has not ended; the factory is re-planned. Answers with the removed downtime' })
  removeMachineDowntime(@Ctx() ctx: RequestContext, @Args('downtimeId', { type: () => ID }) downtimeId: string) {
    return this.views.removeMachineDowntime(ctx, downtimeId);
  }

  @Mutation(() => AdjustRoutingResult, { description: 'Factory admins: replace the routing of a job line that has not started; the factory is re-planned' })
  adjustRouting(
    @Ctx() ctx: RequestContext,
    @Args('jobLineId', { type: () => ID }) jobLineId: string,
    @Args('operations', { type: () => [RoutingStepInput] }) operations: RoutingStepInput[],
  ) {
    return this.views.adjustRouting(ctx, jobLineId, operations);
  }
}
