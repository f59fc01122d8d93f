import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { OUTBOX_CHANNEL, type JobDefinition } from '../queue';
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
 * The worker's DomainEventRelay writes one outbox row per event and subscriber, so the job is as durable
 * as the change that caused the event.
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

/**
 * Worker side: moves committed `domain_events` rows into the outbox, one job per subscriber, and marks
 * them dispatched in the same transaction, so every event reaches every subscriber exactly once, whether
 * or not a worker was running when it was published. Woken by the events NOTIFY; a periodic sweep picks
 * up what was published while no relay listened.
 */
@Injectable()
export class DomainEventRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DomainEventRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private rerun = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.listener = new Client({ connectionString: this.config.database.url, application_name: 'partsmith-event-relay' });
    this.listener.on('error', (error) => this.logger.warn(`event relay listener: ${error.message}`));
    await this.listener.connect();
    this.listener.on('notification', () => this.wake());
    await this.listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.timer = setInterval(() => this.wake(), this.config.outbox.pollIntervalMs);
    this.pruneTimer = setInterval(() => void this.prune(), 3_600_000);
    this.wake();
  }

  /** Deletes dispatched events older than the retention period. */
  async prune(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM domain_events WHERE dispatched_at < now() - make_interval(days => $1)`, [RETENTION_DAYS])
      .catch((error: Error) => this.logger.warn(`event prune failed: ${error.message}`));
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.error(`event relay failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.rerun) {
          this.rerun = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.relayBatch()) > 0) {
      // keep going while batches come back
    }
  }

  /** Claims up to `limit` undispatched events (SKIP LOCKED, so several workers can relay), returns how many. */
  async relayBatch(limit = 200): Promise<number> {
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
        const payloads = wanted.map((row) =>
          JSON.stringify({
            eventId: row.id,
            type: row.type,
            organizationId: row.organization_id,
            id: row.subject_id,
            status: row.status,
            at: new Date(row.occurred_at).toISOString(),
          } satisfies DomainEventJobPayload),
        );
        await db.query(
          `INSERT INTO outbox (queue, name, payload) SELECT $1, $2, p::jsonb FROM unnest($3::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n`,
          [job.queue, job.name, payloads],
        );
        await db.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, job.queue]);
      }
      await db.query(`UPDATE domain_events SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
