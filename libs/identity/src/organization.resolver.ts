import { Args, ArgsType, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, ConnectionArgs, Ctx, type RequestContext } from '@partsmith/platform';
import { SuspendOrganizationInput } from './dto/auth.inputs';
import { Membership, Organization, OrganizationKindEnum, OrganizationStatus, RoleEnum, User } from './entities';
import { ChangeMemberRoleResult, RemoveMemberResult } from './identity.results';
import { MembershipService } from './membership.service';
import { OrganizationService } from './organization.service';

@ObjectType()
export class OrganizationConnection extends Connection(Organization) {}

@ObjectType()
export class MembershipConnection extends Connection(Membership) {}

@ArgsType()
class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationKindEnum, { nullable: true })
  kind?: OrganizationKindEnum;

  @Field(() => OrganizationStatus, { nullable: true })
  status?: OrganizationStatus;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly service: OrganizationService) {}

  @Query(() => OrganizationConnection, { description: 'All organisations (operators only)' })
  organizations(@Ctx() ctx: RequestContext, @Args() args: OrganizationsArgs) {
    return this.service.list(ctx, args);
  }

  @Query(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.service.organization(ctx, id);
  }

  @ResolveField(() => MembershipConnection)
  members(@Ctx() ctx: RequestContext, @Parent() organization: Organization, @Args() args: ConnectionArgs) {
    return this.service.members(ctx, organization.id, args);
  }

  @Mutation(() => Organization, { description: 'Operators: suspend an organisation; its members are signed out at once' })
  suspendOrganization(@Ctx() ctx: RequestContext, @Args('input') input: SuspendOrganizationInput) {
    return this.service.suspend(ctx, input.organizationId, input.reason);
  }

  @Mutation(() => Organization, { description: 'Operators: lift a suspension' })
  reinstateOrganization(@Ctx() ctx: RequestContext, @Args('organizationId', { type: () => ID }) organizationId: string) {
    return this.service.reinstate(ctx, organizationId);
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly memberships: MembershipService,
  ) {}

  @Mutation(() => ChangeMemberRoleResult, { description: "Member managers: change a colleague's role (applies to their live sessions at once)" })
  changeMemberRole(
    @Ctx() ctx: RequestContext,
    @Args('membershipId', { type: () => ID }) membershipId: string,
    @Args('role', { type: () => RoleEnum }) role: RoleEnum,
  ) {
    return this.memberships.changeRole(ctx, membershipId, role);
  }

  @Mutation(() => RemoveMemberResult, { description: 'Member managers: remove a colleague (signs them out of this organisation)' })
  removeMember(@Ctx() ctx: RequestContext, @Args('membershipId', { type: () => ID }) membershipId: string) {
    return this.memberships.remove(ctx, membershipId);
  }

  @ResolveField(() => User)
  user(@Ctx() ctx: RequestContext, @Parent() membership: Membership) {
    return this.organizations.userOf(ctx, membership);
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() membership: Membership) {
    return this.organizations.organizationOf(ctx, membership);
  }
}
