import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production evidence, disputes and operator cancellations of job lines:
 * - job_line_files: milestone photos and inspection reports the awarded factory uploads, and the evidence
 *   either side attaches to a dispute (stored objects, content-checked, with size and sha256);
 * - job_line_disputes: the production side of a delivery dispute (measurements, the factory's response,
 *   the operator's written decision and amounts); the escrow side stays in delivery_disputes;
 * - job_line_cancellations: an operator's cancellation of an awarded job line and the money decided.
 */
export class ProductionEvidenceDisputes1795318810000 implements MigrationInterface {
  name = 'ProductionEvidenceDisputes1795318810000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE job_line_disputes (
        delivery_dispute_id   uuid           NOT NULL,
        job_line_id           uuid           NOT NULL,
        measurements          jsonb          NOT NULL DEFAULT '[]',
        factory_response      text           NULL,
        responded_by          uuid           NULL,
        responded_at          timestamptz(3) NULL,
        resolution            text           NULL,
        decision              text           NULL,
        factory_percent       integer        NULL,
        refund_minor          bigint         NULL,
        factory_payout_minor  bigint         NULL,
        decided_by            uuid           NULL,
        decided_at            timestamptz(3) NULL,
        created_at            timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT job_line_disputes_pkey PRIMARY KEY (delivery_dispute_id),
        CONSTRAINT job_line_disputes_delivery_dispute_fkey FOREIGN KEY (delivery_dispute_id) REFERENCES delivery_disputes (id),
        CONSTRAINT job_line_disputes_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id) ON DELETE CASCADE,
        CONSTRAINT job_line_disputes_responded_by_fkey FOREIGN KEY (responded_by) REFERENCES users (id),
        CONSTRAINT job_line_disputes_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
        CONSTRAINT job_line_disputes_measurements_check CHECK (jsonb_typeof(measurements) = 'array' AND jsonb_array_length(measurements) <= 50),
        CONSTRAINT job_line_disputes_response_check CHECK (factory_response IS NULL OR char_length(factory_response) BETWEEN 1 AND 4000),
        CONSTRAINT job_line_disputes_resolution_check CHECK (resolution IN ('release', 'refund', 'split')),
        CONSTRAINT job_line_disputes_decision_check CHECK ((resolution IS NULL) = (decision IS NULL) AND (decision IS NULL OR char_length(decision) BETWEEN 1 AND 4000)),
        CONSTRAINT job_line_disputes_amounts_check CHECK (refund_minor >= 0 AND factory_payout_minor >= 0)
      )`);
    await db.query(`CREATE UNIQUE INDEX job_line_disputes_job_line_idx ON job_line_disputes (job_line_id)`);

    await db.query(`
      CREATE TABLE job_line_files (
        id                           uuid           NOT NULL DEFAULT gen_random_uuid(),
        job_line_id                  uuid           NOT NULL,
        purpose                      text           NOT NULL,
        inspection_kind              text           NULL,
        milestone_id                 uuid           NULL,
        delivery_dispute_id          uuid           NULL,
        uploader_side                text           NOT NULL,
        uploaded_by_organization_id  uuid           NOT NULL,
        uploaded_by                  uuid           NULL,
        file_name                    text           NOT NULL,
        content_type                 text           NOT NULL,
        size_bytes                   bigint         NOT NULL,
        sha256                       text           NOT NULL,
        storage_key                  text           NOT NULL,
        created_at                   timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT job_line_files_pkey PRIMARY KEY (id),
        CONSTRAINT job_line_files_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id) ON DELETE CASCADE,
        CONSTRAINT job_line_files_milestone_fkey FOREIGN KEY (milestone_id) REFERENCES job_line_milestones (id),
        CONSTRAINT job_line_files_dispute_fkey FOREIGN KEY (delivery_dispute_id) REFERENCES job_line_disputes (delivery_dispute_id),
        CONSTRAINT job_line_files_organization_fkey FOREIGN KEY (uploaded_by_organization_id) REFERENCES organizations (id),
        CONSTRAINT job_line_files_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users (id),
        CONSTRAINT job_line_files_storage_key_key UNIQUE (storage_key),
        CONSTRAINT job_line_files_purpose_check CHECK (purpose IN ('milestone_photo', 'inspection_report', 'dispute_evidence')),
        CONSTRAINT job_line_files_inspection_kind_check CHECK (inspection_kind IN ('inspection_record', 'cmm_report', 'first_article_as9102')),
        CONSTRAINT job_line_files_side_check CHECK (uploader_side IN ('designer', 'factory')),
        CONSTRAINT job_line_files_content_type_check CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        CONSTRAINT job_line_files_size_check CHECK (size_bytes > 0),
        CONSTRAINT job_line_files_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT job_line_files_file_name_check CHECK (char_length(file_name) BETWEEN 1 AND 255),
        CONSTRAINT job_line_files_shape_check CHECK (
          (purpose = 'milestone_photo') = (milestone_id IS NOT NULL)
          AND (purpose = 'inspection_report') = (inspection_kind IS NOT NULL)
          AND (purpose = 'dispute_evidence') = (delivery_dispute_id IS NOT NULL)
          AND (purpose = 'dispute_evidence' OR uploader_side = 'factory'))
      )`);
    await db.query(`CREATE INDEX job_line_files_job_line_idx ON job_line_files (job_line_id, created_at, id)`);

    await db.query(`
      CREATE TABLE job_line_cancellations (
        job_line_id          uuid           NOT NULL,
        reason               text           NOT NULL,
        compensation_minor   bigint         NOT NULL,
        refund_minor         bigint         NOT NULL,
        currency             text           NOT NULL,
        cancelled_by         uuid           NULL,
        created_at           timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT job_line_cancellations_pkey PRIMARY KEY (job_line_id),
        CONSTRAINT job_line_cancellations_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id) ON DELETE CASCADE,
        CONSTRAINT job_line_cancellations_cancelled_by_fkey FOREIGN KEY (cancelled_by) REFERENCES users (id),
        CONSTRAINT job_line_cancellations_amounts_check CHECK (compensation_minor >= 0 AND refund_minor >= 0),
        CONSTRAINT job_line_cancellations_reason_check CHECK (char_length(reason) BETWEEN 1 AND 1000)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE job_line_cancellations`);
    await db.query(`DROP TABLE job_line_files`);
    await db.query(`DROP TABLE job_line_disputes`);
  }
}
