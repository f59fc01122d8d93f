import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { ListenDrainLoop } from '../database/listen-drain-loop';
import { QueueRegistry, relayedJobOptions, type JobDefinition } from '../queue';
import { EVENTS_CHANNEL } from './domain-events';

/** The payload a subscriber job receives: one committed domain event. */
export type DomainEventJobPayload = {
  /** domain_events.id: identifies this publication. */
  eventId: string;
  type: string;
  organizationId: string;
  id: string;
  status: string | null;
  at: string;
};

const subscribers = new Map<string, JobDefinition<DomainEventJobPayload>>();
const subscribedTypes = new Map<string, ReadonlySet<string>>();

/**
 * Declares a job that runs once for every committed domain event (declare it at import, like defineJob).
 * The worker's DomainEventRelay enqueues one job per event and subscriber straight from the durable
 * `domain_events` row, so the job is as durable as the change that caused the event.
 */
export function subscribeToDomainEvents(job: JobDefinition<DomainEventJobPayload>, options: { types?: readonly string[] } = {}): void {
  if (subscribers.has(job.name)) throw new Error(`Job "${job.name}" already subscribes to domain events`);
  subscribers.set(job.name, job);
  if (options.types) subscribedTypes.set(job.name, new Set(options.types));
}

export function domainEventSubscribers(): Array<JobDefinition<DomainEventJobPayload>> {
  return [...subscribers.values()];
}

/** How long dispatched rows are kept (for inspection) before the sweep deletes them. */
const RETENTION_DAYS = 7;

/** Events one relay pass takes. */
const RELAY_BATCH = 200;

/** The subscriber job's id for one event: adding it twice (a relay that died before marking) runs it once. */
export const domainEventJobId = (eventId: string, jobName: string) => `event-${eventId}-${jobName}`;

/**
 * Worker side: hands committed `domain_events` rows to BullMQ, one job per subscriber (its id derived from
 * the event, so a repeated hand-over is ignored), then marks them dispatched while still holding their row
 * locks: every event reaches every subscriber exactly once, whether or not a worker was running when it was
 * published. Like the outbox relay, it goes straight from the durable row to Redis: an outbox row in
 * between would only add a second hop. Woken by the events NOTIFY; a periodic sweep picks up what was
 * published while no relay listened, or while Redis was away.
 */
@Injectable()
export class DomainEventRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DomainEventRelay.name);
  private readonly loop: ListenDrainLoop;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.loop = new ListenDrainLoop({
      databaseUrl: config.database.url,
      channel: EVENTS_CHANNEL,
      applicationName: 'partsmith-event-relay',
      intervalMs: config.outbox.pollIntervalMs,
      logger: this.logger,
      batchSize: RELAY_BATCH,
      drain: () => this.relayBatch(),
    });
  }

  async start(): Promise<void> {
    await this.loop.start();
    this.pruneTimer = setInterval(() => void this.prune(), 3_600_000);
  }

  /** Deletes dispatched events older than the retention period. */
  async prune(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM domain_events WHERE dispatched_at < now() - make_interval(days => $1)`, [RETENTION_DAYS])
      .catch((error: Error) => this.logger.warn(`event prune failed: ${error.message}`));
  }

  /**
   * Claims up to `limit` undispatched events (SKIP LOCKED, so several workers can relay), enqueues their
   * subscribers' jobs, marks them dispatched; returns how many. Redis down: the transaction rolls back and
   * the events wait for the next pass.
   */
  async relayBatch(limit = RELAY_BATCH): Promise<number> {
    const jobs = domainEventSubscribers();
    return this.dataSource.transaction(async (db) => {
      const rows: Array<{ id: string; type: string; organization_id: string; subject_id: string; status: string | null; occurred_at: Date }> = await db.query(
        `SELECT id::text AS id, type, organization_id, subject_id, status, occurred_at
           FROM domain_events WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      for (const job of jobs) {
        const types = subscribedTypes.get(job.name);
        const wanted = types ? rows.filter((row) => types.has(row.type)) : rows;
        if (wanted.length === 0) continue;
        await this.queues.queue(job.queue).addBulk(
          wanted.map((row) => ({
            name: job.name,
            data: {
              eventId: row.id,
              type: row.type,
              organizationId: row.organization_id,
              id: row.subject_id,
              status: row.status,
              at: new Date(row.occurred_at).toISOString(),
            } satisfies DomainEventJobPayload,
            opts: relayedJobOptions(job.name, domainEventJobId(row.id, job.name)),
          })),
        );
      }
      await db.query(`UPDATE domain_events SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.loop.stop();
  }
}
