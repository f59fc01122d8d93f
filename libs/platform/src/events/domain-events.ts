import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Subject, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config';
import type { RequestContext } from '../context';

export const EVENTS_CHANNEL = 'partsmith_events';

/** A small notice that something changed; clients fetch the details through GraphQL. */
export interface DomainEvent {
  /** e.g. "part.revision.analyzed", "quote.priced". */
  type: string;
  /** Who may see it: members of this organisation (and operators). */
  organizationId: string;
  /** The changed object's id. */
  id: string;
  /** Its new status, when it has one. */
  status?: string;
  at: string;
}

/**
 * Publishes events inside the caller's transaction, so they go out exactly when the change commits (never
 * for a rolled-back one): a row in `domain_events` (the durable record the worker's DomainEventRelay hands
 * to subscribers such as notifications, even when no worker was listening at the time) and a NOTIFY (what
 * the API streams live, and what wakes the relay). Any process can publish.
 */
@Injectable()
export class DomainEvents {
  async publish(ctx: RequestContext, event: Omit<DomainEvent, 'at'>): Promise<void> {
    const payload = JSON.stringify({ ...event, at: new Date().toISOString() } satisfies DomainEvent);
    // one statement, so it needs no transaction of its own: the row, and the NOTIFY sent when it commits
    await ctx.db.query(
      `WITH published AS (INSERT INTO domain_events (type, organization_id, subject_id, status) VALUES ($1, $2, $3, $4) RETURNING id)
       SELECT pg_notify($5, $6) FROM published`,
      [event.type, event.organizationId, event.id, event.status ?? null, EVENTS_CHANNEL, payload],
    );
  }
}

/** One LISTEN connection per API process, fanned out to every open stream. */
@Injectable()
export class DomainEventListener implements OnApplicationShutdown {
  private readonly logger = new Logger(DomainEventListener.name);
  private readonly subject = new Subject<DomainEvent>();
  private client?: Client;
  private starting?: Promise<void>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Events as they commit; connects on first use. */
  async events(): Promise<Observable<DomainEvent>> {
    this.starting ??= this.listen();
    await this.starting;
    return this.subject.asObservable();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url, application_name: 'partsmith-events' });
    client.on('error', (error) => this.logger.warn(`event listener: ${error.message}`));
    client.on('notification', (message) => {
      try {
        this.subject.next(JSON.parse(message.payload ?? '{}') as DomainEvent);
      } catch {
        this.logger.warn(`ignored a malformed event: ${message.payload?.slice(0, 200)}`);
      }
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
  }

  async onApplicationShutdown(): Promise<void> {
    this.subject.complete();
    await this.client?.end().catch(() => undefined);
  }
}
