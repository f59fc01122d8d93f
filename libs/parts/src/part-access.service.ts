import { Injectable } from '@nestjs/common';
import { AccessService } from '@partsmith/identity';
import { ForbiddenError, NotFoundError, type Principal, type RequestContext } from '@partsmith/platform';
import { Part, PartRevision } from './entities';
import { hasAllPreviews } from './preview-files';

/**
 * Who may see a part and its file: its organisation's designers and operators. (Factories get previews
 * at the designer's chosen level before award, and the file after award — added with sourcing.)
 */
@Injectable()
export class PartAccess {
  constructor(private readonly access: AccessService) {}

  requireDesigner(ctx: RequestContext): Principal {
    return this.access.requireRole(ctx, 'designer');
  }

  canSee(principal: Principal, organizationId: string): boolean {
    return principal.role === 'operator' || (principal.role === 'designer' && principal.organizationId === organizationId);
  }

  async part(ctx: RequestContext, partId: string): Promise<Part> {
    const principal = ctx.requirePrincipal();
    const part = await ctx.db.findOneBy(Part, { id: partId });
    if (!part) throw new NotFoundError('Part', partId);
    if (!this.canSee(principal, part.organizationId)) throw new ForbiddenError('This part belongs to another organisation');
    return part;
  }

  /**
   * A revision's preview files. A revision that reused another's analysis shares its previews, which may
   * have been built after the copy was made.
   */
  async previewKeys(ctx: RequestContext, revision: PartRevision): Promise<PartRevision['previewKeys']> {
    if (hasAllPreviews(revision.previewKeys) || !revision.analysisSourceId) return revision.previewKeys;
    const source = await ctx.db.findOneBy(PartRevision, { id: revision.analysisSourceId });
    return { ...source?.previewKeys, ...revision.previewKeys };
  }

  /**
   * The viewer mesh of a part's current revision (or of `revisionId`, which must be one of the part's) at
   * `level`: the same access as the STL preview of that revision.
   */
  async viewerMesh(ctx: RequestContext, partId: string, level: 'low_poly' | 'full', revisionId?: string): Promise<{ revision: PartRevision; key: string }> {
    const part = await this.part(ctx, partId);
    const id = revisionId ?? part.currentRevisionId;
    const revision = id ? await ctx.db.findOneBy(PartRevision, { id, partId: part.id }) : null;
    if (!revision) throw new NotFoundError('Part revision', revisionId ? `${revisionId} of part ${partId}` : `current of part ${partId}`);
    const key = (await this.previewKeys(ctx, revision))[`${level}_mesh`];
    if (!key) {
      throw new NotFoundError('Viewer mesh', `${level} of revision ${revision.id} (status ${revision.status}; previews built before the viewer mesh existed have only /parts/revisions/${revision.id}/preview/${level})`);
    }
    return { revision, key };
  }

  async revision(ctx: RequestContext, revisionId: string): Promise<PartRevision> {
    const principal = ctx.requirePrincipal();
    const revision = await ctx.db.findOneBy(PartRevision, { id: revisionId });
    if (!revision) throw new NotFoundError('Part revision', revisionId);
    if (!this.canSee(principal, revision.organizationId)) throw new ForbiddenError('This part belongs to another organisation');
    return revision;
  }
}
