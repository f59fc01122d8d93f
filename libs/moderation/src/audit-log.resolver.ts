import { Args, ArgsType, Field, ID, ObjectType, Query, ResolveField, Resolver, Parent } from '@nestjs/graphql';
import { Connection, ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogService } from './audit-log.service';

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry) {}

@ArgsType()
class AuditLogArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true }) action?: string;
  @Field(() => String, { nullable: true }) subjectType?: string;
  @Field(() => String, { nullable: true }) subjectId?: string;
  @Field(() => ID, { nullable: true }) actorUserId?: string;
  @Field(() => ID, { nullable: true }) subjectOrganizationId?: string;
}

@Resolver(() => AuditEntry)
export class AuditLogResolver {
  constructor(private readonly auditLogService: AuditLogService) {}

  @Query(() => AuditEntryConnection, { description: 'Operators: the audit log, newest first' })
  auditLog(@Ctx() ctx: RequestContext, @Args() args: AuditLogArgs) {
    const { action, subjectType, subjectId, actorUserId, subjectOrganizationId, ...page } = args;
    return this.auditLogService.entries(ctx, { action, subjectType, subjectId, actorUserId, subjectOrganizationId }, page);
  }

  @Query(() => AuditEntryConnection, { description: "Who accessed a part's CAD file or preview (its designers, and operators), newest first" })
  partAccessLog(@Ctx() ctx: RequestContext, @Args('partId', { type: () => ID }) partId: string, @Args() args: ConnectionArgs) {
    return this.auditLogService.partAccessLog(ctx, partId, args);
  }

  @ResolveField(() => String)
  details(@Parent() entry: AuditEntry): string {
    return JSON.stringify(entry.details);
  }
}
