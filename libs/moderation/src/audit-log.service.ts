import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { APP_CONFIG, keysetPage, type AppConfig, type ConnectionArgs, type ConnectionShape, type RequestContext } from '@partsmith/platform';
import { AuditEntry } from './audit-entry.entity';

export interface AuditLogFilter {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  actorUserId?: string;
  subjectOrganizationId?: string;
}

/** Reading the audit log: operators read all of it; designers read who accessed their own parts' files. */
@Injectable()
export class AuditLogService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
  ) {}

  /** Operators: newest first, filtered. */
  async entries(ctx: RequestContext, filter: AuditLogFilter, args: ConnectionArgs): Promise<ConnectionShape<AuditEntry>> {
    this.access.requireOperator(ctx);
    const query = ctx.db.createQueryBuilder(AuditEntry, 'a');
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.subjectType) query.andWhere('a.subject_type = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId) query.andWhere('a.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.actorUserId) query.andWhere('a.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.subjectOrganizationId) query.andWhere('a.subject_organization_id = :org', { org: filter.subjectOrganizationId });
    return keysetPage(query, 'a', args, this.config.graphql.maxPageSize, { descending: true });
  }

  /**
   * Who opened a part's CAD file or preview, when, at which preview level. A designer sees the entries of
   * parts their organisation owns (the owner is recorded with each entry, so another organisation's part
   * id yields nothing); operators see every part's.
   */
  async partAccessLog(ctx: RequestContext, partId: string, args: ConnectionArgs): Promise<ConnectionShape<AuditEntry>> {
    const principal = this.access.requireRole(ctx, 'designer', 'operator');
    const query = ctx.db
      .createQueryBuilder(AuditEntry, 'a')
      .where(`a.subject_type = 'part' AND a.subject_id = :partId AND a.action = 'part.cad_accessed'`, { partId });
    if (principal.role !== 'operator') query.andWhere('a.subject_organization_id = :org', { org: principal.organizationId });
    return keysetPage(query, 'a', args, this.config.graphql.maxPageSize, { descending: true });
  }
}
