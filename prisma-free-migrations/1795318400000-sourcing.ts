import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sourcing: one sourcing job per job line (its award mode and the payout price offered), the factories
 * found eligible for it (the job board reads these), offers of the cascade, and awards — exactly one
 * active award per job line, held by a compare-and-set on sourcing_jobs and a partial unique index.
 */
export class Sourcing1795318400000 implements MigrationInterface {
  name = 'Sourcing1795318400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sourcing_jobs (
        job_line_id        uuid           NOT NULL,
        order_id           uuid           NOT NULL,
        organization_id    uuid           NOT NULL,
        mode               text           NOT NULL DEFAULT 'offer_cascade',
        status             text           NOT NULL DEFAULT 'open',
        currency           char(3)        NOT NULL,
        gross_minor        bigint         NOT NULL,
        payout_minor       bigint         NOT NULL,
        process            text           NOT NULL,
        material           text           NOT NULL,
        due_date           timestamptz(3) NOT NULL,
        stalled_reason     text           NULL,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT sourcing_jobs_pkey PRIMARY KEY (job_line_id),
        CONSTRAINT sourcing_jobs_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id),
        CONSTRAINT sourcing_jobs_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id),
        CONSTRAINT sourcing_jobs_mode_check CHECK (mode IN ('offer_cascade', 'sealed_bid', 'batch')),
        CONSTRAINT sourcing_jobs_status_check CHECK (status IN ('open', 'stalled', 'awarded', 'closed')),
        CONSTRAINT sourcing_jobs_amounts_check CHECK (payout_minor >= 0 AND payout_minor <= gross_minor AND gross_minor > 0)
      )`);
    await db.query(`CREATE INDEX sourcing_jobs_open_idx ON sourcing_jobs (created_at, job_line_id) WHERE status IN ('open', 'stalled')`);

    await db.query(`
      CREATE TABLE sourcing_candidates (
        job_line_id        uuid           NOT NULL,
        factory_id         uuid           NOT NULL,
        organization_id    uuid           NOT NULL,
        rank               integer        NOT NULL,
        score              bigint         NOT NULL,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT sourcing_candidates_pkey PRIMARY KEY (job_line_id, factory_id),
        CONSTRAINT sourcing_candidates_job_fkey FOREIGN KEY (job_line_id) REFERENCES sourcing_jobs (job_line_id),
        CONSTRAINT sourcing_candidates_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id)
      )`);
    await db.query(`CREATE INDEX sourcing_candidates_organization_idx ON sourcing_candidates (organization_id, job_line_id)`);

    await db.query(`
      CREATE TABLE offers (
        id                     uuid           NOT NULL DEFAULT gen_random_uuid(),
        job_line_id            uuid           NOT NULL,
        factory_id             uuid           NOT NULL,
        organization_id        uuid           NOT NULL,
        status                 text           NOT NULL DEFAULT 'open',
        price_minor            bigint         NOT NULL,
        currency               char(3)        NOT NULL,
        ship_by                timestamptz(3) NOT NULL,
        expires_at             timestamptz(3) NOT NULL,
        counter_price_minor    bigint         NULL,
        counter_ship_by        timestamptz(3) NULL,
        counter_note           text           NULL,
        responded_by           uuid           NULL,
        responded_at           timestamptz(3) NULL,
        decided_by             uuid           NULL,
        decided_at             timestamptz(3) NULL,
        decline_reason         text           NULL,
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        updated_at             timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT offers_pkey PRIMARY KEY (id),
        CONSTRAINT offers_job_fkey FOREIGN KEY (job_line_id) REFERENCES sourcing_jobs (job_line_id),
        CONSTRAINT offers_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT offers_status_check CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'countered', 'rejected', 'withdrawn')),
        CONSTRAINT offers_price_check CHECK (price_minor >= 0 AND (counter_price_minor IS NULL OR counter_price_minor >= 0)),
        CONSTRAINT offers_counter_check CHECK (status <> 'countered' OR counter_price_minor IS NOT NULL OR counter_ship_by IS NOT NULL)
      )`);
    // The cascade offers a job line to one factory at a time, and to each factory at most once.
    await db.query(`CREATE UNIQUE INDEX offers_one_live_per_job_line_idx ON offers (job_line_id) WHERE status IN ('open', 'countered')`);
    await db.query(`CREATE UNIQUE INDEX offers_job_line_factory_idx ON offers (job_line_id, factory_id)`);
    await db.query(`CREATE INDEX offers_organization_idx ON offers (organization_id, created_at, id)`);

    await db.query(`
      CREATE TABLE awards (
        id                     uuid           NOT NULL DEFAULT gen_random_uuid(),
        job_line_id            uuid           NOT NULL,
        order_id               uuid           NOT NULL,
        factory_id             uuid           NOT NULL,
        organization_id        uuid           NOT NULL,
        offer_id               uuid           NULL,
        mode                   text           NOT NULL,
        status                 text           NOT NULL DEFAULT 'active',
        payout_minor           bigint         NOT NULL,
        gross_minor            bigint         NOT NULL,
        currency               char(3)        NOT NULL,
        ship_by                timestamptz(3) NOT NULL,
        awarded_by             uuid           NULL,
        nda_version            text           NULL,
        nda_accepted_at        timestamptz(3) NULL,
        nda_accepted_by        uuid           NULL,
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT awards_pkey PRIMARY KEY (id),
        CONSTRAINT awards_job_fkey FOREIGN KEY (job_line_id) REFERENCES sourcing_jobs (job_line_id),
        CONSTRAINT awards_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT awards_offer_fkey FOREIGN KEY (offer_id) REFERENCES offers (id),
        CONSTRAINT awards_nda_user_fkey FOREIGN KEY (nda_accepted_by) REFERENCES users (id),
        CONSTRAINT awards_mode_check CHECK (mode IN ('offer_cascade', 'sealed_bid', 'batch', 'operator')),
        CONSTRAINT awards_status_check CHECK (status IN ('active', 'revoked')),
        CONSTRAINT awards_amounts_check CHECK (payout_minor >= 0 AND payout_minor <= gross_minor),
        CONSTRAINT awards_nda_check CHECK ((nda_accepted_at IS NULL) = (nda_accepted_by IS NULL))
      )`);
    // Backstop of the compare-and-set: never two active awards for one job line.
    await db.query(`CREATE UNIQUE INDEX awards_one_per_job_line_idx ON awards (job_line_id) WHERE status = 'active'`);
    await db.query(`CREATE INDEX awards_organization_idx ON awards (organization_id, created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE awards`);
    await db.query(`DROP TABLE offers`);
    await db.query(`DROP TABLE sourcing_candidates`);
    await db.query(`DROP TABLE sourcing_jobs`);
  }
}
