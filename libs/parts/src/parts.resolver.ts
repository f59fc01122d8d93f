import { Args, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { GeometryAnalysis } from './dto/geometry-analysis.types';
import { LengthUnitOverride, Part, PartRevision, PreviewLevel } from './entities';
import { PartAccess } from './part-access.service';
import { PartsService } from './parts.service';

@ObjectType()
export class PartConnection extends Connection(Part) {}

@Resolver(() => Part)
export class PartResolver {
  constructor(private readonly service: PartsService) {}

  @Query(() => PartConnection, { description: "Your organisation's parts, newest first (designers)" })
  parts(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return this.service.list(ctx, args);
  }

  @Query(() => Part)
  part(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.part(ctx, id);
  }

  @ResolveField(() => PartRevision, { nullable: true })
  currentRevision(@Ctx() ctx: RequestContext, @Parent() part: Part) {
    return this.service.currentRevision(ctx, part);
  }

  @ResolveField(() => [PartRevision], { description: 'Newest first' })
  revisions(@Ctx() ctx: RequestContext, @Parent() part: Part) {
    return this.service.revisions(ctx, part);
  }

  @Mutation(() => Part, { description: 'Choose what factories may see of this part before award' })
  setPartPreviewLevel(
    @Ctx() ctx: RequestContext,
    @Args('partId', { type: () => ID }) partId: string,
    @Args('level', { type: () => PreviewLevel }) level: PreviewLevel,
  ) {
    return this.service.setPreviewLevel(ctx, partId, level);
  }

  @Mutation(() => PartRevision, { description: 'Read the same file in other units (STL/OBJ carry none): a new revision' })
  reanalyzePartWithUnits(
    @Ctx() ctx: RequestContext,
    @Args('revisionId', { type: () => ID }) revisionId: string,
    @Args('units', { type: () => LengthUnitOverride }) units: LengthUnitOverride,
  ) {
    return this.service.reanalyzeWithUnits(ctx, revisionId, units);
  }
}

@ObjectType()
export class PartPreviewLinks {
  @Field(() => String, { nullable: true })
  lowPoly: string | null;

  @Field(() => String, { nullable: true })
  full: string | null;
}

@Resolver(() => PartRevision)
export class PartRevisionResolver {
  constructor(private readonly access: PartAccess) {}

  @ResolveField(() => GeometryAnalysis, { nullable: true, description: 'Present once analysed' })
  analysis(@Parent() revision: PartRevision): GeometryAnalysis | null {
    return revision.analysis ? GeometryAnalysis.from(revision.analysis) : null;
  }

  @ResolveField(() => Boolean, { description: 'The same bytes were analysed before in this organisation and that result was reused' })
  reusedAnalysis(@Parent() revision: PartRevision): boolean {
    return revision.analysisSourceId !== null;
  }

  @ResolveField(() => PartPreviewLinks, { description: 'REST paths of the previews (binary STL, mm)' })
  async previews(@Ctx() ctx: RequestContext, @Parent() revision: PartRevision): Promise<PartPreviewLinks> {
    const keys = await this.access.previewKeys(ctx, revision);
    const path = (level: string) => `/parts/revisions/${revision.id}/preview/${level}`;
    return { lowPoly: keys.low_poly ? path('low_poly') : null, full: keys.full ? path('full') : null };
  }
}
