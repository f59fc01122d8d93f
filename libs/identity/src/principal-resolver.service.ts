import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrganizationKind, PrincipalResolution, PrincipalResolver, Role } from '@partsmith/platform';
import { DataSource } from 'typeorm';
import { TokensService } from './tokens.service';

/**
 * A verified JWT is not enough: the session must still be live, the user active and the organisation
 * not suspended. Checked on every request (one indexed query), so logout, password change and
 * suspension end sessions at once rather than when the access token expires. The role comes from the
 * membership, so a role change also applies at once.
 */
@Injectable()
export class SessionPrincipalResolver implements PrincipalResolver {
  constructor(
    private readonly tokens: TokensService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async resolve(accessToken: string): Promise<PrincipalResolution> {
    const verified = this.tokens.verifyAccessToken(accessToken);
    if ('problem' in verified) return verified;
    const { claims } = verified;
    const rows: Array<{ kind: OrganizationKind; role: Role; revoked_reason: string | null; org_status: string; user_status: string; expired: boolean }> =
      await this.dataSource.query(
        `SELECT o.kind, m.role, s.revoked_reason, o.status AS org_status, u.status AS user_status, s.expires_at <= now() AS expired
           FROM sessions s
           JOIN users u ON u.id = s.user_id
           JOIN organizations o ON o.id = s.organization_id
           LEFT JOIN memberships m ON m.user_id = s.user_id AND m.organization_id = s.organization_id
          WHERE s.id = $1 AND s.user_id = $2`,
        [claims.sid, claims.sub],
      );
    const row = rows[0];
    if (!row) return { problem: 'This session does not exist; sign in again' };
    if (row.revoked_reason) return { problem: `This session has ended (${row.revoked_reason.replace(/_/g, ' ')}); sign in again` };
    if (row.expired) return { problem: 'This session has expired; sign in again' };
    if (row.org_status !== 'active') return { problem: 'Your organisation is suspended' };
    if (row.user_status !== 'active' || !row.role) return { problem: 'This account can no longer act for this organisation' };
    return { principal: { userId: claims.sub, sessionId: claims.sid, organizationId: claims.org, organizationKind: row.kind, role: row.role } };
  }
}
