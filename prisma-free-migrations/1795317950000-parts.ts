import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Parts and their revisions: the uploaded file, its analysis (geometry report) and previews. */
export class Parts1795317950000 implements MigrationInterface {
  name = 'Parts1795317950000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE parts (
        id                  uuid           NOT NULL DEFAULT gen_random_uuid(),
        organization_id     uuid           NOT NULL,
        name                text           NOT NULL,
        created_by          uuid           NOT NULL,
        current_revision_id uuid           NULL,
        preview_level       text           NOT NULL DEFAULT 'bbox',
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        updated_at          timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT parts_pkey PRIMARY KEY (id),
        CONSTRAINT parts_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT parts_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT parts_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 255),
        CONSTRAINT parts_preview_level_check CHECK (preview_level IN ('none', 'bbox', 'low_poly', 'full'))
      )`);
    await db.query(`CREATE INDEX parts_organization_created_idx ON parts (organization_id, created_at, id)`);

    await db.query(`
      CREATE TABLE part_revisions (
        id                 uuid           NOT NULL DEFAULT gen_random_uuid(),
        part_id            uuid           NOT NULL,
        organization_id    uuid           NOT NULL,
        revision           integer        NOT NULL,
        file_name          text           NOT NULL,
        file_key           text           NOT NULL,
        sha256             char(64)       NOT NULL,
        size_bytes         bigint         NOT NULL,
        units_override     text           NULL,
        status             text           NOT NULL DEFAULT 'uploaded',
        rejected_code      text           NULL,
        rejected_reason    text           NULL,
        analysis           jsonb          NULL,
        preview_keys       jsonb          NOT NULL DEFAULT '{}'::jsonb,
        analysis_source_id uuid           NULL,
        uploaded_by        uuid           NOT NULL,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        analyzed_at        timestamptz(3) NULL,
        CONSTRAINT part_revisions_pkey PRIMARY KEY (id),
        CONSTRAINT part_revisions_part_fkey FOREIGN KEY (part_id) REFERENCES parts (id) ON DELETE CASCADE,
        CONSTRAINT part_revisions_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT part_revisions_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users (id),
        CONSTRAINT part_revisions_analysis_source_fkey FOREIGN KEY (analysis_source_id) REFERENCES part_revisions (id),
        CONSTRAINT part_revisions_part_revision_key UNIQUE (part_id, revision),
        CONSTRAINT part_revisions_revision_check CHECK (revision >= 1),
        CONSTRAINT part_revisions_size_check CHECK (size_bytes > 0),
        CONSTRAINT part_revisions_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT part_revisions_units_check CHECK (units_override IN ('mm', 'cm', 'm', 'in')),
        CONSTRAINT part_revisions_status_check CHECK (status IN ('uploaded', 'analyzing', 'analyzed', 'rejected')),
        CONSTRAINT part_revisions_rejected_check CHECK ((status = 'rejected') = (rejected_reason IS NOT NULL)),
        CONSTRAINT part_revisions_analyzed_check CHECK (status <> 'analyzed' OR analysis IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX part_revisions_content_idx ON part_revisions (organization_id, sha256)`);
    await db.query(`CREATE INDEX part_revisions_part_idx ON part_revisions (part_id, revision)`);
    await db.query(`
      ALTER TABLE parts ADD CONSTRAINT parts_current_revision_fkey
        FOREIGN KEY (current_revision_id) REFERENCES part_revisions (id) DEFERRABLE INITIALLY DEFERRED`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE parts DROP CONSTRAINT parts_current_revision_fkey`);
    await db.query(`DROP TABLE part_revisions`);
    await db.query(`DROP TABLE parts`);
  }
}
