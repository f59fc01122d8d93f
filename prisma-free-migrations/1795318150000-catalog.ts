import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The process catalog: processes, materials, finishes, tolerance classes, inspection levels and lead-time
 * tiers, each a row with its pricing spec (jsonb, the shape libs/pricing reads), plus the global pricing
 * settings and the history of every operator edit.
 */
export class Catalog1795318150000 implements MigrationInterface {
  name = 'Catalog1795318150000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE catalog_entries (
        kind       text           NOT NULL,
        code       text           NOT NULL,
        name       text           NOT NULL,
        active     boolean        NOT NULL DEFAULT true,
        spec       jsonb          NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_by uuid           NULL,
        CONSTRAINT catalog_entries_pkey PRIMARY KEY (kind, code),
        CONSTRAINT catalog_entries_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id),
        CONSTRAINT catalog_entries_kind_check CHECK (kind IN ('process', 'material', 'finish', 'tolerance', 'inspection', 'lead_tier')),
        CONSTRAINT catalog_entries_code_check CHECK (code ~ '^[a-z0-9_]{1,60}$'),
        CONSTRAINT catalog_entries_spec_code_check CHECK (spec ->> 'code' = code),
        CONSTRAINT catalog_entries_spec_object_check CHECK (jsonb_typeof(spec) = 'object')
      )`);
    await db.query(`
      CREATE TABLE catalog_settings (
        id         smallint       NOT NULL DEFAULT 1,
        version    integer        NOT NULL DEFAULT 1,
        currency   char(3)        NOT NULL,
        settings   jsonb          NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_by uuid           NULL,
        CONSTRAINT catalog_settings_pkey PRIMARY KEY (id),
        CONSTRAINT catalog_settings_singleton_check CHECK (id = 1),
        CONSTRAINT catalog_settings_version_check CHECK (version >= 1),
        CONSTRAINT catalog_settings_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT catalog_settings_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id)
      )`);
    await db.query(`
      CREATE TABLE catalog_changes (
        id         bigint GENERATED ALWAYS AS IDENTITY,
        version    integer        NOT NULL,
        kind       text           NOT NULL,
        code       text           NOT NULL,
        before     jsonb          NULL,
        after      jsonb          NOT NULL,
        note       text           NOT NULL,
        changed_by uuid           NOT NULL,
        changed_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT catalog_changes_pkey PRIMARY KEY (id),
        CONSTRAINT catalog_changes_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES users (id),
        CONSTRAINT catalog_changes_note_check CHECK (length(btrim(note)) > 0)
      )`);
    await db.query(`CREATE INDEX catalog_changes_entry_idx ON catalog_changes (kind, code, changed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE catalog_changes`);
    await db.query(`DROP TABLE catalog_settings`);
    await db.query(`DROP TABLE catalog_entries`);
  }
}
