import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviews: after acceptance the ordering designer organisation rates the factory on quality,
 * communication and timeliness (1–5), once per job line and final once submitted; the factory may
 * respond once. New score event kinds carry each rating into the factory's scorecard.
 */
export class Reviews1795318910000 implements MigrationInterface {
  name = 'Reviews1795318910000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE job_line_reviews (
        id                        uuid           NOT NULL DEFAULT gen_random_uuid(),
        job_line_id               uuid           NOT NULL,
        factory_id                uuid           NOT NULL,
        designer_organization_id  uuid           NOT NULL,
        quality                   smallint       NOT NULL,
        communication             smallint       NOT NULL,
        timeliness                smallint       NOT NULL,
        comment                   text           NULL,
        created_by                uuid           NOT NULL,
        created_at                timestamptz(3) NOT NULL DEFAULT now(),
        response                  text           NULL,
        responded_by              uuid           NULL,
        responded_at              timestamptz(3) NULL,
        CONSTRAINT job_line_reviews_pkey PRIMARY KEY (id),
        CONSTRAINT job_line_reviews_job_line_key UNIQUE (job_line_id),
        CONSTRAINT job_line_reviews_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id) ON DELETE CASCADE,
        CONSTRAINT job_line_reviews_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT job_line_reviews_designer_org_fkey FOREIGN KEY (designer_organization_id) REFERENCES organizations (id),
        CONSTRAINT job_line_reviews_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT job_line_reviews_responded_by_fkey FOREIGN KEY (responded_by) REFERENCES users (id),
        CONSTRAINT job_line_reviews_ratings_check CHECK (quality BETWEEN 1 AND 5 AND communication BETWEEN 1 AND 5 AND timeliness BETWEEN 1 AND 5),
        CONSTRAINT job_line_reviews_comment_check CHECK (comment IS NULL OR char_length(comment) BETWEEN 1 AND 2000),
        CONSTRAINT job_line_reviews_response_check CHECK ((response IS NULL) = (responded_at IS NULL) AND (response IS NULL OR char_length(response) BETWEEN 1 AND 2000))
      )`);
    await db.query(`CREATE INDEX job_line_reviews_factory_idx ON job_line_reviews (factory_id, created_at DESC, id DESC)`);
    await db.query(`ALTER TABLE factory_score_events DROP CONSTRAINT factory_score_events_kind_check`);
    await db.query(`ALTER TABLE factory_score_events ADD CONSTRAINT factory_score_events_kind_check CHECK (kind IN (
      'delivery_on_time', 'delivery_late', 'accepted_clean', 'disputed', 'rework', 'offer_response', 'offer_accepted', 'offer_declined',
      'review', 'review_quality', 'review_communication', 'review_timeliness'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM factory_score_events WHERE kind IN ('review_quality', 'review_communication', 'review_timeliness')`);
    await db.query(`ALTER TABLE factory_score_events DROP CONSTRAINT factory_score_events_kind_check`);
    await db.query(`ALTER TABLE factory_score_events ADD CONSTRAINT factory_score_events_kind_check CHECK (kind IN (
      'delivery_on_time', 'delivery_late', 'accepted_clean', 'disputed', 'rework', 'offer_response', 'offer_accepted', 'offer_declined', 'review'))`);
    await db.query(`DROP TABLE job_line_reviews`);
  }
}
