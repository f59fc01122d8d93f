import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: in-app notifications per user (one per user and event, whatever replays), e-mail
 * preferences per category, and outgoing signed webhooks with their delivery log.
 */
export class Notifications1795318600000 implements MigrationInterface {
  name = 'Notifications1795318600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id               uuid           NOT NULL DEFAULT gen_random_uuid(),
        user_id          uuid           NOT NULL,
        organization_id  uuid           NOT NULL,
        type             text           NOT NULL,
        category         text           NOT NULL,
        subject_id       text           NOT NULL,
        subject_status   text           NULL,
        title            text           NOT NULL,
        body             text           NOT NULL,
        path             text           NULL,
        dedupe_key       text           NOT NULL,
        read_at          timestamptz(3) NULL,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT notifications_pkey PRIMARY KEY (id),
        CONSTRAINT notifications_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT notifications_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT notifications_user_dedupe_key UNIQUE (user_id, dedupe_key)
      )`);
    await db.query(`CREATE INDEX notifications_user_created_idx ON notifications (user_id, organization_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX notifications_user_unread_idx ON notifications (user_id, organization_id) WHERE read_at IS NULL`);

    await db.query(`
      CREATE TABLE notification_preferences (
        user_id        uuid           NOT NULL,
        category       text           NOT NULL,
        email_enabled  boolean        NOT NULL,
        updated_at     timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT notification_preferences_pkey PRIMARY KEY (user_id, category),
        CONSTRAINT notification_preferences_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);

    await db.query(`
      CREATE TABLE webhook_subscriptions (
        id                    uuid           NOT NULL DEFAULT gen_random_uuid(),
        organization_id       uuid           NOT NULL,
        url                   text           NOT NULL,
        event_types           text[]         NOT NULL,
        secret                text           NOT NULL,
        created_by            uuid           NOT NULL,
        consecutive_failures  integer        NOT NULL DEFAULT 0,
        disabled_at           timestamptz(3) NULL,
        disabled_reason       text           NULL,
        created_at            timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at            timestamptz(3) NULL,
        CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (id),
        CONSTRAINT webhook_subscriptions_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT webhook_subscriptions_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT webhook_subscriptions_url_check CHECK (url ~ '^https?://'),
        CONSTRAINT webhook_subscriptions_event_types_check CHECK (cardinality(event_types) > 0),
        CONSTRAINT webhook_subscriptions_failures_check CHECK (consecutive_failures >= 0)
      )`);
    await db.query(`CREATE INDEX webhook_subscriptions_organization_idx ON webhook_subscriptions (organization_id, created_at) WHERE deleted_at IS NULL`);

    await db.query(`
      CREATE TABLE webhook_deliveries (
        id                uuid           NOT NULL DEFAULT gen_random_uuid(),
        subscription_id   uuid           NOT NULL,
        organization_id   uuid           NOT NULL,
        event_key         text           NOT NULL,
        event_type        text           NOT NULL,
        payload           jsonb          NOT NULL,
        status            text           NOT NULL DEFAULT 'pending',
        attempts          integer        NOT NULL DEFAULT 0,
        last_status_code  integer        NULL,
        last_error        text           NULL,
        next_attempt_at   timestamptz(3) NULL,
        delivered_at      timestamptz(3) NULL,
        created_at        timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id),
        CONSTRAINT webhook_deliveries_subscription_fkey FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_subscription_event_key UNIQUE (subscription_id, event_key),
        CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
        CONSTRAINT webhook_deliveries_attempts_check CHECK (attempts >= 0)
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_subscription_created_idx ON webhook_deliveries (subscription_id, created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE webhook_delivery_attempts (
        delivery_id   uuid           NOT NULL,
        attempt       integer        NOT NULL,
        status_code   integer        NULL,
        error         text           NULL,
        duration_ms   integer        NOT NULL,
        attempted_at  timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT webhook_delivery_attempts_pkey PRIMARY KEY (delivery_id, attempt),
        CONSTRAINT webhook_delivery_attempts_delivery_fkey FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        CONSTRAINT webhook_delivery_attempts_attempt_check CHECK (attempt >= 1)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['webhook_delivery_attempts', 'webhook_deliveries', 'webhook_subscriptions', 'notification_preferences', 'notifications']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
