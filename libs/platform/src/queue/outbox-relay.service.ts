import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { ListenDrainLoop } from '../database/listen-drain-loop';
import { jobDefinition } from './job-definition';
import { OUTBOX_CHANNEL } from './outbox.service';
import { QueueRegistry } from './queue-registry.service';

interface ClaimedRow {
  id: string;
  queue: string;
  name: string;
  payload: Record<string, unknown>;
  delay_ms: number;
}

export interface RelayOptions {
  /** Only rows at least this old (the reconciler's straggler sweep); 0 = everything unsent. */
  minAgeMs?: number;
  limit?: number;
  /** Test seam: runs after the jobs reach Redis and before the rows are marked sent. */
  beforeMarkSent?: (outboxIds: string[]) => Promise<void>;
}

/** Rows one relay pass takes. */
const RELAY_BATCH = 100;

export const outboxJobId = (outboxId: string) => `outbox-${outboxId}`;

/**
 * BullMQ options for a job handed over from a durable table: the declared attempts and backoff, and an id
 * derived from the row, so adding the same row again (after a relay died before marking it) is a no-op.
 */
export function relayedJobOptions(name: string, jobId: string, delayMs = 0): JobsOptions {
  const definition = jobDefinition(name);
  return {
    jobId,
    delay: delayMs,
    attempts: definition?.attempts ?? 5,
    backoff: { type: 'exponential', delay: definition?.backoffMs ?? 1_000 },
    removeOnComplete: { age: 7 * 86_400 },
    removeOnFail: { age: 30 * 86_400 },
  };
}

/**
 * Moves committed outbox rows to BullMQ with jobId derived from the outbox id, then marks them sent.
 * A relay that dies between the two leaves rows unsent; the next pass re-adds them and BullMQ ignores a
 * jobId it already holds, so each job runs once. Woken by NOTIFY on commit; a periodic reconciler pass
 * picks up anything a lost notification or a dead relay left behind.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loop: ListenDrainLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.loop = new ListenDrainLoop({
      databaseUrl: config.database.url,
      channel: OUTBOX_CHANNEL,
      applicationName: 'partsmith-outbox-relay',
      intervalMs: config.outbox.pollIntervalMs,
      logger: this.logger,
      batchSize: RELAY_BATCH,
      drain: () => this.relayBatch(),
      tick: () => this.reconcile(),
    });
  }

  /** Starts listening for commits and sweeping for stragglers (worker process only). */
  start(): Promise<void> {
    return this.loop.start();
  }

  /** The straggler sweep. */
  async reconcile(): Promise<number> {
    if (this.loop.isStopped) return 0;
    try {
      return await this.relayBatch({ minAgeMs: this.config.outbox.stragglerAgeMs });
    } catch (error) {
      this.logger.error(`outbox reconciler failed: ${(error as Error).message}`);
      return 0;
    }
  }

  /** Claims up to `limit` unsent rows (SKIP LOCKED, so several relays can run), enqueues, marks sent. */
  async relayBatch(options: RelayOptions = {}): Promise<number> {
    const { minAgeMs = 0, limit = RELAY_BATCH, beforeMarkSent } = options;
    return this.dataSource.transaction(async (db) => {
      const rows: ClaimedRow[] = await db.query(
        `SELECT id::text AS id, queue, name, payload,
                greatest(0, extract(epoch FROM available_at - now()) * 1000)::bigint AS delay_ms
           FROM outbox
          WHERE sent_at IS NULL AND created_at <= now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY id
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [minAgeMs, limit],
      );
      const sent: string[] = [];
      for (const row of rows) {
        try {
          await this.queues.queue(row.queue).add(row.name, row.payload, relayedJobOptions(row.name, outboxJobId(row.id), Number(row.delay_ms)));
          sent.push(row.id);
        } catch (error) {
          await db.query(`UPDATE outbox SET relay_attempts = relay_attempts + 1, last_error = $2 WHERE id = $1`, [
            row.id,
            (error as Error).message.slice(0, 1000),
          ]);
          break; // Redis is likely down: keep order, let the reconciler retry
        }
      }
      if (beforeMarkSent) await beforeMarkSent(sent);
      if (sent.length > 0) await db.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`, [sent]);
      return sent.length;
    });
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
