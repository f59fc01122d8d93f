import { Inject, Injectable } from '@nestjs/common';
import { PartRevision, PreviewLevel, DfmFinding } from '@partsmith/parts';
import { APP_CONFIG, AuditTrail, ForbiddenError, NotFoundError, OBJECT_STORAGE, type AppConfig, type ObjectStorage, type RequestContext } from '@partsmith/platform';
import type { Readable } from 'node:stream';
import { downloadQuery, verifyDownload } from './download-link';
import { SourcingPartView } from './dto/part-view.types';
import type { SourcingJob } from './dto/job-board.types';
import { Award } from './entities';
import { SourcingAccess, UUID } from './sourcing-access.service';
import { CadDownloadLink, NdaRequiredError, NotAwardedError, type AcceptNdaOutcome, type CadDownloadLinkOutcome } from './sourcing.results';

const LEVEL_ORDER: readonly PreviewLevel[] = [PreviewLevel.none, PreviewLevel.bbox, PreviewLevel.low_poly, PreviewLevel.full];

/**
 * Tiered IP access. Before award a factory that may see the job (eligible, offered) gets the part's
 * metrics and DFM findings, the bounding box from level bbox, and a mesh preview at low_poly or full
 * through GET /sourcing/jobs/:id/preview — every fetch in the part's access log. After award and the NDA
 * (time, user and version stored on the award) the awarded factory — and no other — gets the original
 * through a short-lived HMAC-signed link; issuing and every download are audited too.
 */
