import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Award modes beyond the cascade. Sealed-bid RFQs: the job's bidding deadline and the designer's pick
 * deadline, and one bid per factory per job line (editable and withdrawable until the deadline, scored at
 * close). Batch assignment: each periodic run is recorded; offers say where they came from.
 */
export class SealedBidsAndBatches1795319010000 implements MigrationInterface {
  name = 'SealedBidsAndBatches1795319010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sourcing_jobs ADD COLUMN bid_deadline timestamptz(3) NULL, ADD COLUMN pick_deadline timestamptz(3) NULL, ADD COLUMN bidding_closed_at timestamptz(3) NULL`);
    await db.query(`ALTER TABLE sourcing_jobs ADD CONSTRAINT sourcing_jobs_bid_deadline_check CHECK (mode <> 'sealed_bid' OR bid_deadline IS NOT NULL)`);
    await db.query(`CREATE INDEX sourcing_jobs_batch_idx ON sourcing_jobs (created_at, job_line_id) WHERE mode = 'batch' AND status = 'open'`);

    await db.query(`
      CREATE TABLE bids (
        id               uuid           NOT NULL DEFAULT gen_random_uuid(),
        job_line_id      uuid           NOT NULL,
        factory_id       uuid           NOT NULL,
        organization_id  uuid           NOT NULL,
        status           text           NOT NULL DEFAULT 'active',
        price_minor      bigint         NOT NULL,
        currency         char(3)        NOT NULL,
        lead_time_days   integer        NOT NULL,
        note             text           NULL,
        score            bigint         NULL,
        rank             integer        NULL,
        placed_by        uuid           NOT NULL,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        updated_at       timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT bids_pkey PRIMARY KEY (id),
        CONSTRAINT bids_job_fkey FOREIGN KEY (job_line_id) REFERENCES sourcing_jobs (job_line_id),
        CONSTRAINT bids_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT bids_placed_by_fkey FOREIGN KEY (placed_by) REFERENCES users (id),
        CONSTRAINT bids_status_check CHECK (status IN ('active', 'withdrawn', 'won', 'lost', 'ineligible')),
        CONSTRAINT bids_price_check CHECK (price_minor > 0),
        CONSTRAINT bids_lead_time_check CHECK (lead_time_days BETWEEN 1 AND 365),
        CONSTRAINT bids_note_check CHECK (note IS NULL OR length(note) <= 2000)
      )`);
    // One bid per factory per job line: editing rewrites it, withdrawing marks it, bidding again revives it.
    await db.query(`CREATE UNIQUE INDEX bids_job_line_factory_idx ON bids (job_line_id, factory_id)`);
    await db.query(`CREATE UNIQUE INDEX bids_one_winner_idx ON bids (job_line_id) WHERE status = 'won'`);
    await db.query(`CREATE INDEX bids_organization_idx ON bids (organization_id, created_at, id)`);

    await db.query(`ALTER TABLE offers ADD COLUMN source text NOT NULL DEFAULT 'cascade'`);
    // A withdrawn offer was the platform's doing (a mode change, a suspension), not the factory's answer: it may be offered the job again.
    await db.query(`DROP INDEX offers_job_line_factory_idx`);
    await db.query(`CREATE UNIQUE INDEX offers_job_line_factory_idx ON offers (job_line_id, factory_id) WHERE status <> 'withdrawn'`);
    await db.query(`ALTER TABLE offers ADD CONSTRAINT offers_source_check CHECK (source IN ('cascade', 'batch', 'split'))`);

    await db.query(`
      CREATE TABLE batch_assignment_runs (
        id             bigint         GENERATED ALWAYS AS IDENTITY,
        ran_at         timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        jobs           integer        NOT NULL,
        factories      integer        NOT NULL,
        status         text           NOT NULL,
        total_cost     bigint         NULL,
        lower_bound    bigint         NULL,
        offers         integer        NOT NULL,
        reason         text           NULL,
        CONSTRAINT batch_assignment_runs_pkey PRIMARY KEY (id),
        CONSTRAINT batch_assignment_runs_status_check CHECK (status IN ('optimal', 'feasible', 'infeasible', 'empty'))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE batch_assignment_runs`);
    await db.query(`DROP INDEX offers_job_line_factory_idx`);
    await db.query(`CREATE UNIQUE INDEX offers_job_line_factory_idx ON offers (job_line_id, factory_id)`);
    await db.query(`ALTER TABLE offers DROP CONSTRAINT offers_source_check`);
    await db.query(`ALTER TABLE offers DROP COLUMN source`);
    await db.query(`DROP TABLE bids`);
    await db.query(`DROP INDEX sourcing_jobs_batch_idx`);
    await db.query(`ALTER TABLE sourcing_jobs DROP CONSTRAINT sourcing_jobs_bid_deadline_check`);
    await db.query(`ALTER TABLE sourcing_jobs DROP COLUMN bid_deadline, DROP COLUMN pick_deadline, DROP COLUMN bidding_closed_at`);
  }
}
