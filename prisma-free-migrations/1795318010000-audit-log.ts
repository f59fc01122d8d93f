import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log: moderation actions, role changes, certificate decisions, CAD file access.
 * A trigger refuses UPDATE, DELETE and TRUNCATE, so not even a bug in the application can rewrite it.
 * No foreign keys: entries outlive the users, organisations and parts they name.
 */
export class AuditLog1795318010000 implements MigrationInterface {
  name = 'AuditLog1795318010000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
        created_at              timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        actor_user_id           uuid        NULL,
        actor_organization_id   uuid        NULL,
        actor_role              text        NULL,
        action                  text        NOT NULL,
        subject_type            text        NOT NULL,
        subject_id              text        NOT NULL,
        subject_organization_id uuid        NULL,
        details                 jsonb       NOT NULL DEFAULT '{}',
        request_id              text        NULL,
        CONSTRAINT audit_log_pkey PRIMARY KEY (id),
        CONSTRAINT audit_log_action_check CHECK (action ~ '^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$')
      )`);
    await db.query(`CREATE INDEX audit_log_created_idx ON audit_log (created_at, id)`);
    await db.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, created_at, id)`);
    await db.query(`CREATE INDEX audit_log_subject_organization_idx ON audit_log (subject_organization_id, created_at, id)`);
    await db.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, created_at, id)`);
    await db.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await db.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_refuse_change()`);
  }
}
