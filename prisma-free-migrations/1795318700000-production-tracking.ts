import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production tracking: the milestones the awarded factory posts for a job line, and the job line's
 * shipment (carrier, tracking number, shipped and delivered times).
 */
export class ProductionTracking1795318700000 implements MigrationInterface {
  name = 'ProductionTracking1795318700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE job_line_milestones (
        id           uuid           NOT NULL DEFAULT gen_random_uuid(),
        job_line_id  uuid           NOT NULL,
        factory_id   uuid           NOT NULL,
        kind         text           NOT NULL,
        note         text           NULL,
        posted_by    uuid           NULL,
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT job_line_milestones_pkey PRIMARY KEY (id),
        CONSTRAINT job_line_milestones_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id) ON DELETE CASCADE,
        CONSTRAINT job_line_milestones_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT job_line_milestones_posted_by_fkey FOREIGN KEY (posted_by) REFERENCES users (id),
        CONSTRAINT job_line_milestones_kind_check CHECK (kind IN ('material_received', 'in_production', 'quality_check', 'packed')),
        CONSTRAINT job_line_milestones_note_check CHECK (note IS NULL OR char_length(note) <= 2000)
      )`);
    await db.query(`CREATE INDEX job_line_milestones_job_line_idx ON job_line_milestones (job_line_id, created_at, id)`);

    await db.query(`
      CREATE TABLE job_line_shipments (
        job_line_id      uuid           NOT NULL,
        factory_id       uuid           NOT NULL,
        carrier          text           NOT NULL,
        tracking_number  text           NOT NULL,
        shipped_at       timestamptz(3) NOT NULL DEFAULT now(),
        shipped_by       uuid           NULL,
        delivered_at     timestamptz(3) NULL,
        delivered_by     uuid           NULL,
        CONSTRAINT job_line_shipments_pkey PRIMARY KEY (job_line_id),
        CONSTRAINT job_line_shipments_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id) ON DELETE CASCADE,
        CONSTRAINT job_line_shipments_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT job_line_shipments_shipped_by_fkey FOREIGN KEY (shipped_by) REFERENCES users (id),
        CONSTRAINT job_line_shipments_delivered_by_fkey FOREIGN KEY (delivered_by) REFERENCES users (id),
        CONSTRAINT job_line_shipments_carrier_check CHECK (char_length(carrier) BETWEEN 1 AND 100),
        CONSTRAINT job_line_shipments_tracking_check CHECK (char_length(tracking_number) BETWEEN 1 AND 100),
        CONSTRAINT job_line_shipments_delivered_check CHECK (delivered_at IS NULL OR delivered_at >= shipped_at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE job_line_shipments`);
    await db.query(`DROP TABLE job_line_milestones`);
  }
}
