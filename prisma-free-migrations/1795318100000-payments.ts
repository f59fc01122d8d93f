import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments and escrow: one PaymentIntent per order, escrow allocations (what each factory is owed once its
 * part is accepted), transfers to factories' connected accounts, refunds and transfer reversals,
 * chargebacks, designer–factory delivery disputes, processed webhook events, and the double-entry ledger.
 *
 * The ledger is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), every entry balances per
 * currency (a deferred constraint trigger checks at commit), and an order's held funds never go negative.
 */
export class Payments1795318100000 implements MigrationInterface {
  name = 'Payments1795318100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payment_connected_accounts (
        id                   uuid           NOT NULL DEFAULT gen_random_uuid(),
        organization_id      uuid           NOT NULL,
        idempotency_key      text           NOT NULL,
        stripe_account_id    text           NULL,
        transfers_capability text           NOT NULL DEFAULT 'inactive',
        details_submitted    boolean        NOT NULL DEFAULT false,
        payouts_enabled      boolean        NOT NULL DEFAULT false,
        synced_at            timestamptz(3) NULL,
        created_at           timestamptz(3) NOT NULL DEFAULT now(),
        updated_at           timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT payment_connected_accounts_pkey PRIMARY KEY (id),
        CONSTRAINT payment_connected_accounts_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT payment_connected_accounts_organization_key UNIQUE (organization_id),
        CONSTRAINT payment_connected_accounts_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT payment_connected_accounts_stripe_key UNIQUE (stripe_account_id),
        CONSTRAINT payment_connected_accounts_transfers_check CHECK (transfers_capability IN ('inactive', 'pending', 'active'))
      )`);

    await db.query(`
      CREATE TABLE payments (
        id                       uuid           NOT NULL DEFAULT gen_random_uuid(),
        order_id                 uuid           NOT NULL,
        designer_organization_id uuid           NOT NULL,
        amount_minor             bigint         NOT NULL,
        currency                 char(3)        NOT NULL,
        status                   text           NOT NULL DEFAULT 'requires_payment',
        idempotency_key          text           NOT NULL,
        stripe_payment_intent_id text           NULL,
        stripe_charge_id         text           NULL,
        client_secret            text           NULL,
        failure_message          text           NULL,
        succeeded_at             timestamptz(3) NULL,
        created_at               timestamptz(3) NOT NULL DEFAULT now(),
        updated_at               timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT payments_pkey PRIMARY KEY (id),
        CONSTRAINT payments_designer_organization_fkey FOREIGN KEY (designer_organization_id) REFERENCES organizations (id),
        CONSTRAINT payments_order_key UNIQUE (order_id),
        CONSTRAINT payments_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT payments_payment_intent_key UNIQUE (stripe_payment_intent_id),
        CONSTRAINT payments_charge_key UNIQUE (stripe_charge_id),
        CONSTRAINT payments_amount_check CHECK (amount_minor > 0),
        CONSTRAINT payments_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT payments_status_check CHECK (status IN ('requires_payment', 'failed', 'succeeded', 'canceled')),
        CONSTRAINT payments_succeeded_check CHECK (status <> 'succeeded' OR stripe_charge_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX payments_designer_idx ON payments (designer_organization_id, created_at)`);

    await db.query(`
      CREATE TABLE escrow_allocations (
        id                      uuid           NOT NULL DEFAULT gen_random_uuid(),
        payment_id              uuid           NOT NULL,
        order_id                uuid           NOT NULL,
        allocation_key          text           NOT NULL,
        factory_organization_id uuid           NOT NULL,
        currency                char(3)        NOT NULL,
        gross_minor             bigint         NOT NULL,
        payout_minor            bigint         NOT NULL,
        inspection_required     boolean        NOT NULL DEFAULT false,
        inspection_evidence_at  timestamptz(3) NULL,
        delivered_at            timestamptz(3) NULL,
        auto_release_at         timestamptz(3) NULL,
        accepted_at             timestamptz(3) NULL,
        status                  text           NOT NULL DEFAULT 'held',
        released_gross_minor    bigint         NOT NULL DEFAULT 0,
        released_payout_minor   bigint         NOT NULL DEFAULT 0,
        settled_at              timestamptz(3) NULL,
        created_at              timestamptz(3) NOT NULL DEFAULT now(),
        updated_at              timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT escrow_allocations_pkey PRIMARY KEY (id),
        CONSTRAINT escrow_allocations_payment_fkey FOREIGN KEY (payment_id) REFERENCES payments (id),
        CONSTRAINT escrow_allocations_factory_fkey FOREIGN KEY (factory_organization_id) REFERENCES organizations (id),
        CONSTRAINT escrow_allocations_order_key UNIQUE (order_id, allocation_key),
        CONSTRAINT escrow_allocations_amounts_check CHECK (payout_minor >= 0 AND gross_minor >= payout_minor AND gross_minor > 0),
        CONSTRAINT escrow_allocations_released_check CHECK (released_gross_minor BETWEEN 0 AND gross_minor AND released_payout_minor BETWEEN 0 AND payout_minor),
        CONSTRAINT escrow_allocations_status_check CHECK (status IN ('held', 'delivered', 'disputed', 'released', 'refunded', 'split'))
      )`);
    await db.query(`CREATE INDEX escrow_allocations_factory_idx ON escrow_allocations (factory_organization_id, created_at)`);

    await db.query(`
      CREATE TABLE factory_transfers (
        id                      uuid           NOT NULL DEFAULT gen_random_uuid(),
        allocation_id           uuid           NOT NULL,
        payment_id              uuid           NOT NULL,
        order_id                uuid           NOT NULL,
        factory_organization_id uuid           NOT NULL,
        amount_minor            bigint         NOT NULL,
        currency                char(3)        NOT NULL,
        idempotency_key         text           NOT NULL,
        stripe_transfer_id      text           NULL,
        destination_account_id  text           NULL,
        status                  text           NOT NULL DEFAULT 'pending',
        reversed_minor          bigint         NOT NULL DEFAULT 0,
        attempts                integer        NOT NULL DEFAULT 0,
        last_error              text           NULL,
        created_at              timestamptz(3) NOT NULL DEFAULT now(),
        updated_at              timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT factory_transfers_pkey PRIMARY KEY (id),
        CONSTRAINT factory_transfers_allocation_fkey FOREIGN KEY (allocation_id) REFERENCES escrow_allocations (id),
        CONSTRAINT factory_transfers_payment_fkey FOREIGN KEY (payment_id) REFERENCES payments (id),
        CONSTRAINT factory_transfers_factory_fkey FOREIGN KEY (factory_organization_id) REFERENCES organizations (id),
        CONSTRAINT factory_transfers_allocation_key UNIQUE (allocation_id),
        CONSTRAINT factory_transfers_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT factory_transfers_stripe_key UNIQUE (stripe_transfer_id),
        CONSTRAINT factory_transfers_amount_check CHECK (amount_minor > 0 AND reversed_minor BETWEEN 0 AND amount_minor),
        CONSTRAINT factory_transfers_status_check CHECK (status IN ('pending', 'created', 'partially_reversed', 'reversed', 'failed')),
        CONSTRAINT factory_transfers_created_check CHECK (status IN ('pending', 'failed') OR stripe_transfer_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX factory_transfers_factory_idx ON factory_transfers (factory_organization_id, created_at)`);

    await db.query(`
      CREATE TABLE payment_refunds (
        id               uuid           NOT NULL DEFAULT gen_random_uuid(),
        payment_id       uuid           NOT NULL,
        order_id         uuid           NOT NULL,
        refund_key       text           NOT NULL,
        amount_minor     bigint         NOT NULL,
        currency         char(3)        NOT NULL,
        reason           text           NOT NULL,
        idempotency_key  text           NOT NULL,
        stripe_refund_id text           NULL,
        status           text           NOT NULL DEFAULT 'pending',
        failure_reason   text           NULL,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        updated_at       timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT payment_refunds_pkey PRIMARY KEY (id),
        CONSTRAINT payment_refunds_payment_fkey FOREIGN KEY (payment_id) REFERENCES payments (id),
        CONSTRAINT payment_refunds_key UNIQUE (payment_id, refund_key),
        CONSTRAINT payment_refunds_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT payment_refunds_stripe_key UNIQUE (stripe_refund_id),
        CONSTRAINT payment_refunds_amount_check CHECK (amount_minor > 0),
        CONSTRAINT payment_refunds_status_check CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled'))
      )`);

    await db.query(`
      CREATE TABLE transfer_reversals (
        id                 uuid           NOT NULL DEFAULT gen_random_uuid(),
        transfer_id        uuid           NOT NULL,
        refund_id          uuid           NULL,
        amount_minor       bigint         NOT NULL,
        idempotency_key    text           NOT NULL,
        stripe_reversal_id text           NULL,
        status             text           NOT NULL DEFAULT 'pending',
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT transfer_reversals_pkey PRIMARY KEY (id),
        CONSTRAINT transfer_reversals_transfer_fkey FOREIGN KEY (transfer_id) REFERENCES factory_transfers (id),
        CONSTRAINT transfer_reversals_refund_fkey FOREIGN KEY (refund_id) REFERENCES payment_refunds (id),
        CONSTRAINT transfer_reversals_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT transfer_reversals_stripe_key UNIQUE (stripe_reversal_id),
        CONSTRAINT transfer_reversals_amount_check CHECK (amount_minor > 0),
        CONSTRAINT transfer_reversals_status_check CHECK (status IN ('pending', 'succeeded'))
      )`);

    await db.query(`
      CREATE TABLE chargebacks (
        id                   uuid           NOT NULL DEFAULT gen_random_uuid(),
        payment_id           uuid           NOT NULL,
        order_id             uuid           NOT NULL,
        stripe_dispute_id    text           NOT NULL,
        amount_minor         bigint         NOT NULL,
        currency             char(3)        NOT NULL,
        reason               text           NOT NULL,
        status               text           NOT NULL,
        evidence_due_by      timestamptz(3) NULL,
        evidence_submitted_at timestamptz(3) NULL,
        created_at           timestamptz(3) NOT NULL DEFAULT now(),
        updated_at           timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT chargebacks_pkey PRIMARY KEY (id),
        CONSTRAINT chargebacks_payment_fkey FOREIGN KEY (payment_id) REFERENCES payments (id),
        CONSTRAINT chargebacks_stripe_key UNIQUE (stripe_dispute_id),
        CONSTRAINT chargebacks_amount_check CHECK (amount_minor > 0),
        CONSTRAINT chargebacks_status_check CHECK (status IN ('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'))
      )`);
    await db.query(`CREATE INDEX chargebacks_order_idx ON chargebacks (order_id)`);

    await db.query(`
      CREATE TABLE delivery_disputes (
        id                        uuid           NOT NULL DEFAULT gen_random_uuid(),
        allocation_id             uuid           NOT NULL,
        order_id                  uuid           NOT NULL,
        opened_by_organization_id uuid           NOT NULL,
        reason                    text           NOT NULL,
        status                    text           NOT NULL DEFAULT 'open',
        resolution                text           NULL,
        factory_percent           integer        NULL,
        resolved_by               uuid           NULL,
        resolved_at               timestamptz(3) NULL,
        created_at                timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT delivery_disputes_pkey PRIMARY KEY (id),
        CONSTRAINT delivery_disputes_allocation_fkey FOREIGN KEY (allocation_id) REFERENCES escrow_allocations (id),
        CONSTRAINT delivery_disputes_opened_by_fkey FOREIGN KEY (opened_by_organization_id) REFERENCES organizations (id),
        CONSTRAINT delivery_disputes_resolved_by_fkey FOREIGN KEY (resolved_by) REFERENCES users (id),
        CONSTRAINT delivery_disputes_status_check CHECK (status IN ('open', 'resolved')),
        CONSTRAINT delivery_disputes_resolution_check CHECK (resolution IN ('release', 'refund', 'split')),
        CONSTRAINT delivery_disputes_percent_check CHECK (factory_percent BETWEEN 0 AND 100),
        CONSTRAINT delivery_disputes_resolved_check CHECK ((status = 'resolved') = (resolution IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX delivery_disputes_one_open_idx ON delivery_disputes (allocation_id) WHERE status = 'open'`);

    await db.query(`
      CREATE TABLE factory_payouts (
        id                uuid           NOT NULL DEFAULT gen_random_uuid(),
        stripe_payout_id  text           NOT NULL,
        stripe_account_id text           NOT NULL,
        organization_id   uuid           NULL,
        amount_minor      bigint         NOT NULL,
        currency          char(3)        NOT NULL,
        status            text           NOT NULL,
        arrival_date      timestamptz(3) NULL,
        failure_message   text           NULL,
        created_at        timestamptz(3) NOT NULL DEFAULT now(),
        updated_at        timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT factory_payouts_pkey PRIMARY KEY (id),
        CONSTRAINT factory_payouts_stripe_key UNIQUE (stripe_payout_id),
        CONSTRAINT factory_payouts_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT factory_payouts_status_check CHECK (status IN ('pending', 'in_transit', 'paid', 'failed', 'canceled'))
      )`);
    await db.query(`CREATE INDEX factory_payouts_organization_idx ON factory_payouts (organization_id, created_at)`);

    await db.query(`
      CREATE TABLE stripe_webhook_events (
        id          text           NOT NULL,
        endpoint    text           NOT NULL,
        type        text           NOT NULL,
        account     text           NULL,
        created     timestamptz(3) NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT stripe_webhook_events_pkey PRIMARY KEY (id),
        CONSTRAINT stripe_webhook_events_endpoint_check CHECK (endpoint IN ('platform', 'connect'))
      )`);

    await db.query(`
      CREATE TABLE reconciliation_reports (
        id             uuid           NOT NULL DEFAULT gen_random_uuid(),
        status         text           NOT NULL DEFAULT 'queued',
        requested_by   uuid           NULL,
        checked        jsonb          NOT NULL DEFAULT '{}'::jsonb,
        differences    jsonb          NOT NULL DEFAULT '[]'::jsonb,
        error          text           NULL,
        created_at     timestamptz(3) NOT NULL DEFAULT now(),
        finished_at    timestamptz(3) NULL,
        CONSTRAINT reconciliation_reports_pkey PRIMARY KEY (id),
        CONSTRAINT reconciliation_reports_status_check CHECK (status IN ('queued', 'running', 'finished', 'failed'))
      )`);

    // The ledger.
    await db.query(`
      CREATE TABLE ledger_entries (
        id          bigint         GENERATED ALWAYS AS IDENTITY,
        entry_key   text           NOT NULL,
        kind        text           NOT NULL,
        order_id    uuid           NULL,
        currency    char(3)        NOT NULL,
        memo        text           NOT NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ledger_entries_pkey PRIMARY KEY (id),
        CONSTRAINT ledger_entries_key UNIQUE (entry_key),
        CONSTRAINT ledger_entries_currency_check CHECK (currency ~ '^[A-Z]{3}$')
      )`);
    await db.query(`CREATE INDEX ledger_entries_order_idx ON ledger_entries (order_id)`);
    await db.query(`
      CREATE TABLE ledger_postings (
        id              bigint         GENERATED ALWAYS AS IDENTITY,
        entry_id        bigint         NOT NULL,
        account         text           NOT NULL,
        account_type    text           NOT NULL,
        organization_id uuid           NULL,
        order_id        uuid           NULL,
        currency        char(3)        NOT NULL,
        amount_minor    bigint         NOT NULL,
        CONSTRAINT ledger_postings_pkey PRIMARY KEY (id),
        CONSTRAINT ledger_postings_entry_fkey FOREIGN KEY (entry_id) REFERENCES ledger_entries (id),
        CONSTRAINT ledger_postings_amount_check CHECK (amount_minor <> 0),
        CONSTRAINT ledger_postings_account_type_check CHECK (account_type IN (
          'processor_balance', 'processor_fees', 'designer_funds_held', 'factory_payable', 'platform_fee_revenue',
          'refunds_pending', 'disputed_funds', 'platform_losses')),
        CONSTRAINT ledger_postings_account_check CHECK (account = account_type OR account LIKE account_type || ':%')
      )`);
    await db.query(`CREATE INDEX ledger_postings_entry_idx ON ledger_postings (entry_id)`);
    await db.query(`CREATE INDEX ledger_postings_account_idx ON ledger_postings (account, currency)`);
    await db.query(`CREATE INDEX ledger_postings_organization_idx ON ledger_postings (organization_id) WHERE organization_id IS NOT NULL`);

    await db.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % is refused (post a correcting entry instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['ledger_entries', 'ledger_postings']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()`);
    }

    // Checked at commit, so an entry's postings can be inserted one by one.
    await db.query(`
      CREATE FUNCTION ledger_check_posting() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        unbalanced record;
        held bigint;
      BEGIN
        SELECT currency, sum(amount_minor) AS total INTO unbalanced
          FROM ledger_postings WHERE entry_id = NEW.entry_id GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'ledger entry % does not balance: % % left over', NEW.entry_id, unbalanced.total, unbalanced.currency
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entries_balanced';
        END IF;
        IF NEW.account_type = 'designer_funds_held' THEN
          SELECT -sum(amount_minor) INTO held FROM ledger_postings WHERE account = NEW.account AND currency = NEW.currency;
          IF held < 0 THEN
            RAISE EXCEPTION 'funds held for % would be negative (%)', NEW.account, held
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_held_not_negative';
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_posting()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ledger_postings`);
    await db.query(`DROP TABLE ledger_entries`);
    await db.query(`DROP FUNCTION ledger_check_posting()`);
    await db.query(`DROP FUNCTION ledger_refuse_change()`);
    for (const table of [
      'reconciliation_reports', 'stripe_webhook_events', 'factory_payouts', 'delivery_disputes', 'chargebacks', 'transfer_reversals',
      'payment_refunds', 'factory_transfers', 'escrow_allocations', 'payments', 'payment_connected_accounts',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
