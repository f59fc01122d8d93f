import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ErrorResult, defineErrorResult, resultUnion } from '@partsmith/platform';
import { Invitation, Membership, Organization, RoleEnum, User } from './entities';

@ObjectType({ description: 'A signed-in session: a short-lived access token and a single-use refresh token.' })
export class AuthPayload {
  @Field(() => String, { description: 'JWT (HS256) for the Authorization: Bearer header' })
  accessToken: string;

  @Field(() => Date)
  accessTokenExpiresAt: Date;

  @Field(() => String, { description: 'Single use: each refresh returns a new one; reusing an old one ends the session' })
  refreshToken: string;

  @Field(() => Date)
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => RoleEnum)
  role: RoleEnum;
}

export const InvalidCredentialsError = defineErrorResult('InvalidCredentialsError', 'INVALID_CREDENTIALS');
export type InvalidCredentialsError = InstanceType<typeof InvalidCredentialsError>;
export const EmailAlreadyRegisteredError = defineErrorResult('EmailAlreadyRegisteredError', 'EMAIL_ALREADY_REGISTERED');
export type EmailAlreadyRegisteredError = InstanceType<typeof EmailAlreadyRegisteredError>;
export const OrganizationSuspendedError = defineErrorResult('OrganizationSuspendedError', 'ORGANIZATION_SUSPENDED');
export type OrganizationSuspendedError = InstanceType<typeof OrganizationSuspendedError>;
export const InvalidRefreshTokenError = defineErrorResult('InvalidRefreshTokenError', 'INVALID_REFRESH_TOKEN');
export type InvalidRefreshTokenError = InstanceType<typeof InvalidRefreshTokenError>;
export const InvitationInvalidError = defineErrorResult('InvitationInvalidError', 'INVITATION_INVALID');
export type InvitationInvalidError = InstanceType<typeof InvitationInvalidError>;
export const AlreadyMemberError = defineErrorResult('AlreadyMemberError', 'ALREADY_MEMBER');
export type AlreadyMemberError = InstanceType<typeof AlreadyMemberError>;

@ObjectType('InputValidationError', { implements: () => [ErrorResult] })
export class InputValidationError extends ErrorResult {
  @Field(() => String, { description: 'The input field that is wrong' })
  field: string;

  constructor(field: string, message: string) {
    super();
    this.errorCode = 'INVALID_INPUT';
    this.field = field;
    this.message = message;
  }
}

@ObjectType('TooManyAttemptsError', { implements: () => [ErrorResult] })
export class TooManyAttemptsError extends ErrorResult {
  @Field(() => Int)
  retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super();
    this.errorCode = 'TOO_MANY_ATTEMPTS';
    this.retryAfterSeconds = retryAfterSeconds;
    this.message = `Too many attempts; try again in ${retryAfterSeconds} s`;
  }
}

export const LastManagerError = defineErrorResult('LastManagerError', 'LAST_MANAGER');
export type LastManagerError = InstanceType<typeof LastManagerError>;

@ObjectType()
export class MemberRemoved {
  @Field(() => String)
  membershipId: string;
}

@ObjectType({ description: 'The invitation was recorded and its email queued.' })
export class InvitationCreated {
  @Field(() => Invitation)
  invitation: Invitation;
}

export const SignUpResult = resultUnion('SignUpResult', () => [AuthPayload, EmailAlreadyRegisteredError, InputValidationError, TooManyAttemptsError] as const);
export const LoginResult = resultUnion('LoginResult', () => [AuthPayload, InvalidCredentialsError, OrganizationSuspendedError, TooManyAttemptsError] as const);
export const RefreshSessionResult = resultUnion('RefreshSessionResult', () => [AuthPayload, InvalidRefreshTokenError] as const);
export const ChangePasswordResult = resultUnion('ChangePasswordResult', () => [AuthPayload, InvalidCredentialsError, InputValidationError] as const);
export const InviteMemberResult = resultUnion('InviteMemberResult', () => [InvitationCreated, AlreadyMemberError, InputValidationError] as const);
export const AcceptInvitationResult = resultUnion(
  'AcceptInvitationResult',
  () => [AuthPayload, InvitationInvalidError, InvalidCredentialsError, InputValidationError, TooManyAttemptsError] as const,
);

export type SignUpOutcome = AuthPayload | EmailAlreadyRegisteredError | InputValidationError | TooManyAttemptsError;
export type LoginOutcome = AuthPayload | InvalidCredentialsError | OrganizationSuspendedError | TooManyAttemptsError;
export type RefreshOutcome = AuthPayload | InvalidRefreshTokenError;
export type ChangePasswordOutcome = AuthPayload | InvalidCredentialsError | InputValidationError;
export type InviteMemberOutcome = InvitationCreated | AlreadyMemberError | InputValidationError;
export type AcceptInvitationOutcome = AuthPayload | InvitationInvalidError | InvalidCredentialsError | InputValidationError | TooManyAttemptsError;
export const ChangeMemberRoleResult = resultUnion('ChangeMemberRoleResult', () => [Membership, LastManagerError, InputValidationError] as const);
export const RemoveMemberResult = resultUnion('RemoveMemberResult', () => [MemberRemoved, LastManagerError] as const);
export type ChangeMemberRoleOutcome = Membership | LastManagerError | InputValidationError;
export type RemoveMemberOutcome = MemberRemoved | LastManagerError;
