import { Inject, Injectable } from '@nestjs/common';
import { isGeometryParseError, type PreviewFiles, type UnitOverride } from '@partsmith/geometry';
import { defineJob, DomainEvents, JobHandler, OBJECT_STORAGE, PermanentJobError, setQueueConcurrency, type JobRun, type ObjectStorage } from '@partsmith/platform';
import { PartRevision, type PreviewKeys } from '../entities';
import { hasAllPreviews, VIEWER_MESH_CONTENT_TYPE } from '../preview-files';
import { GeometryWorkers } from '../geometry-workers';

/** Previews run on their own queue, after the analysis: quoting never waits for them. */
export const BuildPreviewsJob = defineJob<{ revisionId: string }>({ queue: 'previews', name: 'part.previews', attempts: 3, backoffMs: 2_000 });
setQueueConcurrency('previews', 1); // CPU-heavy and never urgent: leave the cores to analyses and quotes

/** The same bytes as a Buffer, without copying them (Buffer.from(typedArray) would). */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Stores a decimated (low_poly) and a full preview in millimetres, each as binary STL (downloads, and what
 * factories may see before award) and as the web viewer's compact mesh (PSVM, gzipped). Revisions that reused this revision's analysis get the same previews.
 */
@Injectable()
export class BuildPreviewsHandler {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly events: DomainEvents,
    private readonly geometry: GeometryWorkers,
  ) {}

  @JobHandler(BuildPreviewsJob)
  async build({ revisionId }: { revisionId: string }, { ctx }: JobRun): Promise<void> {
    const revision = await ctx.db.findOneBy(PartRevision, { id: revisionId });
    if (!revision) throw new PermanentJobError(`part revision ${revisionId} does not exist`);
    if (hasAllPreviews(revision.previewKeys)) return; // done before (a replayed job)
    const units = (revision.unitsOverride ?? undefined) as UnitOverride | undefined;
    let previews: Record<string, PreviewFiles>;
    try {
      previews = await this.geometry.previews(await this.storage.read(revision.fileKey), revision.fileName, ['low_poly', 'full'], { units, handOver: true });
    } catch (error) {
      if (isGeometryParseError(error)) throw new PermanentJobError(`revision ${revisionId} no longer parses: ${error.message}`);
      throw error;
    }
    const keys: PreviewKeys = {};
    for (const level of ['low_poly', 'full'] as const) {
      const key = `previews/${revision.organizationId}/${revision.id}/${level}.stl`;
      await this.storage.put(key, asBuffer(previews[level].stl), { contentType: 'model/stl' });
      keys[level] = key;
      const meshKey = `previews/${revision.organizationId}/${revision.id}/${level}.psvm.gz`;
      await this.storage.put(meshKey, asBuffer(previews[level].viewerMeshGzip), { contentType: VIEWER_MESH_CONTENT_TYPE });
      keys[`${level}_mesh`] = meshKey;
    }
    await ctx.transaction(async (db) => {
      await db.query(`UPDATE part_revisions SET preview_keys = $2 WHERE id = $1 OR analysis_source_id = $1`, [revision.id, JSON.stringify(keys)]);
      await this.events.publish(ctx, { type: 'part.revision.previews', organizationId: revision.organizationId, id: revision.id, status: 'ready' });
    });
  }
}
