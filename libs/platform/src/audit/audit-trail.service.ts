import { Global, Injectable, Module } from '@nestjs/common';
import type { RequestContext } from '../context';
import type { JsonValue } from '../queue/job-definition';

export interface AuditEntryInput {
  /** Dotted lower-case verb, e.g. "factory.approved", "membership.role_changed", "part.cad_accessed". */
  action: string;
  /** What the action was about: "factory", "certificate", "membership", "organization", "part", … */
  subjectType: string;
  subjectId: string;
  /** The organisation that owns the subject; lets that organisation read entries about its own things. */
  subjectOrganizationId?: string | null;
  details?: { [key: string]: JsonValue };
}

/**
 * Writes the append-only audit log (table `audit_log`; UPDATE and DELETE are refused by a trigger) in
 * the caller's transaction, so an action and its audit entry commit together. The actor is the caller
 * of ctx (none for jobs and seeds). Reading the log is the moderation context's business.
 */
@Injectable()
export class AuditTrail {
  async record(ctx: RequestContext, entry: AuditEntryInput): Promise<void> {
    const principal = ctx.principal;
    await ctx.db.query(
      `INSERT INTO audit_log (actor_user_id, actor_organization_id, actor_role, action, subject_type, subject_id, subject_organization_id, details, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        principal?.userId ?? null,
        principal?.organizationId ?? null,
        principal?.role ?? null,
        entry.action,
        entry.subjectType,
        entry.subjectId,
        entry.subjectOrganizationId ?? null,
        JSON.stringify(entry.details ?? {}),
        ctx.requestId,
      ],
    );
  }

  /**
   * Every access to a designer's CAD file or preview: who (ctx), when (now), which part, which level.
   * The part's owning organisation can read these entries (moderation `partAccessLog`).
   */
  recordCadAccess(
    ctx: RequestContext,
    access: { partId: string; ownerOrganizationId: string; previewLevel: string; revisionId?: string; what?: 'file' | 'preview' },
  ): Promise<void> {
    return this.record(ctx, {
      action: 'part.cad_accessed',
      subjectType: 'part',
      subjectId: access.partId,
      subjectOrganizationId: access.ownerOrganizationId,
      details: { previewLevel: access.previewLevel, revisionId: access.revisionId ?? null, what: access.what ?? 'file' },
    });
  }
}

@Global()
@Module({ providers: [AuditTrail], exports: [AuditTrail] })
export class AuditModule {}
