import { Injectable, Logger } from '@nestjs/common';
import {
  defineJob,
  JobHandler,
  OutboxService,
  repeatJob,
  setQueueConcurrency,
  tryAdvisoryXactLock,
  type JobRun,
  type RequestContext,
} from '@partsmith/platform';
import { SchedulePlanner } from '../schedule-planner.service';

/** Re-plan one factory. `trigger` names why ("award:<job line>", "cancel:…", "downtime:…", "routing:…", "nightly:<date>"). */
export const ReplanFactoryJob = defineJob<{ factoryId: string; trigger: string }>({
  queue: 'scheduling',
  name: 'scheduling.factory.replan',
  attempts: 5,
  backoffMs: 2_000,
});

/** Every night: re-plan every factory that has planned work, so promises follow the clock. */
export const NightlyReplanJob = defineJob<{ date: string | null }>({
  queue: 'scheduling',
  name: 'scheduling.nightly.replan',
  attempts: 3,
  backoffMs: 60_000,
});

// SCHEDULING_NIGHTLY_REPLAN_CRON (UTC, default 02:30); "off" removes the scheduler.
repeatJob(NightlyReplanJob, (config) => (config.scheduling.nightlyReplanCron ? { pattern: config.scheduling.nightlyReplanCron } : null), { date: null });
// The solver runs on the scheduling threads (up to 2 s each), not on this event loop; two re-plans at a time
// per worker keep the threads busy without queueing solves behind each other.
setQueueConcurrency('scheduling', 2);

export const NIGHTLY_REPLAN_LOCK = 'scheduling.nightly.replan';

@Injectable()
export class ReplanHandlers {
  private readonly logger = new Logger(ReplanHandlers.name);

  constructor(
    private readonly planner: SchedulePlanner,
    private readonly outbox: OutboxService,
  ) {}

  @JobHandler(ReplanFactoryJob)
  async replan(payload: { factoryId: string; trigger: string }, { ctx }: JobRun): Promise<void> {
    await this.planner.replan(ctx, payload.factoryId, payload.trigger);
  }

  @JobHandler(NightlyReplanJob)
  async nightly(payload: { date: string | null }, { ctx }: JobRun): Promise<void> {
    const date = payload.date ?? new Date().toISOString().slice(0, 10);
    const queued = await this.queueNightly(ctx, date);
    this.logger.log(queued === null ? `nightly re-plan ${date}: skipped (another run holds the lock)` : `nightly re-plan ${date}: ${queued} factories`);
  }

  /** One re-plan job per factory with planned work, under an advisory lock; null when another run holds it. */
  async queueNightly(ctx: RequestContext, date: string): Promise<number | null> {
    return ctx.transaction(async (db) => {
      if (!(await tryAdvisoryXactLock(db, NIGHTLY_REPLAN_LOCK))) return null;
      const factories: Array<{ factory_id: string }> = await db.query(`SELECT DISTINCT factory_id FROM production_jobs WHERE status = 'planned' ORDER BY factory_id`);
      for (const { factory_id } of factories) await this.outbox.add(ctx, ReplanFactoryJob, { factoryId: factory_id, trigger: `nightly:${date}` });
      return factories.length;
    });
  }
}
