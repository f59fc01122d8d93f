import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AuditTrail,
  ConflictError,
  InvalidInputError,
  keysetPage,
  NotFoundError,
  OBJECT_STORAGE,
  receiveSingleFile,
  type AppConfig,
  type ConnectionArgs,
  type ConnectionShape,
  type ObjectStorage,
  type RequestContext,
  sniffDocumentType,
} from '@partsmith/platform';
import type { Request } from 'express';
import type { CertificateInput } from './dto/factory.inputs';
import { Certificate } from './entities';
import { FactoryAccess } from './factory-access.service';
import { certificateLifecycle } from './factory-lifecycle';
import { validateCertificate } from './factory-profile.validation';
import {
  CertificateDocumentMissingError,
  CertificateExpiredError,
  InputValidationError,
  type AddCertificateOutcome,
  type CertificateDecisionOutcome,
} from './factories.results';

/** Accepted certificate documents: PDF or a scan (PNG, JPEG), recognised by their first bytes. */

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

/** The certificate vault: factories add certificates and upload documents; operators verify or reject. */
@Injectable()
export class CertificateService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly factoryAccess: FactoryAccess,
    private readonly audit: AuditTrail,
  ) {}

  async add(ctx: RequestContext, input: CertificateInput): Promise<AddCertificateOutcome> {
    const factory = await this.factoryAccess.ownForChange(ctx);
    const problem = validateCertificate(input);
    if (problem) return new InputValidationError(problem.field, problem.message);
    const saved = await ctx.db.save(
      ctx.db.create(Certificate, {
        factoryId: factory.id,
        kind: input.kind,
        title: input.kind === 'other' ? input.title!.trim() : (input.title?.trim() || null),
        number: input.number.trim(),
        issuer: input.issuer.trim(),
        scope: input.scope.trim(),
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        status: 'pending',
      }),
    );
    return ctx.db.findOneByOrFail(Certificate, { id: saved.id });
  }

  /**
   * Streams the document of a pending or rejected certificate into storage (size-capped, hashed). A new
   * document sends a rejected certificate back for review. Verified certificates keep their document.
   */
  async attachDocument(ctx: RequestContext, certificateId: string, req: Request): Promise<Certificate> {
    const certificate = await this.find(ctx, certificateId);
    const factory = await this.factoryAccess.requireManagerOf(ctx, certificate.factoryId);
    if (certificate.status === 'verified' || certificate.status === 'expired') {
      throw new ConflictError(`This certificate is ${certificate.status}; add a new certificate for a new document`);
    }
    const file = await receiveSingleFile(req, this.storage, { maxBytes: this.config.factories.certificateMaxBytes, keyPrefix: `certificates/${factory.id}` });
    try {
      await this.requireDocumentType(file.storageKey, file.fileName);
      const previousKey = await ctx.transaction(async (db) => {
        const locked = await db.createQueryBuilder(Certificate, 'c').setLock('pessimistic_write').where('c.id = :id', { id: certificate.id }).getOneOrFail();
        if (locked.status === 'verified' || locked.status === 'expired') throw new ConflictError(`This certificate is ${locked.status}`);
        const status = locked.status === 'rejected' ? certificateLifecycle.transition('rejected', 'pending') : locked.status;
        await db.update(Certificate, { id: locked.id }, {
          documentKey: file.storageKey,
          documentName: file.fileName,
          documentSha256: file.sha256,
          documentSizeBytes: file.sizeBytes,
          status,
          updatedAt: new Date(),
        });
        await this.audit.record(ctx, {
          action: 'certificate.document_uploaded',
          subjectType: 'certificate',
          subjectId: locked.id,
          subjectOrganizationId: factory.organizationId,
          details: { sha256: file.sha256, sizeBytes: file.sizeBytes, fileName: file.fileName },
        });
        return locked.documentKey;
      });
      if (previousKey) await this.storage.delete(previousKey).catch(() => undefined);
    } catch (error) {
      await this.storage.delete(file.storageKey).catch(() => undefined);
      throw error;
    }
    return ctx.db.findOneByOrFail(Certificate, { id: certificate.id });
  }

  /** The document, for the factory's own members and for operators (who need it to verify). */
  async document(ctx: RequestContext, certificateId: string): Promise<{ stream: Readable; fileName: string; sizeBytes: number }> {
    const certificate = await this.find(ctx, certificateId);
    await this.factoryAccess.readable(ctx, certificate.factoryId);
    if (!certificate.documentKey) throw new NotFoundError('Document of certificate', certificateId);
    return { stream: await this.storage.get(certificate.documentKey), fileName: certificate.documentName ?? 'certificate', sizeBytes: certificate.documentSizeBytes ?? 0 };
  }

  async verify(ctx: RequestContext, certificateId: string, note: string | null | undefined): Promise<CertificateDecisionOutcome> {
    const principal = this.factoryAccess.requireOperator(ctx);
    return ctx.transaction(async (db) => {
      const certificate = await this.lock(ctx, certificateId);
      certificateLifecycle.transition(certificate.status, 'verified');
      if (!certificate.documentKey) return new CertificateDocumentMissingError('The factory has not uploaded the certificate document yet; it cannot be verified without it');
      if (certificate.validUntil < todayUtc()) return new CertificateExpiredError(`This certificate expired on ${certificate.validUntil}`);
      await db.update(Certificate, { id: certificate.id }, { status: 'verified', decisionNote: note?.trim() || null, decidedBy: principal.userId, decidedAt: new Date(), updatedAt: new Date() });
      await this.recordDecision(ctx, certificate, 'certificate.verified', note);
      return db.findOneByOrFail(Certificate, { id: certificate.id });
    });
  }

  async reject(ctx: RequestContext, certificateId: string, note: string): Promise<CertificateDecisionOutcome> {
    const principal = this.factoryAccess.requireOperator(ctx);
    if (!note?.trim()) return new InputValidationError('note', 'Say why the certificate is rejected; the factory will see the note');
    return ctx.transaction(async (db) => {
      const certificate = await this.lock(ctx, certificateId);
      certificateLifecycle.transition(certificate.status, 'rejected');
      await db.update(Certificate, { id: certificate.id }, { status: 'rejected', decisionNote: note.trim(), decidedBy: principal.userId, decidedAt: new Date(), updatedAt: new Date() });
      await this.recordDecision(ctx, certificate, 'certificate.rejected', note);
      return db.findOneByOrFail(Certificate, { id: certificate.id });
    });
  }

  /** Operators: pending certificates, oldest first (those with a document are ready to decide). */
  async awaitingReview(ctx: RequestContext, args: ConnectionArgs): Promise<ConnectionShape<Certificate>> {
    this.factoryAccess.requireOperator(ctx);
    const query = ctx.db.createQueryBuilder(Certificate, 'c').where(`c.status = 'pending'`);
    return keysetPage(query, 'c', args, this.config.graphql.maxPageSize);
  }

  private async recordDecision(ctx: RequestContext, certificate: Certificate, action: string, note: string | null | undefined): Promise<void> {
    const [{ organization_id }] = await ctx.db.query(`SELECT organization_id FROM factories WHERE id = $1`, [certificate.factoryId]);
    await this.audit.record(ctx, {
      action,
      subjectType: 'certificate',
      subjectId: certificate.id,
      subjectOrganizationId: organization_id,
      details: { factoryId: certificate.factoryId, kind: certificate.kind, number: certificate.number, note: note?.trim() || null },
    });
  }

  private async requireDocumentType(key: string, fileName: string): Promise<void> {
    if (!(await sniffDocumentType(this.storage, key))) throw new InvalidInputError(`${fileName} is not a PDF, PNG or JPEG; upload the certificate as one of those`);
  }


  private async find(ctx: RequestContext, certificateId: string): Promise<Certificate> {
    ctx.requirePrincipal();
    const certificate = await ctx.db.findOneBy(Certificate, { id: certificateId });
    if (!certificate) throw new NotFoundError('Certificate', certificateId);
    return certificate;
  }

  private async lock(ctx: RequestContext, certificateId: string): Promise<Certificate> {
    const certificate = await ctx.db.createQueryBuilder(Certificate, 'c').setLock('pessimistic_write').where('c.id = :id', { id: certificateId }).getOne();
    if (!certificate) throw new NotFoundError('Certificate', certificateId);
    return certificate;
  }
}
