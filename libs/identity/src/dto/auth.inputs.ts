import { Field, ID, InputType } from '@nestjs/graphql';
import { RoleEnum } from '../entities';

export enum SignUpOrganizationKind {
  designer = 'designer',
  factory = 'factory',
}

@InputType()
export class SignUpInput {
  @Field(() => String)
  email: string;

  @Field(() => String)
  password: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, { description: 'Your company (or your own name): a new organisation is created for it' })
  organizationName: string;

  @Field(() => String, { description: '"designer" to buy parts, "factory" to make them' })
  organizationKind: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, e.g. "DE"' })
  country?: string;
}

@InputType()
export class LoginInput {
  @Field(() => String)
  email: string;

  @Field(() => String)
  password: string;

  @Field(() => ID, { nullable: true, description: 'Which of your organisations to act for (default: the first you joined)' })
  organizationId?: string;
}

@InputType()
export class RefreshSessionInput {
  @Field(() => String)
  refreshToken: string;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  currentPassword: string;

  @Field(() => String)
  newPassword: string;
}

@InputType()
export class InviteMemberInput {
  @Field(() => String)
  email: string;

  @Field(() => RoleEnum)
  role: RoleEnum;
}

@InputType()
export class AcceptInvitationInput {
  @Field(() => String)
  token: string;

  @Field(() => String, { description: 'Your password (existing account) or a new one (new account)' })
  password: string;

  @Field(() => String, { nullable: true, description: 'Needed when you have no account yet' })
  displayName?: string;
}

@InputType()
export class SuspendOrganizationInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => String)
  reason: string;
}
