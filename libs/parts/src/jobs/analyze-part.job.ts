import { Inject, Injectable, Logger } from '@nestjs/common';
import { isGeometryParseError, type UnitOverride } from '@partsmith/geometry';
import { defineJob, DomainEvents, JobHandler, OBJECT_STORAGE, OutboxService, PermanentJobError, type JobRun, type ObjectStorage, type RequestContext } from '@partsmith/platform';
import { PartRevision, PartRevisionStatus } from '../entities';
import { GeometryWorkers } from '../geometry-workers';
import { BuildPreviewsJob } from './build-previews.job';
import { partRevisionLifecycle } from '../part-state';

export const AnalyzePartJob = defineJob<{ revisionId: string }>({ queue: 'geometry', name: 'part.analyze', attempts: 3, backoffMs: 2_000 });

/**
 * Parses and measures an uploaded file and stores the report; previews follow in their own job. A file
 * that cannot be read ends as `rejected` with the reason; the worker keeps running. Results are stored,
 * never recomputed.
 */
@Injectable()
export class AnalyzePartHandler {
  private readonly logger = new Logger(AnalyzePartHandler.name);

  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly events: DomainEvents,
    private readonly outbox: OutboxService,
    private readonly geometry: GeometryWorkers,
  ) {}

  @JobHandler(AnalyzePartJob)
  async analyze({ revisionId }: { revisionId: string }, run: JobRun): Promise<void> {
    const { ctx } = run;
    const revision = await this.claim(ctx, revisionId);
    if (!revision) return; // already analysed or rejected (a duplicate or replayed job)

    const bytes = await this.storage.read(revision.fileKey); // storage trouble: throw, BullMQ retries
    let outcome: { analysis: PartRevision['analysis'] } | { code: string; reason: string };
    try {
      const units = (revision.unitsOverride ?? undefined) as UnitOverride | undefined;
      outcome = { analysis: await this.geometry.analyze(bytes, revision.fileName, { units, handOver: true }) };
    } catch (error) {
      if (isGeometryParseError(error)) {
        outcome = { code: error.code, reason: error.message };
      } else if (run.attempt < AnalyzePartJob.attempts) {
        throw error;
      } else {
        this.logger.error(`analysis of revision ${revision.id} failed for good: ${(error as Error).stack ?? error}`);
        outcome = { code: 'ANALYSIS_FAILED', reason: 'The file could not be analysed because of an internal error; the team has been told' };
      }
    }
    await this.settle(ctx, revision.id, outcome);
  }

  /** Moves the revision to `analyzing`; undefined when there is nothing to do. */
  private async claim(ctx: RequestContext, revisionId: string): Promise<PartRevision | undefined> {
    return ctx.transaction(async (db) => {
      const revision = await db.createQueryBuilder(PartRevision, 'r').setLock('pessimistic_write').where('r.id = :id', { id: revisionId }).getOne();
      if (!revision) throw new PermanentJobError(`part revision ${revisionId} does not exist`);
      if (!partRevisionLifecycle.canTransition(revision.status, PartRevisionStatus.analyzing)) return undefined;
      await db.update(PartRevision, { id: revision.id }, { status: PartRevisionStatus.analyzing });
      return revision;
    });
  }

  private async settle(
    ctx: RequestContext,
    revisionId: string,
    outcome: { analysis: PartRevision['analysis'] } | { code: string; reason: string },
  ): Promise<void> {
    await ctx.transaction(async (db) => {
      const revision = await db.createQueryBuilder(PartRevision, 'r').setLock('pessimistic_write').where('r.id = :id', { id: revisionId }).getOneOrFail();
      const target = 'analysis' in outcome ? PartRevisionStatus.analyzed : PartRevisionStatus.rejected;
      if (!partRevisionLifecycle.canTransition(revision.status, target)) return; // settled by a concurrent run
      partRevisionLifecycle.transition(revision.status, target);
      if ('analysis' in outcome) {
        await db.update(PartRevision, { id: revisionId }, { status: target, analysis: outcome.analysis, analyzedAt: new Date() });
        await this.outbox.add(ctx, BuildPreviewsJob, { revisionId });
      } else {
        await db.update(PartRevision, { id: revisionId }, { status: target, rejectedCode: outcome.code, rejectedReason: outcome.reason, analyzedAt: new Date() });
      }
      await this.events.publish(ctx, { type: `part.revision.${target}`, organizationId: revision.organizationId, id: revision.id, status: target });
    });
  }
}
