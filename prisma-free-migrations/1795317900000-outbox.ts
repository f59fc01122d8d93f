import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox: jobs are born here, in the transaction of the change that causes them. */
export class Outbox1795317900000 implements MigrationInterface {
  name = 'Outbox1795317900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id            bigint GENERATED ALWAYS AS IDENTITY,
        queue         text        NOT NULL,
        name          text        NOT NULL,
        payload       jsonb       NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        available_at  timestamptz NOT NULL DEFAULT now(),
        sent_at       timestamptz NULL,
        relay_attempts integer    NOT NULL DEFAULT 0,
        last_error    text        NULL,
        CONSTRAINT outbox_pkey PRIMARY KEY (id),
        CONSTRAINT outbox_queue_check CHECK (queue ~ '^[a-z][a-z0-9-]*$'),
        CONSTRAINT outbox_name_check CHECK (name ~ '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$')
      )`);
    await db.query(`CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
  }
}
