import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Quotes: one row per configuration of a part revision (a new configuration is a new revision). */
export class Quotes1795318160000 implements MigrationInterface {
  name = 'Quotes1795318160000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE quotes (
        id               uuid           NOT NULL DEFAULT gen_random_uuid(),
        organization_id  uuid           NOT NULL,
        part_id          uuid           NOT NULL,
        part_revision_id uuid           NOT NULL,
        revision         integer        NOT NULL,
        request_key      char(64)       NOT NULL,
        config           jsonb          NOT NULL,
        status           text           NOT NULL DEFAULT 'pending',
        result           jsonb          NULL,
        confidence       numeric(4, 3)  NULL,
        catalog_version  text           NULL,
        currency         char(3)        NULL,
        failure_reason   text           NULL,
        requested_by     uuid           NOT NULL,
        review_note      text           NULL,
        reviewed_by      uuid           NULL,
        reviewed_at      timestamptz(3) NULL,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        priced_at        timestamptz(3) NULL,
        expires_at       timestamptz(3) NOT NULL,
        ordered_at       timestamptz(3) NULL,
        CONSTRAINT quotes_pkey PRIMARY KEY (id),
        CONSTRAINT quotes_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT quotes_part_fkey FOREIGN KEY (part_id) REFERENCES parts (id),
        CONSTRAINT quotes_part_revision_fkey FOREIGN KEY (part_revision_id) REFERENCES part_revisions (id),
        CONSTRAINT quotes_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES users (id),
        CONSTRAINT quotes_reviewed_by_fkey FOREIGN KEY (reviewed_by) REFERENCES users (id),
        CONSTRAINT quotes_part_revision_key UNIQUE (part_id, revision),
        CONSTRAINT quotes_status_check CHECK (status IN ('pending', 'ready', 'needs_review', 'not_manufacturable', 'failed', 'ordered')),
        CONSTRAINT quotes_confidence_check CHECK (confidence BETWEEN 0 AND 1),
        CONSTRAINT quotes_priced_check CHECK (status NOT IN ('ready', 'needs_review', 'ordered') OR (result IS NOT NULL AND currency IS NOT NULL)),
        CONSTRAINT quotes_failed_check CHECK ((status = 'failed') = (failure_reason IS NOT NULL)),
        CONSTRAINT quotes_expiry_check CHECK (expires_at > created_at)
      )`);
    await db.query(`CREATE INDEX quotes_request_key_idx ON quotes (organization_id, request_key)`);
    await db.query(`CREATE INDEX quotes_part_idx ON quotes (part_id, revision)`);
    await db.query(`CREATE INDEX quotes_review_queue_idx ON quotes (created_at, id) WHERE status = 'needs_review'`);
    // An ordered quote is a contract: nothing about it may change any more.
    await db.query(`
      CREATE FUNCTION quotes_refuse_change_once_ordered() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'ordered' THEN
          RAISE EXCEPTION 'quote % is ordered and cannot change', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await db.query(`
      CREATE TRIGGER quotes_immutable_once_ordered BEFORE UPDATE OR DELETE ON quotes
      FOR EACH ROW EXECUTE FUNCTION quotes_refuse_change_once_ordered()`);

    await db.query(`
      CREATE TABLE quote_adjustments (
        id           bigint GENERATED ALWAYS AS IDENTITY,
        quote_id     uuid           NOT NULL,
        quantity     integer        NOT NULL,
        line         text           NOT NULL,
        before_minor bigint         NOT NULL,
        after_minor  bigint         NOT NULL,
        note         text           NOT NULL,
        adjusted_by  uuid           NOT NULL,
        adjusted_at  timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT quote_adjustments_pkey PRIMARY KEY (id),
        CONSTRAINT quote_adjustments_quote_fkey FOREIGN KEY (quote_id) REFERENCES quotes (id),
        CONSTRAINT quote_adjustments_adjusted_by_fkey FOREIGN KEY (adjusted_by) REFERENCES users (id),
        CONSTRAINT quote_adjustments_amount_check CHECK (after_minor >= 0),
        CONSTRAINT quote_adjustments_note_check CHECK (length(btrim(note)) > 0)
      )`);
    await db.query(`CREATE INDEX quote_adjustments_quote_idx ON quote_adjustments (quote_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE quote_adjustments`);
    await db.query(`DROP TRIGGER quotes_immutable_once_ordered ON quotes`);
    await db.query(`DROP FUNCTION quotes_refuse_change_once_ordered()`);
    await db.query(`DROP TABLE quotes`);
  }
}
