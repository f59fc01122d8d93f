import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { APP_CONFIG, AuditTrail, InvalidInputError, NotFoundError, OBJECT_STORAGE, receiveSingleFile, RequestContextFactory, type AppConfig, type ObjectStorage } from '@partsmith/platform';
import type { Request, Response } from 'express';
import { PartAccess } from './part-access.service';
import { PartsService } from './parts.service';
import { VIEWER_MESH_CONTENT_TYPE } from './preview-files';

const isUUID = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

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

  /**
   * The web viewer's mesh (PSVM: welded, quantized, delta-coded; see libs/geometry viewer-mesh.ts) as a gzip
   * file, of the part's current revision or of `?revision=`. Gzip is the format, not a transfer encoding: the
   * browser hands the page 1/10 of the bytes and the viewer's worker unpacks them, off the page's thread.
   * Keyed by part so a page can ask for it as soon as its route matches, before it has the part's data;
   * `x-revision-id` says which revision answered. Access and audit as for the STL preview. Revalidated on
   * every use (the current revision can change, access can be withdrawn), 304 when the copy is still the one.
   */
  @Get(':partId/mesh/:level')
  async viewerMesh(@Req() req: Request, @Res() res: Response, @Param('partId', new ParseUUIDPipe()) partId: string, @Param('level') level: string, @Query('revision') revisionId?: string) {
    const ctx = await this.contexts.forRequest(req);
    if (level !== 'low_poly' && level !== 'full') throw new InvalidInputError(`level must be low_poly or full (got "${level}")`);
    if (revisionId !== undefined && !isUUID(revisionId)) throw new InvalidInputError(`revision must be a revision id (got "${revisionId}")`);
    const { revision, key } = await this.access.viewerMesh(ctx, partId, level, revisionId);
    await this.audit.recordCadAccess(ctx, { partId: revision.partId, ownerOrganizationId: revision.organizationId, previewLevel: level, revisionId: revision.id, what: 'preview' });
    res.setHeader('cache-control', 'private, no-cache');
    const etag = `"${revision.id}-${level}-psvm1"`; // a revision's previews never change once built
    res.setHeader('etag', etag);
    res.setHeader('x-revision-id', revision.id);
    res.setHeader('x-preview-level', level);
    // not req.fresh: it refuses any request carrying Cache-Control: no-cache, which fetch() adds to every explicit If-None-Match
    if (String(req.headers['if-none-match'] ?? '').split(',').some((tag) => [etag, '*'].includes(tag.trim().replace(/^W\//, '')))) {
      res.status(304).end();
      return;
    }
    res.setHeader('content-type', VIEWER_MESH_CONTENT_TYPE);
    (await this.storage.get(key)).pipe(res);
  }
}
