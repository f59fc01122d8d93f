import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { APP_CONFIG, AuditTrail, InvalidInputError, NotFoundError, OBJECT_STORAGE, receiveSingleFile, RequestContextFactory, type AppConfig, type ObjectStorage } from '@partsmith/platform';
import type { Request, Response } from 'express';
import { PartAccess } from './part-access.service';
import { PartsService } from './parts.service';

/**
 * REST for bytes: uploads (multipart, streamed to storage, size-capped) and downloads of the original
 * file and its previews. Everything else about parts is GraphQL.
 */
@Controller('parts')
export class PartsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly contexts: RequestContextFactory,
    private readonly access: PartAccess,
    private readonly parts: PartsService,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * multipart/form-data: `file` (required), `name`, `units` (mm|cm|m|in, for STL/OBJ), `partId` (to add a
   * revision). 201 with the part and revision; analysis continues in the worker (poll the part, or reuse).
   */
  @Post('upload')
  @HttpCode(201)
  async upload(@Req() req: Request) {
    const ctx = await this.contexts.forRequest(req);
    const principal = this.access.requireDesigner(ctx); // before reading a byte of the body
    const file = await receiveSingleFile(req, this.storage, { maxBytes: this.config.uploads.maxBytes, keyPrefix: `parts/${principal.organizationId}` });
    try {
      const { part, revision, reusedAnalysis } = await this.parts.intake(ctx, file);
      return {
        partId: part.id,
        name: part.name,
        revisionId: revision.id,
        revision: revision.revision,
        status: revision.status,
        sha256: revision.sha256,
        sizeBytes: revision.sizeBytes,
        reusedAnalysis,
      };
    } catch (error) {
      await this.storage.delete(file.storageKey).catch(() => undefined); // nothing is kept for a refused upload
      throw error;
    }
  }

  /** The original file: the owning organisation and operators. Every download is in the part's access log. */
  @Get('revisions/:id/file')
  async file(@Req() req: Request, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string) {
    const ctx = await this.contexts.forRequest(req);
    const revision = await this.access.revision(ctx, id);
    const stream = await this.storage.get(revision.fileKey);
    await this.audit.recordCadAccess(ctx, { partId: revision.partId, ownerOrganizationId: revision.organizationId, previewLevel: 'full', revisionId: revision.id, what: 'file' });
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename="${revision.fileName.replace(/["\\\r\n]/g, '_')}"`);
    stream.pipe(res);
  }

  /** A preview as binary STL (low_poly or full), in millimetres. */
  @Get('revisions/:id/preview/:level')
  async preview(@Req() req: Request, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string, @Param('level') level: string) {
    const ctx = await this.contexts.forRequest(req);
    const revision = await this.access.revision(ctx, id);
    if (level !== 'low_poly' && level !== 'full') throw new InvalidInputError(`level must be low_poly or full (got "${level}")`);
    const key = (await this.access.previewKeys(ctx, revision))[level];
    if (!key) throw new NotFoundError('Preview', `${level} of revision ${id} (status ${revision.status})`);
    const stream = await this.storage.get(key);
    await this.audit.recordCadAccess(ctx, { partId: revision.partId, ownerOrganizationId: revision.organizationId, previewLevel: level, revisionId: revision.id, what: 'preview' });
    res.setHeader('content-type', 'model/stl');
    stream.pipe(res);
  }
}
