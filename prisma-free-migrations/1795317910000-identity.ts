import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, users, memberships, sessions with rotating refresh tokens, invitations, and the mail log. */
export class Identity1795317910000 implements MigrationInterface {
  name = 'Identity1795317910000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organizations (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        kind             text        NOT NULL,
        name             text        NOT NULL,
        slug             text        NOT NULL,
        country          char(2)     NULL,
        status           text        NOT NULL DEFAULT 'active',
        suspended_reason text        NULL,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_pkey PRIMARY KEY (id),
        CONSTRAINT organizations_slug_key UNIQUE (slug),
        CONSTRAINT organizations_kind_check CHECK (kind IN ('designer', 'factory', 'platform')),
        CONSTRAINT organizations_status_check CHECK (status IN ('active', 'suspended')),
        CONSTRAINT organizations_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        CONSTRAINT organizations_country_check CHECK (country ~ '^[A-Z]{2}$'),
        CONSTRAINT organizations_suspension_reason_check CHECK (status <> 'suspended' OR suspended_reason IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX organizations_created_idx ON organizations (created_at, id)`);

    await db.query(`
      CREATE TABLE users (
        id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
        email               text        NOT NULL,
        display_name        text        NOT NULL,
        password_hash       text        NOT NULL,
        status              text        NOT NULL DEFAULT 'active',
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled')),
        CONSTRAINT users_email_check CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$')
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await db.query(`
      CREATE TABLE memberships (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        user_id         uuid        NOT NULL,
        organization_id uuid        NOT NULL,
        role            text        NOT NULL,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT memberships_pkey PRIMARY KEY (id),
        CONSTRAINT memberships_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT memberships_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT memberships_user_organization_key UNIQUE (user_id, organization_id),
        CONSTRAINT memberships_role_check CHECK (role IN ('designer', 'factory_admin', 'factory_member', 'operator'))
      )`);
    await db.query(`CREATE INDEX memberships_organization_idx ON memberships (organization_id, created_at, id)`);

    await db.query(`
      CREATE TABLE sessions (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        user_id         uuid        NOT NULL,
        organization_id uuid        NOT NULL,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at    timestamptz NOT NULL DEFAULT now(),
        expires_at      timestamptz NOT NULL,
        revoked_at      timestamptz NULL,
        revoked_reason  text        NULL,
        ip              text        NULL,
        user_agent      text        NULL,
        CONSTRAINT sessions_pkey PRIMARY KEY (id),
        CONSTRAINT sessions_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT sessions_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT sessions_revocation_check CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await db.query(`CREATE INDEX sessions_user_live_idx ON sessions (user_id) WHERE revoked_at IS NULL`);
    await db.query(`CREATE INDEX sessions_organization_live_idx ON sessions (organization_id) WHERE revoked_at IS NULL`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        session_id  uuid        NOT NULL,
        token_hash  bytea       NOT NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz NULL,
        replaced_by uuid        NULL,
        CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
        CONSTRAINT refresh_tokens_session_fkey FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
        CONSTRAINT refresh_tokens_replaced_by_fkey FOREIGN KEY (replaced_by) REFERENCES refresh_tokens (id),
        CONSTRAINT refresh_tokens_hash_length_check CHECK (octet_length(token_hash) = 32)
      )`);
    await db.query(`CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash)`);
    await db.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);

    await db.query(`
      CREATE TABLE invitations (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid        NOT NULL,
        email           text        NOT NULL,
        role            text        NOT NULL,
        token_hash      bytea       NOT NULL,
        invited_by      uuid        NOT NULL,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        expires_at      timestamptz NOT NULL,
        accepted_at     timestamptz NULL,
        accepted_by     uuid        NULL,
        revoked_at      timestamptz NULL,
        CONSTRAINT invitations_pkey PRIMARY KEY (id),
        CONSTRAINT invitations_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES users (id),
        CONSTRAINT invitations_accepted_by_fkey FOREIGN KEY (accepted_by) REFERENCES users (id),
        CONSTRAINT invitations_role_check CHECK (role IN ('designer', 'factory_admin', 'factory_member', 'operator')),
        CONSTRAINT invitations_email_check CHECK (email = lower(email))
      )`);
    await db.query(`CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash)`);
    await db.query(
      `CREATE UNIQUE INDEX invitations_one_open_per_email_idx ON invitations (organization_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE sent_emails (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        idempotency_key text        NOT NULL,
        to_address      text        NOT NULL,
        subject         text        NOT NULL,
        body            text        NOT NULL,
        sent_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sent_emails_pkey PRIMARY KEY (id),
        CONSTRAINT sent_emails_idempotency_key_key UNIQUE (idempotency_key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['sent_emails', 'invitations', 'refresh_tokens', 'sessions', 'memberships', 'users', 'organizations']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
