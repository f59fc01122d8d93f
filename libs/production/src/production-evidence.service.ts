import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { JobLineStatus, UUID } from '@partsmith/orders';
import { PaymentsFacade } from '@partsmith/payments';
import {
  APP_CONFIG,
  AuditTrail,
  ConflictError,
  DomainEvents,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  OBJECT_STORAGE,
  receiveSingleFile,
  sniffDocumentType,
  type AppConfig,
  type DocumentType,
  type ObjectStorage,
  type ReceivedFile,
  type RequestContext,
} from '@partsmith/platform';
import type { Request } from 'express';
import { InspectionEvidenceKind, JobLineDispute, JobLineFile, JobLineFilePurpose, JobLineMilestone, type UploaderSide } from './entities';
import { inspectionReportName, requiredInspectionReport } from './inspection-evidence';
import { JobLineAccess, type LocatedJobLine } from './job-line-access.service';

/** Where each kind of file may be uploaded: the job line's statuses, and the content types accepted. */
const PHOTO_TYPES: readonly DocumentType[] = ['image/png', 'image/jpeg'];
const DOCUMENT_TYPES: readonly DocumentType[] = ['application/pdf', 'image/png', 'image/jpeg'];
const PRODUCING: readonly JobLineStatus[] = [JobLineStatus.awarded, JobLineStatus.scheduled, JobLineStatus.in_production];
const AFTER_AWARD_UNTIL_ACCEPTED: readonly JobLineStatus[] = [...PRODUCING, JobLineStatus.shipped, JobLineStatus.delivered];

interface UploadTarget {
  purpose: JobLineFilePurpose;
  side: UploaderSide;
  located: LocatedJobLine;
  milestoneId?: string;
  disputeId?: string;
}

/**
 * Files about a job line after award: the awarded factory's milestone photos and inspection reports, and
 * the evidence both sides attach to a dispute. Uploads stream to object storage (size-capped, sha256),
 * are recognised by content (PDF, PNG, JPEG), and are recorded with an audit entry; downloads are for the
 * ordering designer organisation, the awarded factory and operators, and each one is audited.
 */
