import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders (checkout), their lines (one ordered quote each), job lines (what sourcing awards, one per order
 * line once paid) and the history of every status change of either.
 */
export class Orders1795318300000 implements MigrationInterface {
  name = 'Orders1795318300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orders (
        id                     uuid           NOT NULL DEFAULT gen_random_uuid(),
        organization_id        uuid           NOT NULL,
        placed_by              uuid           NOT NULL,
        status                 text           NOT NULL DEFAULT 'draft',
        currency               char(3)        NOT NULL,
        subtotal_minor         bigint         NOT NULL,
        total_minor            bigint         NOT NULL,
        shipping_address       jsonb          NOT NULL,
        required_certificates  text[]         NOT NULL DEFAULT '{}',
        inspection_level       text           NULL,
        export_controlled      boolean        NOT NULL DEFAULT false,
        allow_splitting        boolean        NOT NULL DEFAULT false,
        preview_level          text           NOT NULL DEFAULT 'none',
        cancel_reason          text           NULL,
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        updated_at             timestamptz(3) NOT NULL DEFAULT now(),
        paid_at                timestamptz(3) NULL,
        cancelled_at           timestamptz(3) NULL,
        CONSTRAINT orders_pkey PRIMARY KEY (id),
        CONSTRAINT orders_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT orders_placed_by_fkey FOREIGN KEY (placed_by) REFERENCES users (id),
        CONSTRAINT orders_status_check CHECK (status IN ('draft', 'awaiting_payment', 'paid', 'in_progress', 'completed', 'cancelled')),
        CONSTRAINT orders_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT orders_subtotal_check CHECK (subtotal_minor > 0),
        CONSTRAINT orders_total_check CHECK (total_minor >= subtotal_minor),
        CONSTRAINT orders_preview_level_check CHECK (preview_level IN ('none', 'bbox', 'low_poly', 'full')),
        CONSTRAINT orders_cancelled_check CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
        CONSTRAINT orders_paid_check CHECK (status IN ('draft', 'awaiting_payment') OR status = 'cancelled' OR paid_at IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX orders_organization_created_idx ON orders (organization_id, created_at, id)`);
    await db.query(`CREATE INDEX orders_created_idx ON orders (created_at, id)`);

    await db.query(`
      CREATE TABLE order_lines (
        id                 uuid           NOT NULL DEFAULT gen_random_uuid(),
        order_id           uuid           NOT NULL,
        line_number        integer        NOT NULL,
        quote_id           uuid           NOT NULL,
        part_id            uuid           NOT NULL,
        part_revision_id   uuid           NOT NULL,
        quantity           integer        NOT NULL,
        unit_price_minor   bigint         NOT NULL,
        total_minor        bigint         NOT NULL,
        currency           char(3)        NOT NULL,
        lead_time_days     integer        NOT NULL,
        configuration      jsonb          NOT NULL,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT order_lines_pkey PRIMARY KEY (id),
        CONSTRAINT order_lines_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id),
        CONSTRAINT order_lines_quote_fkey FOREIGN KEY (quote_id) REFERENCES quotes (id),
        CONSTRAINT order_lines_part_fkey FOREIGN KEY (part_id) REFERENCES parts (id),
        CONSTRAINT order_lines_part_revision_fkey FOREIGN KEY (part_revision_id) REFERENCES part_revisions (id),
        CONSTRAINT order_lines_order_line_number_key UNIQUE (order_id, line_number),
        CONSTRAINT order_lines_quantity_check CHECK (quantity > 0),
        CONSTRAINT order_lines_unit_price_check CHECK (unit_price_minor >= 0),
        CONSTRAINT order_lines_total_check CHECK (total_minor = unit_price_minor * quantity),
        CONSTRAINT order_lines_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT order_lines_lead_time_check CHECK (lead_time_days >= 0)
      )`);
    // A quote is a contract for one order: ordered at most once, even by a cancelled order (re-quote instead).
    await db.query(`CREATE UNIQUE INDEX order_lines_quote_once_idx ON order_lines (quote_id)`);

    await db.query(`
      CREATE TABLE job_lines (
        id                     uuid           NOT NULL DEFAULT gen_random_uuid(),
        order_id               uuid           NOT NULL,
        order_line_id          uuid           NOT NULL,
        organization_id        uuid           NOT NULL,
        part_id                uuid           NOT NULL,
        part_revision_id       uuid           NOT NULL,
        configuration          jsonb          NOT NULL,
        quantity               integer        NOT NULL,
        due_date               timestamptz(3) NOT NULL,
        required_certificates  text[]         NOT NULL DEFAULT '{}',
        inspection_level       text           NOT NULL,
        export_controlled      boolean        NOT NULL,
        allow_splitting        boolean        NOT NULL,
        preview_level          text           NOT NULL,
        status                 text           NOT NULL DEFAULT 'sourcing',
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        updated_at             timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT job_lines_pkey PRIMARY KEY (id),
        CONSTRAINT job_lines_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id),
        CONSTRAINT job_lines_order_line_fkey FOREIGN KEY (order_line_id) REFERENCES order_lines (id),
        CONSTRAINT job_lines_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT job_lines_status_check CHECK (status IN ('sourcing', 'awarded', 'scheduled', 'in_production', 'shipped', 'delivered', 'accepted', 'paid_out', 'cancelled', 'disputed')),
        CONSTRAINT job_lines_quantity_check CHECK (quantity > 0),
        CONSTRAINT job_lines_preview_level_check CHECK (preview_level IN ('none', 'bbox', 'low_poly', 'full'))
      )`);
    // One job line per order line: a replayed "funded" message can never create a second.
    await db.query(`CREATE UNIQUE INDEX job_lines_order_line_idx ON job_lines (order_line_id)`);
    await db.query(`CREATE INDEX job_lines_order_idx ON job_lines (order_id)`);
    await db.query(`CREATE INDEX job_lines_sourcing_idx ON job_lines (created_at, id) WHERE status = 'sourcing'`);

    await db.query(`
      CREATE TABLE order_events (
        id              bigint GENERATED ALWAYS AS IDENTITY,
        order_id        uuid           NOT NULL,
        job_line_id     uuid           NULL,
        from_status     text           NULL,
        to_status       text           NOT NULL,
        actor_user_id   uuid           NULL,
        actor_role      text           NULL,
        reason          text           NULL,
        at              timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT order_events_pkey PRIMARY KEY (id),
        CONSTRAINT order_events_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id),
        CONSTRAINT order_events_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id),
        CONSTRAINT order_events_actor_fkey FOREIGN KEY (actor_user_id) REFERENCES users (id),
        CONSTRAINT order_events_change_check CHECK (from_status IS DISTINCT FROM to_status)
      )`);
    await db.query(`CREATE INDEX order_events_order_idx ON order_events (order_id, id)`);
    // History is history: never rewritten.
    await db.query(`
      CREATE FUNCTION order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'order_events is append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER order_events_no_change BEFORE UPDATE OR DELETE ON order_events
      FOR EACH ROW EXECUTE FUNCTION order_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE order_events`);
    await db.query(`DROP FUNCTION order_events_append_only()`);
    await db.query(`DROP TABLE job_lines`);
    await db.query(`DROP TABLE order_lines`);
    await db.query(`DROP TABLE orders`);
  }
}
