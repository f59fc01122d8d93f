import { Args, ArgsType, Field, Float, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { CERTIFICATE_KINDS, FINISH_CODES, MATERIAL_CODES, PROCESS_CODES } from './capability-codes';
import { EligibilityCriteriaInput, FactoryProfileInput, MachineInput, ProbationInput } from './dto/factory.inputs';
import { EligibilityService } from './eligibility.service';
import { Certificate, Factory, FactoryStatusEnum, Machine, Scorecard, ScoreEvent } from './entities';
import { ApplyAsFactoryResult, ApproveFactoryResult, FactoryDecisionResult, MachineResult, UpdateFactoryProfileResult } from './factories.results';
import { FactoryService } from './factory.service';
import { MachineService } from './machine.service';
import { ScorecardService } from './scorecard/scorecard.service';
import { VettingService } from './vetting.service';

@ObjectType()
export class FactoryConnection extends Connection(Factory) {}

@ObjectType()
export class ScoreEventConnection extends Connection(ScoreEvent) {}

@ObjectType({ description: 'The vocabulary of capabilities (until the catalog context exists)' })
export class FactoryCapabilityCodes {
  @Field(() => [String]) processes: string[];
  @Field(() => [String]) materials: string[];
  @Field(() => [String]) finishes: string[];
  @Field(() => [String]) certificateKinds: string[];
}

@ObjectType()
export class EligibleFactory {
  @Field(() => Factory) factory: Factory;
  @Field(() => Float, { description: 'Scorecard score, 0 … 100 (results are ordered by it)' }) score: number;
}

@ObjectType({ description: 'What is waiting for an operator' })
export class ModerationCounts {
  @Field(() => Int) factoriesAwaitingReview: number;
  @Field(() => Int) certificatesAwaitingReview: number;
  @Field(() => Int) openScoreAppeals: number;
}

@ArgsType()
class FactoriesArgs extends ConnectionArgs {
  @Field(() => [FactoryStatusEnum], { nullable: true, description: '[applied, under_review] is the review queue' })
  statuses?: FactoryStatusEnum[];

  @Field(() => String, { nullable: true }) process?: string;
  @Field(() => String, { nullable: true }) material?: string;
  @Field(() => String, { nullable: true }) country?: string;
}

@Resolver(() => Factory)
export class FactoryResolver {
  constructor(
    private readonly factoryService: FactoryService,
    private readonly machineService: MachineService,
    private readonly vetting: VettingService,
    private readonly eligibility: EligibilityService,
    private readonly scorecards: ScorecardService,
  ) {}

  @Query(() => FactoryCapabilityCodes, { description: 'Process, material, finish and certificate codes (public)' })
  factoryCapabilityCodes(): FactoryCapabilityCodes {
    return { processes: [...PROCESS_CODES], materials: [...MATERIAL_CODES], finishes: [...FINISH_CODES], certificateKinds: [...CERTIFICATE_KINDS] };
  }

  @Query(() => Factory, { nullable: true, description: "Your factory's profile (factory members); null before applying" })
  myFactory(@Ctx() ctx: RequestContext) {
    return this.factoryService.mine(ctx);
  }

  @Query(() => Factory, { description: 'A factory (its own members and operators)' })
  factory(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.factoryService.factory(ctx, id);
  }

  @Query(() => FactoryConnection, { description: 'Operators: all factories, oldest first; filter by status for the review queue' })
  factories(@Ctx() ctx: RequestContext, @Args() args: FactoriesArgs) {
    const { statuses, process, material, country, ...page } = args;
    return this.factoryService.list(ctx, { statuses, process, material, country }, page);
  }

  @Query(() => [EligibleFactory], { description: 'Operators: factories that may make a job with these needs, best score first' })
  searchFactories(@Ctx() ctx: RequestContext, @Args('criteria') criteria: EligibilityCriteriaInput) {
    return this.eligibility.search(ctx, criteria);
  }

  @Query(() => ModerationCounts, { description: 'Operators: what waits for review' })
  moderationCounts(@Ctx() ctx: RequestContext) {
    return this.factoryService.moderationCounts(ctx);
  }

  @Mutation(() => ApplyAsFactoryResult, { description: "Factory admins: apply with your factory's profile (again, after a rejection)" })
  applyAsFactory(@Ctx() ctx: RequestContext, @Args('input') input: FactoryProfileInput) {
    return this.factoryService.apply(ctx, input);
  }

  @Mutation(() => UpdateFactoryProfileResult, { description: 'Factory admins: replace your profile' })
  updateFactoryProfile(@Ctx() ctx: RequestContext, @Args('input') input: FactoryProfileInput) {
    return this.factoryService.updateProfile(ctx, input);
  }

  @Mutation(() => MachineResult, { description: 'Factory admins' })
  addMachine(@Ctx() ctx: RequestContext, @Args('input') input: MachineInput) {
    return this.machineService.add(ctx, input);
  }

  @Mutation(() => MachineResult, { description: 'Factory admins' })
  updateMachine(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: MachineInput) {
    return this.machineService.update(ctx, id, input);
  }

  @Mutation(() => Boolean, { description: 'Factory admins' })
  removeMachine(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.machineService.remove(ctx, id);
  }

  @Mutation(() => Factory, { description: 'Operators: take an application into review' })
  startFactoryReview(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID }) factoryId: string) {
    return this.vetting.startReview(ctx, factoryId);
  }

  @Mutation(() => ApproveFactoryResult, { description: 'Operators: approve a reviewed application (the factory starts on probation)' })
  approveFactory(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID }) factoryId: string, @Args('note', { type: () => String, nullable: true }) note?: string) {
    return this.vetting.approve(ctx, factoryId, note);
  }

  @Mutation(() => FactoryDecisionResult, { description: 'Operators: reject a reviewed application, with the reason' })
  rejectFactory(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID }) factoryId: string, @Args('reason') reason: string) {
    return this.vetting.reject(ctx, factoryId, reason);
  }

  @Mutation(() => FactoryDecisionResult, { description: 'Operators: suspend an approved factory (signs its members out, removes it from eligibility)' })
  suspendFactory(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID }) factoryId: string, @Args('reason') reason: string) {
    return this.vetting.suspend(ctx, factoryId, reason);
  }

  @Mutation(() => Factory, { description: 'Operators: lift a suspension' })
  reinstateFactory(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID }) factoryId: string, @Args('note', { type: () => String, nullable: true }) note?: string) {
    return this.vetting.reinstate(ctx, factoryId, note);
  }

  @Mutation(() => FactoryDecisionResult, { description: 'Operators: probation settings of one factory' })
  setFactoryProbation(@Ctx() ctx: RequestContext, @Args('factoryId', { type: () => ID }) factoryId: string, @Args('input') input: ProbationInput) {
    return this.vetting.setProbation(ctx, factoryId, input);
  }

  @ResolveField(() => [Machine])
  machines(@Ctx() ctx: RequestContext, @Parent() factory: Factory) {
    return this.factoryService.machinesOf(ctx, factory);
  }

  @ResolveField(() => [Certificate])
  certificates(@Ctx() ctx: RequestContext, @Parent() factory: Factory) {
    return this.factoryService.certificatesOf(ctx, factory);
  }

  @ResolveField(() => Scorecard)
  scorecard(@Ctx() ctx: RequestContext, @Parent() factory: Factory) {
    return this.scorecards.scorecardOf(ctx, factory);
  }

  @ResolveField(() => ScoreEventConnection, { description: 'Newest first' })
  scoreEvents(@Ctx() ctx: RequestContext, @Parent() factory: Factory, @Args() args: ConnectionArgs) {
    return this.scorecards.eventsOf(ctx, factory, args);
  }
}