@Injectable()
export class ProductionEvidenceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly access: JobLineAccess,
    private readonly payments: PaymentsFacade,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
  ) {}

  /** A photo (PNG or JPEG) of one of the factory's milestones on this job line. */
  async uploadMilestonePhoto(ctx: RequestContext, jobLineId: string, milestoneId: string, req: Request): Promise<JobLineFile> {
    const located = await this.access.locateAs(ctx, jobLineId, 'factory', false);
    const milestone = UUID.test(milestoneId) ? await ctx.db.findOneBy(JobLineMilestone, { id: milestoneId, jobLineId: located.line.id }) : null;
    if (!milestone) throw new NotFoundError('Milestone', milestoneId);
    return this.receive(ctx, req, { purpose: JobLineFilePurpose.milestone_photo, side: 'factory', located, milestoneId: milestone.id }, PHOTO_TYPES);
  }

  /** An inspection report (form field `kind`: inspection_record, cmm_report or first_article_as9102). */
  async uploadInspectionReport(ctx: RequestContext, jobLineId: string, req: Request): Promise<JobLineFile> {
    const located = await this.access.locateAs(ctx, jobLineId, 'factory', false);
    return this.receive(ctx, req, { purpose: JobLineFilePurpose.inspection_report, side: 'factory', located }, DOCUMENT_TYPES);
  }

  /** Photos or documents for an open dispute, from the ordering designer or the awarded factory. */
  async uploadDisputeEvidence(ctx: RequestContext, disputeId: string, req: Request): Promise<JobLineFile> {
    const dispute = UUID.test(disputeId) ? await ctx.db.findOneBy(JobLineDispute, { id: disputeId }) : null;
    if (!dispute) throw new NotFoundError('Dispute', disputeId);
    const located = await this.access.locate(ctx, dispute.jobLineId, false);
    if (located.relation === 'operator') throw new ForbiddenError('Operators decide disputes; the designer and the factory bring the evidence');
    return this.receive(ctx, req, { purpose: JobLineFilePurpose.dispute_evidence, side: located.relation, located, disputeId: dispute.id }, DOCUMENT_TYPES);
  }

  async download(ctx: RequestContext, fileId: string): Promise<{ file: JobLineFile; stream: Readable }> {
    const file = UUID.test(fileId) ? await ctx.db.findOneBy(JobLineFile, { id: fileId }) : null;
    if (!file) throw new NotFoundError('File', fileId);
    const { line } = await this.access.locate(ctx, file.jobLineId, false).catch(() => {
      throw new NotFoundError('File', fileId); // a job line the caller may not see hides its files too
    });
    const stream = await this.storage.get(file.storageKey);
    await this.audit.record(ctx, {
      action: 'job_line.file_downloaded',
      subjectType: 'job_line',
      subjectId: line.id,
      subjectOrganizationId: line.organizationId,
      details: { fileId: file.id, purpose: file.purpose, sha256: file.sha256 },
    });
    return { file, stream };
  }

  /** The files of a job line the caller may see, oldest first (optionally one purpose). */
  async list(ctx: RequestContext, jobLineId: string, purpose?: JobLineFilePurpose): Promise<JobLineFile[]> {
    const { line } = await this.access.locate(ctx, jobLineId, false);
    return ctx.db.find(JobLineFile, { where: { jobLineId: line.id, ...(purpose ? { purpose } : {}) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The inspection report kinds already uploaded for a job line (no access check: callers have located the line). */
  async inspectionKinds(ctx: RequestContext, jobLineId: string): Promise<InspectionEvidenceKind[]> {
    const rows: Array<{ inspection_kind: InspectionEvidenceKind }> = await ctx.db.query(
      `SELECT DISTINCT inspection_kind FROM job_line_files WHERE job_line_id = $1 AND purpose = 'inspection_report'`,
      [jobLineId],
    );
    return rows.map((row) => row.inspection_kind);
  }

  private async receive(ctx: RequestContext, req: Request, target: UploadTarget, types: readonly DocumentType[]): Promise<JobLineFile> {
    this.requireStatus(target);
    const file = await receiveSingleFile(req, this.storage, { maxBytes: this.config.production.evidenceMaxBytes, keyPrefix: `production/${target.located.line.id}` });
    try {
      return await this.record(ctx, target, file, types);
    } catch (error) {
      await this.storage.delete(file.storageKey).catch(() => undefined);
      throw error;
    }
  }

  private async record(ctx: RequestContext, target: UploadTarget, file: ReceivedFile, types: readonly DocumentType[]): Promise<JobLineFile> {
    const contentType = await sniffDocumentType(this.storage, file.storageKey);
    if (!contentType || !types.includes(contentType)) {
      const names = types.map((t) => t.split('/')[1].toUpperCase());
      const expected = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
      throw new InvalidInputError(`${file.fileName} is not a ${expected} file (judged by its content, not its name); upload one of those`);
    }
    if (file.sizeBytes === 0) throw new InvalidInputError(`${file.fileName} is empty`);
    const inspectionKind = target.purpose === JobLineFilePurpose.inspection_report ? this.inspectionKind(file.fields.kind) : null;

    return ctx.transaction(async (db) => {
      const located = await this.access.locate(ctx, target.located.line.id, true); // the order locked; the status re-read
      this.requireStatus({ ...target, located });
      if (target.disputeId) {
        const dispute = await db.findOneByOrFail(JobLineDispute, { id: target.disputeId });
        if (dispute.resolution) throw new ConflictError('This dispute is decided; evidence can no longer be added');
      }
      const { line } = located;
      const saved = await db.save(
        db.create(JobLineFile, {
          jobLineId: line.id,
          purpose: target.purpose,
          inspectionKind,
          milestoneId: target.milestoneId ?? null,
          disputeId: target.disputeId ?? null,
          uploaderSide: target.side,
          uploadedByOrganizationId: ctx.requirePrincipal().organizationId,
          uploadedBy: ctx.principal?.userId ?? null,
          fileName: file.fileName,
          contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          storageKey: file.storageKey,
        }),
      );
      if (inspectionKind && inspectionKind === requiredInspectionReport(line.inspectionLevel)) {
        // The escrow waits for the report the order paid for; tell payments it is there.
        await this.payments.recordInspectionEvidence(ctx, { orderId: line.orderId, allocationKey: line.id });
      }
      await this.audit.record(ctx, {
        action: 'job_line.file_uploaded',
        subjectType: 'job_line',
        subjectId: line.id,
        subjectOrganizationId: line.organizationId,
        details: { fileId: saved.id, purpose: target.purpose, inspectionKind, sha256: file.sha256, sizeBytes: file.sizeBytes, fileName: file.fileName, side: target.side },
      });
      if (target.purpose === JobLineFilePurpose.inspection_report) {
        await this.events.publish(ctx, { type: 'job_line.inspection_evidence', organizationId: line.organizationId, id: line.id, status: inspectionKind ?? undefined });
      }
      return db.findOneByOrFail(JobLineFile, { id: saved.id });
    });
  }

  private requireStatus({ purpose, located }: UploadTarget): void {
    const status = located.line.status;
    const allowed =
      purpose === JobLineFilePurpose.dispute_evidence ? [JobLineStatus.disputed] : purpose === JobLineFilePurpose.inspection_report ? AFTER_AWARD_UNTIL_ACCEPTED : [...PRODUCING, JobLineStatus.shipped];
    if (!allowed.includes(status)) {
      throw new ConflictError(`The job line is ${status}; ${purpose.replace(/_/g, ' ')} uploads are taken while it is ${allowed.join(', ')}`);
    }
  }

  private inspectionKind(value: string | undefined): InspectionEvidenceKind {
    if (!value || !Object.hasOwn(InspectionEvidenceKind, value)) {
      const kinds = Object.values(InspectionEvidenceKind);
      throw new InvalidInputError(`Say what the report is in the form field "kind": one of ${kinds.join(', ')} (${kinds.map(inspectionReportName).join(', ')})`);
    }
    return value as InspectionEvidenceKind;
  }
}
