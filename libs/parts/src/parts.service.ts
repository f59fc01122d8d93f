import { Inject, Injectable } from '@nestjs/common';
import { SUPPORTED_EXTENSIONS } from '@partsmith/geometry';
import {
  APP_CONFIG,
  InvalidInputError,
  OBJECT_STORAGE,
  OutboxService,
  keysetPage,
  type AppConfig,
  type ConnectionArgs,
  type ConnectionShape,
  type ObjectStorage,
  type ReceivedFile,
  type RequestContext,
} from '@partsmith/platform';
import { In } from 'typeorm';
import { LengthUnitOverride, Part, PartRevision, PartRevisionStatus, PreviewLevel } from './entities';
import { AnalyzePartJob } from './jobs/analyze-part.job';
import { PartAccess } from './part-access.service';

export interface IntakeResult {
  part: Part;
  revision: PartRevision;
  /** The same bytes (and units) were analysed before in this organisation: that result was reused. */
  reusedAnalysis: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** Part intake (uploads, revisions, reuse of earlier analyses) and the designer's part queries. */
@Injectable()
export class PartsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly access: PartAccess,
    private readonly outbox: OutboxService,
  ) {}

  /** Records an uploaded file as a new part, or a new revision of `fields.partId`. */
  async intake(ctx: RequestContext, file: ReceivedFile): Promise<IntakeResult> {
    const principal = this.access.requireDesigner(ctx);
    const extension = extensionOf(file.fileName);
    if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(extension)) {
      throw new InvalidInputError(
        `${file.fileName}: ".${extension || '(none)'}" files are not supported; upload ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(', ')}`,
      );
    }
    const units = this.parseUnits(file.fields.units);
    const name = (file.fields.name ?? file.fileName.replace(/\.[^.]+$/, '')).trim().slice(0, 255) || file.fileName;
    const partId = file.fields.partId;
    if (partId !== undefined && !UUID.test(partId)) throw new InvalidInputError(`partId "${partId}" is not a part id`);

    const result = await ctx.transaction(async (db) => {
      const part = partId
        ? await this.lockOwnPart(ctx, partId)
        : await db.save(db.create(Part, { organizationId: principal.organizationId, name, createdBy: principal.userId }));
      const reusable = await this.reusableAnalysis(ctx, principal.organizationId, file.sha256, units);
      const revision = await this.addRevision(ctx, part, {
        fileName: file.fileName,
        fileKey: reusable?.fileKey ?? file.storageKey,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        unitsOverride: units,
        uploadedBy: principal.userId,
        reusable,
      });
      return { part: await db.findOneByOrFail(Part, { id: part.id }), revision, reusedAnalysis: Boolean(reusable) };
    });
    if (result.reusedAnalysis) await this.storage.delete(file.storageKey).catch(() => undefined); // the earlier copy serves
    return result;
  }

  /** A new revision of the same file read in other units (e.g. after a SUSPICIOUS_SIZE finding). */
  async reanalyzeWithUnits(ctx: RequestContext, revisionId: string, units: LengthUnitOverride): Promise<PartRevision> {
    const principal = this.access.requireDesigner(ctx);
    const source = await this.access.revision(ctx, revisionId);
    return ctx.transaction(async (db) => {
      const part = await this.lockOwnPart(ctx, source.partId);
      const reusable = await this.reusableAnalysis(ctx, principal.organizationId, source.sha256, units);
      const revision = await this.addRevision(ctx, part, { ...source, unitsOverride: units, uploadedBy: principal.userId, reusable });
      return db.findOneByOrFail(PartRevision, { id: revision.id });
    });
  }

  private async addRevision(
    ctx: RequestContext,
    part: Part,
    file: Pick<PartRevision, 'fileName' | 'fileKey' | 'sha256' | 'sizeBytes' | 'unitsOverride' | 'uploadedBy'> & { reusable?: PartRevision | null },
  ): Promise<PartRevision> {
    const db = ctx.db;
    const [{ next }] = await db.query(`SELECT coalesce(max(revision), 0) + 1 AS next FROM part_revisions WHERE part_id = $1`, [part.id]);
    const { reusable } = file;
    const revision = await db.save(
      db.create(PartRevision, {
        partId: part.id,
        organizationId: part.organizationId,
        revision: next,
        fileName: file.fileName,
        fileKey: file.fileKey,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        unitsOverride: file.unitsOverride,
        uploadedBy: file.uploadedBy,
        status: reusable?.status ?? PartRevisionStatus.uploaded,
        analysis: reusable?.analysis ?? null,
        previewKeys: reusable?.previewKeys ?? {},
        rejectedCode: reusable?.rejectedCode ?? null,
        rejectedReason: reusable?.rejectedReason ?? null,
        analysisSourceId: reusable?.id ?? null,
        analyzedAt: reusable ? new Date() : null,
      }),
    );
    await db.update(Part, { id: part.id }, { currentRevisionId: revision.id, updatedAt: new Date() });
    if (!reusable) await this.outbox.add(ctx, AnalyzePartJob, { revisionId: revision.id });
    return revision;
  }

  /** A finished analysis of the same bytes read in the same units, in the same organisation. */
  private reusableAnalysis(ctx: RequestContext, organizationId: string, sha256: string, units: LengthUnitOverride | null): Promise<PartRevision | null> {
    return ctx.db
      .createQueryBuilder(PartRevision, 'r')
      .where('r.organization_id = :organizationId AND r.sha256 = :sha256', { organizationId, sha256 })
      .andWhere('r.units_override IS NOT DISTINCT FROM :units', { units })
      .andWhere('r.status IN (:...done)', { done: [PartRevisionStatus.analyzed, PartRevisionStatus.rejected] })
      .andWhere('r.analysis_source_id IS NULL')
      .orderBy('r.created_at', 'ASC')
      .getOne();
  }

  private async lockOwnPart(ctx: RequestContext, partId: string): Promise<Part> {
    const part = await this.access.part(ctx, partId);
    if (part.organizationId !== ctx.requirePrincipal().organizationId) throw new InvalidInputError('Only the owning organisation can add revisions');
    await ctx.db.query(`SELECT id FROM parts WHERE id = $1 FOR UPDATE`, [partId]);
    return part;
  }

  private parseUnits(value: string | undefined): LengthUnitOverride | null {
    if (value === undefined || value === '') return null;
    if (!(Object.values(LengthUnitOverride) as string[]).includes(value)) {
      throw new InvalidInputError(`units must be one of mm, cm, m, in (got "${value}")`);
    }
    return value as LengthUnitOverride;
  }

  async list(ctx: RequestContext, args: ConnectionArgs): Promise<ConnectionShape<Part>> {
    const principal = this.access.requireDesigner(ctx);
    const query = ctx.db.createQueryBuilder(Part, 'p').where('p.organization_id = :org', { org: principal.organizationId });
    return keysetPage(query, 'p', args, this.config.graphql.maxPageSize, { descending: true });
  }

  part(ctx: RequestContext, id: string): Promise<Part> {
    return this.access.part(ctx, id);
  }

  revisions(ctx: RequestContext, part: Part): Promise<PartRevision[]> {
    return ctx.db.find(PartRevision, { where: { partId: part.id }, order: { revision: 'DESC' } });
  }

  currentRevision(ctx: RequestContext, part: Part): Promise<PartRevision | null> {
    if (!part.currentRevisionId) return Promise.resolve(null);
    return ctx.loaders
      .get<string, PartRevision | null>('parts.revisionById', async (ids) => {
        const rows = await ctx.db.findBy(PartRevision, { id: In([...ids]) });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      })
      .load(part.currentRevisionId);
  }

  async setPreviewLevel(ctx: RequestContext, partId: string, level: PreviewLevel): Promise<Part> {
    const principal = this.access.requireDesigner(ctx);
    const part = await this.access.part(ctx, partId);
    if (part.organizationId !== principal.organizationId) throw new InvalidInputError('Only the owning organisation can change what factories see');
    await ctx.db.update(Part, { id: part.id }, { previewLevel: level, updatedAt: new Date() });
    return ctx.db.findOneByOrFail(Part, { id: part.id });
  }
}
