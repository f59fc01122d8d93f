import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config';
import type { JobDefinition, JobPayload } from './job-definition';
import { QueueRegistry } from './queue-registry.service';

/** A cron pattern (UTC unless tz is given), or null to switch the schedule off. */
export type RepeatSchedule = { pattern: string; tz?: string } | null;

interface RepeatableRegistration {
  job: JobDefinition;
  schedule: (config: AppConfig) => RepeatSchedule;
  payload: JobPayload;
}

const repeatables = new Map<string, RepeatableRegistration>();

/**
 * Runs a declared job on a schedule (BullMQ job scheduler, one per job name, so many workers upserting it
 * still give one schedule). The schedule is read from config at worker boot. The handler is an ordinary
 * @JobHandler; singleton work should still guard itself (tryAdvisoryXactLock), as a manual run or a
 * second scheduler can overlap.
 */
export function repeatJob<P extends JobPayload>(job: JobDefinition<P>, schedule: (config: AppConfig) => RepeatSchedule, payload: P): void {
  if (repeatables.has(job.name)) throw new Error(`Job "${job.name}" already has a schedule`);
  repeatables.set(job.name, { job: job as JobDefinition, schedule, payload });
}

export function allRepeatableJobs(): ReadonlyArray<{ job: JobDefinition; payload: JobPayload; schedule: (config: AppConfig) => RepeatSchedule }> {
  return [...repeatables.values()];
}

/** Worker side: upserts (or removes, when switched off) the scheduler of every repeatable job. */
@Injectable()
export class RepeatableJobScheduler {
  private readonly logger = new Logger(RepeatableJobScheduler.name);

  constructor(
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    for (const { job, schedule, payload } of allRepeatableJobs()) {
      const queue = this.queues.queue(job.queue);
      const repeat = schedule(this.config);
      if (!repeat) {
        await queue.removeJobScheduler(job.name);
        continue;
      }
      await queue.upsertJobScheduler(
        job.name,
        { pattern: repeat.pattern, ...(repeat.tz ? { tz: repeat.tz } : {}) },
        {
          name: job.name,
          data: payload,
          opts: {
            attempts: job.attempts,
            backoff: { type: 'exponential', delay: job.backoffMs },
            removeOnComplete: { age: 7 * 86_400 },
            removeOnFail: { age: 30 * 86_400 },
          },
        },
      );
      this.logger.log(`scheduled ${job.name} at "${repeat.pattern}"${repeat.tz ? ` (${repeat.tz})` : ' (UTC)'}`);
    }
  }
}
