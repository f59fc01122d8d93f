import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable record of every domain event, written by DomainEvents.publish in the transaction of the
 * change it announces. NOTIFY alone is lost when nobody listens (a worker that is down); this table is
 * what the worker-side relay turns into subscriber jobs (notifications.fanout), exactly once per row.
 */
export class DomainEvents1795318590000 implements MigrationInterface {
  name = 'DomainEvents1795318590000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE domain_events (
        id               bigint GENERATED ALWAYS AS IDENTITY,
        type             text           NOT NULL,
        organization_id  uuid           NOT NULL,
        subject_id       text           NOT NULL,
        status           text           NULL,
        occurred_at      timestamptz(3) NOT NULL DEFAULT now(),
        dispatched_at    timestamptz(3) NULL,
        CONSTRAINT domain_events_pkey PRIMARY KEY (id),
        CONSTRAINT domain_events_type_check CHECK (type ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$')
      )`);
    await db.query(`CREATE INDEX domain_events_undispatched_idx ON domain_events (id) WHERE dispatched_at IS NULL`);
    await db.query(`CREATE INDEX domain_events_dispatched_idx ON domain_events (dispatched_at) WHERE dispatched_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE domain_events`);
  }
}
