import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, RateLimiter, ROLES_BY_ORGANIZATION_KIND, type AppConfig, type RequestContext } from '@partsmith/platform';
import { QueryFailedError } from 'typeorm';
import { Membership, Organization, RefreshToken, Session, User } from './entities';
import type { LoginInput, SignUpInput, ChangePasswordInput } from './dto/auth.inputs';
import {
  EmailAlreadyRegisteredError,
  InputValidationError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  OrganizationSuspendedError,
  TooManyAttemptsError,
  type ChangePasswordOutcome,
  type LoginOutcome,
  type RefreshOutcome,
  type SignUpOutcome,
} from './identity.results';
import { PasswordService } from './password.service';
import { SessionIssuer } from './session-issuer.service';
import { hashToken } from './tokens.service';

const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function slugify(name: string): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'org';
  return `${base}-${randomBytes(3).toString('hex')}`;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof QueryFailedError && (error.driverError as { constraint?: string })?.constraint === constraint;
}

/** Sign-up, login, refresh-token rotation, logout and password change. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionIssuer,
    private readonly limiter: RateLimiter,
  ) {}

  async signUp(ctx: RequestContext, input: SignUpInput): Promise<SignUpOutcome> {
    const limit = this.config.auth.rateLimit;
    const decision = await this.limiter.hit('signup', ctx.meta.ip ?? 'unknown', limit.max, limit.windowSeconds);
    if (!decision.allowed) return new TooManyAttemptsError(decision.retryAfterSeconds);

    const email = normalizeEmail(input.email);
    const invalid = this.validateSignUp(input, email);
    if (invalid) return invalid;
    if (await ctx.db.findOneBy(User, { email })) return new EmailAlreadyRegisteredError(`${email} already has an account; sign in instead`);

    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await ctx.transaction(async (db) => {
        const organization = await db.save(
          db.create(Organization, {
            kind: input.organizationKind as 'designer' | 'factory',
            name: input.organizationName.trim(),
            slug: slugify(input.organizationName),
            country: input.country ?? null,
          }),
        );
        const user = await db.save(db.create(User, { email, displayName: input.displayName.trim(), passwordHash }));
        const role = ROLES_BY_ORGANIZATION_KIND[organization.kind][0];
        await db.save(db.create(Membership, { userId: user.id, organizationId: organization.id, role }));
        return this.sessions.open(ctx, await db.findOneByOrFail(User, { id: user.id }), await db.findOneByOrFail(Organization, { id: organization.id }), role);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) return new EmailAlreadyRegisteredError(`${email} already has an account; sign in instead`);
      throw error;
    }
  }

  private validateSignUp(input: SignUpInput, email: string): InputValidationError | undefined {
    if (!EMAIL.test(email)) return new InputValidationError('email', `"${input.email}" is not an email address`);
    const weakness = this.passwords.weakness(input.password, email);
    if (weakness) return new InputValidationError('password', weakness);
    if (!input.displayName.trim() || input.displayName.length > 100) return new InputValidationError('displayName', 'Display name must be 1-100 characters');
    if (!input.organizationName.trim() || input.organizationName.length > 200) {
      return new InputValidationError('organizationName', 'Organisation name must be 1-200 characters');
    }
    if (!['designer', 'factory'].includes(input.organizationKind)) {
      return new InputValidationError('organizationKind', `organizationKind must be "designer" or "factory" (got "${input.organizationKind}")`);
    }
    if (input.country !== undefined && input.country !== null && !/^[A-Z]{2}$/.test(input.country)) {
      return new InputValidationError('country', `country must be an ISO 3166-1 alpha-2 code such as "DE" (got "${input.country}")`);
    }
    return undefined;
  }

  /** Only failed attempts count toward the limit, per email and client address. */
  async login(ctx: RequestContext, input: LoginInput): Promise<LoginOutcome> {
    const email = normalizeEmail(input.email);
    const { max, windowSeconds } = this.config.auth.rateLimit;
    const subject = `${ctx.meta.ip ?? 'unknown'}:${email}`;
    const before = await this.limiter.check('login', subject, max);
    if (!before.allowed) return new TooManyAttemptsError(before.retryAfterSeconds);

    const fail = async (): Promise<LoginOutcome> => {
      await this.limiter.hit('login', subject, max, windowSeconds);
      return new InvalidCredentialsError('Email or password is wrong');
    };

    const user = await ctx.db.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    if (!user) {
      await this.passwords.verifyAgainstNobody(input.password);
      return fail();
    }
    if (!(await this.passwords.verify(user.passwordHash, input.password)) || user.status !== 'active') return fail();

    const memberships = await ctx.db.find(Membership, { where: { userId: user.id }, order: { createdAt: 'ASC' } });
    const membership = input.organizationId ? memberships.find((m) => m.organizationId === input.organizationId) : memberships[0];
    if (!membership) return fail();
    const organization = await ctx.db.findOneByOrFail(Organization, { id: membership.organizationId });
    if (organization.status !== 'active') {
      return new OrganizationSuspendedError(`${organization.name} is suspended${organization.suspendedReason ? `: ${organization.suspendedReason}` : ''}`);
    }
    return this.sessions.open(ctx, user, organization, membership.role);
  }

  /**
   * Rotates a refresh token. A token that was already rotated being presented again means it leaked:
   * the whole family (session) is revoked and both holders must sign in again.
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<RefreshOutcome> {
    return ctx.transaction(async (db) => {
      const token = await db
        .createQueryBuilder(RefreshToken, 't')
        .setLock('pessimistic_write')
        .where('t.tokenHash = :hash', { hash: hashToken(refreshToken) })
        .getOne();
      if (!token) return new InvalidRefreshTokenError('This refresh token is not known; sign in again');
      const session = await db.createQueryBuilder(Session, 's').setLock('pessimistic_write').where('s.id = :id', { id: token.sessionId }).getOneOrFail();
      if (session.revokedAt) return new InvalidRefreshTokenError('This session has ended; sign in again');
      if (token.usedAt) {
        await this.sessions.revoke(db, { sessionId: session.id }, 'refresh_token_reuse');
        return new InvalidRefreshTokenError('This refresh token was already used, so the session was ended for safety; sign in again');
      }
      if (token.expiresAt.getTime() <= Date.now() || session.expiresAt.getTime() <= Date.now()) {
        return new InvalidRefreshTokenError('This session has expired; sign in again');
      }
      const user = await db.findOneByOrFail(User, { id: session.userId });
      const organization = await db.findOneByOrFail(Organization, { id: session.organizationId });
      const membership = await db.findOneBy(Membership, { userId: user.id, organizationId: organization.id });
      if (user.status !== 'active' || organization.status !== 'active' || !membership) {
        await this.sessions.revoke(db, { sessionId: session.id }, organization.status !== 'active' ? 'organization_suspended' : 'user_disabled');
        return new InvalidRefreshTokenError('This account can no longer sign in to this organisation');
      }
      const next = await this.sessions.issueRefreshToken(db, session);
      await db.update(RefreshToken, { id: token.id }, { usedAt: new Date(), replacedBy: next.row.id });
      await db.query(`UPDATE sessions SET last_used_at = now() WHERE id = $1`, [session.id]);
      return this.sessions.payload(session, next, user, organization, membership.role);
    });
  }

  async logout(ctx: RequestContext): Promise<boolean> {
    const principal = ctx.requirePrincipal();
    return ctx.transaction(async (db) => (await this.sessions.revoke(db, { sessionId: principal.sessionId }, 'logout')) > 0);
  }

  /** Ends every session of the user (all devices) and opens a new one for this device. */
  async changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<ChangePasswordOutcome> {
    const principal = ctx.requirePrincipal();
    const user = await ctx.db.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id: principal.userId }).getOneOrFail();
    if (!(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      return new InvalidCredentialsError('The current password is wrong');
    }
    const weakness = this.passwords.weakness(input.newPassword, user.email);
    if (weakness) return new InputValidationError('newPassword', weakness);
    const passwordHash = await this.passwords.hash(input.newPassword);
    return ctx.transaction(async (db) => {
      await db.query(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [user.id, passwordHash]);
      await this.sessions.revoke(db, { userId: user.id }, 'password_changed');
      const organization = await db.findOneByOrFail(Organization, { id: principal.organizationId });
      return this.sessions.open(ctx, await db.findOneByOrFail(User, { id: user.id }), organization, principal.role);
    });
  }
}
