import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type RequestContext, type Role } from '@partsmith/platform';
import type { EntityManager } from 'typeorm';
import { Organization, RefreshToken, RoleEnum, Session, User } from './entities';
import { AuthPayload } from './identity.results';
import { newOpaqueToken, TokensService } from './tokens.service';

export type RevocationReason = 'logout' | 'refresh_token_reuse' | 'password_changed' | 'organization_suspended' | 'user_disabled' | 'membership_removed';

/** Opens sessions (a refresh-token family) and ends them. */
@Injectable()
export class SessionIssuer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokensService,
  ) {}

  async open(ctx: RequestContext, user: User, organization: Organization, role: Role): Promise<AuthPayload> {
    return ctx.transaction(async (db) => {
      const ttl = this.config.auth.refreshTokenTtlSeconds * 1000;
      const session = await db.save(
        db.create(Session, {
          userId: user.id,
          organizationId: organization.id,
          expiresAt: new Date(Date.now() + ttl),
          ip: ctx.meta.ip ?? null,
          userAgent: ctx.meta.userAgent ?? null,
        }),
      );
      const refresh = await this.issueRefreshToken(db, session);
      return this.payload(session, refresh, user, organization, role);
    });
  }

  async issueRefreshToken(db: EntityManager, session: Session): Promise<{ token: string; row: RefreshToken }> {
    const { token, hash } = newOpaqueToken();
    const row = await db.save(db.create(RefreshToken, { sessionId: session.id, tokenHash: hash, expiresAt: session.expiresAt }));
    return { token, row };
  }

  payload(session: Session, refresh: { token: string; row: RefreshToken }, user: User, organization: Organization, role: Role): AuthPayload {
    const access = this.tokens.signAccessToken({ sub: user.id, sid: session.id, org: organization.id, kind: organization.kind, role });
    return Object.assign(new AuthPayload(), {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.row.expiresAt,
      user,
      organization,
      role: role as RoleEnum,
    });
  }

  async revoke(db: EntityManager, where: { sessionId?: string; userId?: string; organizationId?: string }, reason: RevocationReason): Promise<number> {
    const [column, value] = where.sessionId ? ['id', where.sessionId] : where.userId ? ['user_id', where.userId] : ['organization_id', where.organizationId];
    const result: [unknown[], number] = await db.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE ${column} = $1 AND revoked_at IS NULL`,
      [value, reason],
    );
    return result[1];
  }
}
