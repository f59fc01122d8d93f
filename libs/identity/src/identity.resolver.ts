import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@partsmith/platform';
import { AuthService } from './auth.service';
import {
  AcceptInvitationInput,
  ChangePasswordInput,
  InviteMemberInput,
  LoginInput,
  RefreshSessionInput,
  SignUpInput,
} from './dto/auth.inputs';
import { Invitation, Organization, RoleEnum, User } from './entities';
import {
  AcceptInvitationResult,
  ChangePasswordResult,
  InviteMemberResult,
  LoginResult,
  RefreshSessionResult,
  SignUpResult,
} from './identity.results';
import { InvitationService } from './invitation.service';
import { OrganizationService } from './organization.service';

@ObjectType({ description: 'The signed-in caller' })
export class Me {
  @Field(() => User)
  user: User;

  @Field(() => Organization, { description: 'The organisation this session acts for' })
  organization: Organization;

  @Field(() => RoleEnum)
  role: RoleEnum;
}

@Resolver()
export class IdentityResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationService,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => Me)
  async me(@Ctx() ctx: RequestContext): Promise<Me> {
    const { user, organization, membership } = await this.organizations.me(ctx);
    return { user, organization, role: membership.role as RoleEnum };
  }

  @Mutation(() => SignUpResult, { description: 'Creates an account and a new designer or factory organisation' })
  signUp(@Ctx() ctx: RequestContext, @Args('input') input: SignUpInput) {
    return this.auth.signUp(ctx, input);
  }

  @Mutation(() => LoginResult)
  login(@Ctx() ctx: RequestContext, @Args('input') input: LoginInput) {
    return this.auth.login(ctx, input);
  }

  @Mutation(() => RefreshSessionResult, { description: 'Exchanges a refresh token for new tokens; each refresh token works once' })
  refreshSession(@Ctx() ctx: RequestContext, @Args('input') input: RefreshSessionInput) {
    return this.auth.refresh(ctx, input.refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Ends this session' })
  logout(@Ctx() ctx: RequestContext) {
    return this.auth.logout(ctx);
  }

  @Mutation(() => ChangePasswordResult, { description: 'Ends every session of this account and opens a new one here' })
  changePassword(@Ctx() ctx: RequestContext, @Args('input') input: ChangePasswordInput) {
    return this.auth.changePassword(ctx, input);
  }

  @Mutation(() => InviteMemberResult)
  inviteMember(@Ctx() ctx: RequestContext, @Args('input') input: InviteMemberInput) {
    return this.invitations.invite(ctx, input);
  }

  @Mutation(() => AcceptInvitationResult)
  acceptInvitation(@Ctx() ctx: RequestContext, @Args('input') input: AcceptInvitationInput) {
    return this.invitations.accept(ctx, input);
  }

  @Query(() => [Invitation], { description: 'Open invitations of your organisation (member managers only)' })
  pendingInvitations(@Ctx() ctx: RequestContext) {
    return this.invitations.pendingFor(ctx);
  }
}