@Injectable()
export class PartDisclosure {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly access: SourcingAccess,
    private readonly audit: AuditTrail,
  ) {}

  /** The part as the caller may see it (the job itself was already checked by the caller of this field). */
  async view(ctx: RequestContext, job: SourcingJob): Promise<SourcingPartView> {
    const principal = ctx.requirePrincipal();
    const revision = await ctx.db.findOneByOrFail(PartRevision, { id: job.partRevisionId });
    const awarded = this.access.isFactory(principal) ? Boolean(await this.activeAward(ctx, job.id, principal.organizationId)) : false;
    const full = !this.access.isFactory(principal) || awarded;
    const level = full ? PreviewLevel.full : job.previewLevel;
    const report = revision.analysis;
    return Object.assign(new SourcingPartView(), {
      previewLevel: job.previewLevel,
      volumeMm3: report?.volumeMm3 ?? null,
      surfaceAreaMm2: report?.surfaceAreaMm2 ?? null,
      triangles: report?.triangles ?? null,
      watertight: report?.watertight ?? null,
      bbox: report && atLeast(level, PreviewLevel.bbox) ? report.bbox : null,
      findings: (report?.findings ?? []).map((finding) => DfmFinding.from(finding)),
      previewPath: atLeast(job.previewLevel, PreviewLevel.low_poly) || full ? `/sourcing/jobs/${job.id}/preview` : null,
      awardedToYou: awarded,
    });
  }

  /** The mesh preview at the level the designer allows (the awarded factory, designer and operators: the best there is). */
  async preview(ctx: RequestContext, jobLineId: string): Promise<{ stream: Readable; level: string }> {
    const principal = ctx.requirePrincipal();
    await this.access.job(ctx, jobLineId); // eligible / offered / awarded, the designer, operators; others: not found
    const [line] = await ctx.db.query(`SELECT part_id, part_revision_id, organization_id, preview_level FROM job_lines WHERE id = $1`, [jobLineId]);
    const awarded = this.access.isFactory(principal) ? Boolean(await this.activeAward(ctx, jobLineId, principal.organizationId)) : true;
    const allowed: PreviewLevel = awarded ? PreviewLevel.full : line.preview_level;
    if (!atLeast(allowed, PreviewLevel.low_poly)) {
      throw new ForbiddenError(`The designer shares ${allowed === PreviewLevel.none ? 'no preview' : 'only the bounding box'} of this part before award`);
    }
    const revision = await ctx.db.findOneByOrFail(PartRevision, { id: line.part_revision_id });
    const level = allowed === PreviewLevel.full && revision.previewKeys.full ? 'full' : 'low_poly';
    const key = revision.previewKeys[level];
    if (!key) throw new NotFoundError('Preview', `${level} of job line ${jobLineId} (not built yet)`);
    const stream = await this.storage.get(key);
    await this.audit.recordCadAccess(ctx, { partId: line.part_id, ownerOrganizationId: line.organization_id, previewLevel: level, revisionId: revision.id, what: 'preview' });
    return { stream, level };
  }

  async acceptNda(ctx: RequestContext, jobLineId: string): Promise<AcceptNdaOutcome> {
    const caller = await this.access.callerFactory(ctx);
    const award = await this.activeAward(ctx, jobLineId, caller.organizationId);
    if (!award) return new NotAwardedError(`Job line ${jobLineId} is not awarded to your factory`);
    if (award.ndaAcceptedAt) return award; // the first acceptance stands
    await ctx.db.query(`UPDATE awards SET nda_version = $2, nda_accepted_at = now(), nda_accepted_by = $3 WHERE id = $1 AND nda_accepted_at IS NULL`, [
      award.id,
      this.config.sourcing.ndaVersion,
      caller.principal.userId,
    ]);
    const [line] = await ctx.db.query(`SELECT organization_id FROM job_lines WHERE id = $1`, [jobLineId]);
    await this.audit.record(ctx, {
      action: 'sourcing.nda_accepted',
      subjectType: 'job_line',
      subjectId: jobLineId,
      subjectOrganizationId: line.organization_id,
      details: { awardId: award.id, ndaVersion: this.config.sourcing.ndaVersion, factoryOrganizationId: caller.organizationId },
    });
    return ctx.db.findOneByOrFail(Award, { id: award.id });
  }

  async downloadLink(ctx: RequestContext, jobLineId: string): Promise<CadDownloadLinkOutcome> {
    const caller = await this.access.callerFactory(ctx);
    const award = await this.activeAward(ctx, jobLineId, caller.organizationId);
    if (!award) return new NotAwardedError(`Job line ${jobLineId} is not awarded to your factory`);
    if (!award.ndaAcceptedAt) return new NdaRequiredError('Accept the NDA (acceptNda) before downloading the original file');
    const [line] = await ctx.db.query(`SELECT part_id, part_revision_id, organization_id FROM job_lines WHERE id = $1`, [jobLineId]);
    const expires = Math.floor(Date.now() / 1000) + this.config.sourcing.downloadLinkTtlSeconds;
    const query = downloadQuery({ revisionId: line.part_revision_id, factoryOrganizationId: caller.organizationId, userId: caller.principal.userId, expires }, this.config.sourcing.linkSecret);
    await this.audit.record(ctx, {
      action: 'sourcing.cad_link_issued',
      subjectType: 'part',
      subjectId: line.part_id,
      subjectOrganizationId: line.organization_id,
      details: { jobLineId, revisionId: line.part_revision_id, factoryOrganizationId: caller.organizationId, expiresAt: new Date(expires * 1000).toISOString() },
    });
    const path = `/sourcing/files/${line.part_revision_id}?${query}`;
    return Object.assign(new CadDownloadLink(), { url: `${this.config.http.publicUrl?.replace(/\/$/, '') ?? ''}${path}`, expiresAt: new Date(expires * 1000) });
  }

  /** The signed link's download: signature and expiry, then the award and NDA again (a revoked award stops a live link). */
  async download(ctx: RequestContext, revisionId: string, query: Record<string, unknown>): Promise<{ stream: Readable; fileName: string }> {
    const grant = { revisionId, factoryOrganizationId: String(query.factory ?? ''), userId: String(query.user ?? ''), expires: Number(query.expires) };
    const check = verifyDownload(grant, String(query.sig ?? ''), this.config.sourcing.linkSecret);
    if (!check.ok) throw new ForbiddenError(check.reason === 'expired' ? 'This download link has expired: ask for a new one (cadDownloadLink)' : 'This download link is not valid');
    if (!UUID.test(grant.factoryOrganizationId)) throw new ForbiddenError('This download link is not valid');
    const [award] = await ctx.db.query(
      `SELECT a.id, a.job_line_id FROM awards a JOIN job_lines j ON j.id = a.job_line_id
        WHERE a.status = 'active' AND a.organization_id = $1 AND j.part_revision_id = $2 AND a.nda_accepted_at IS NOT NULL LIMIT 1`,
      [grant.factoryOrganizationId, revisionId],
    );
    if (!award) throw new ForbiddenError('This file is no longer available to your factory');
    const revision = await ctx.db.findOneByOrFail(PartRevision, { id: revisionId });
    const stream = await this.storage.get(revision.fileKey);
    await this.audit.record(ctx, {
      action: 'part.cad_accessed',
      subjectType: 'part',
      subjectId: revision.partId,
      subjectOrganizationId: revision.organizationId,
      details: { previewLevel: 'full', revisionId, what: 'file', via: 'signed_link', factoryOrganizationId: grant.factoryOrganizationId, userId: grant.userId, jobLineId: award.job_line_id },
    });
    return { stream, fileName: revision.fileName };
  }

  private activeAward(ctx: RequestContext, jobLineId: string, organizationId: string): Promise<Award | null> {
    return ctx.db.findOneBy(Award, { jobLineId, organizationId, status: 'active' });
  }
}

function atLeast(level: PreviewLevel, floor: PreviewLevel): boolean {
  return LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(floor);
}
