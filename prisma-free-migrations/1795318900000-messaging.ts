import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messaging: one thread per job line between the designer organisation and the awarded factory, and one
 * pre-award Q&A thread per sourcing job that every eligible factory reads and asks in under a stable alias
 * ("Factory A", "Factory B", …). Bodies are stored already masked (no e-mail addresses or phone numbers).
 * Read markers per user give unread counts.
 */
export class Messaging1795318900000 implements MigrationInterface {
  name = 'Messaging1795318900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message_threads (
        id                        uuid           NOT NULL DEFAULT gen_random_uuid(),
        kind                      text           NOT NULL,
        job_line_id               uuid           NOT NULL,
        designer_organization_id  uuid           NOT NULL,
        factory_organization_id   uuid           NULL,
        last_message_at           timestamptz(3) NULL,
        created_at                timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT message_threads_pkey PRIMARY KEY (id),
        CONSTRAINT message_threads_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id) ON DELETE CASCADE,
        CONSTRAINT message_threads_designer_org_fkey FOREIGN KEY (designer_organization_id) REFERENCES organizations (id),
        CONSTRAINT message_threads_factory_org_fkey FOREIGN KEY (factory_organization_id) REFERENCES organizations (id),
        CONSTRAINT message_threads_kind_check CHECK (kind IN ('job_line', 'pre_award_qa')),
        CONSTRAINT message_threads_factory_check CHECK ((kind = 'job_line') = (factory_organization_id IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX message_threads_one_qa_per_job_idx ON message_threads (job_line_id) WHERE kind = 'pre_award_qa'`);
    await db.query(`CREATE UNIQUE INDEX message_threads_one_per_award_idx ON message_threads (job_line_id, factory_organization_id) WHERE kind = 'job_line'`);
    await db.query(`CREATE INDEX message_threads_designer_org_idx ON message_threads (designer_organization_id, last_message_at DESC)`);
    await db.query(`CREATE INDEX message_threads_factory_org_idx ON message_threads (factory_organization_id, last_message_at DESC) WHERE factory_organization_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE message_thread_aliases (
        thread_id        uuid           NOT NULL,
        organization_id  uuid           NOT NULL,
        alias            text           NOT NULL,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT message_thread_aliases_pkey PRIMARY KEY (thread_id, organization_id),
        CONSTRAINT message_thread_aliases_alias_key UNIQUE (thread_id, alias),
        CONSTRAINT message_thread_aliases_thread_fkey FOREIGN KEY (thread_id) REFERENCES message_threads (id) ON DELETE CASCADE,
        CONSTRAINT message_thread_aliases_org_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id)
      )`);

    await db.query(`
      CREATE TABLE messages (
        id                      uuid           NOT NULL DEFAULT gen_random_uuid(),
        thread_id               uuid           NOT NULL,
        author_user_id          uuid           NOT NULL,
        author_organization_id  uuid           NOT NULL,
        author_side             text           NOT NULL,
        body                    text           NOT NULL,
        in_reply_to_id          uuid           NULL,
        masked_emails           integer        NOT NULL DEFAULT 0,
        masked_phones           integer        NOT NULL DEFAULT 0,
        created_at              timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT messages_pkey PRIMARY KEY (id),
        CONSTRAINT messages_thread_fkey FOREIGN KEY (thread_id) REFERENCES message_threads (id) ON DELETE CASCADE,
        CONSTRAINT messages_author_user_fkey FOREIGN KEY (author_user_id) REFERENCES users (id),
        CONSTRAINT messages_author_org_fkey FOREIGN KEY (author_organization_id) REFERENCES organizations (id),
        CONSTRAINT messages_in_reply_to_fkey FOREIGN KEY (in_reply_to_id) REFERENCES messages (id),
        CONSTRAINT messages_author_side_check CHECK (author_side IN ('designer', 'factory')),
        CONSTRAINT messages_body_check CHECK (char_length(body) BETWEEN 1 AND 4000),
        CONSTRAINT messages_masked_check CHECK (masked_emails >= 0 AND masked_phones >= 0)
      )`);
    await db.query(`CREATE INDEX messages_thread_idx ON messages (thread_id, created_at, id)`);

    await db.query(`
      CREATE TABLE message_thread_reads (
        thread_id     uuid           NOT NULL,
        user_id       uuid           NOT NULL,
        last_read_at  timestamptz(3) NOT NULL,
        updated_at    timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT message_thread_reads_pkey PRIMARY KEY (thread_id, user_id),
        CONSTRAINT message_thread_reads_thread_fkey FOREIGN KEY (thread_id) REFERENCES message_threads (id) ON DELETE CASCADE,
        CONSTRAINT message_thread_reads_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX message_thread_reads_user_idx ON message_thread_reads (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE message_thread_reads`);
    await db.query(`DROP TABLE messages`);
    await db.query(`DROP TABLE message_thread_aliases`);
    await db.query(`DROP TABLE message_threads`);
  }
}
