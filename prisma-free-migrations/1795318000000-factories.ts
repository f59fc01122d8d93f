import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The factory network: one profile per factory organisation (vetting state, capabilities, calendar,
 * export control, probation), machines, the certificate vault and its nightly sweeps, score events with
 * the scorecards they add up to, and score appeals.
 */
export class Factories1795318000000 implements MigrationInterface {
  name = 'Factories1795318000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE factories (
        id                            uuid        NOT NULL DEFAULT gen_random_uuid(),
        organization_id               uuid        NOT NULL,
        status                        text        NOT NULL DEFAULT 'applied',
        status_reason                 text        NULL,
        legal_name                    text        NOT NULL,
        address_line1                 text        NOT NULL,
        address_line2                 text        NULL,
        city                          text        NOT NULL,
        postal_code                   text        NULL,
        region                        text        NULL,
        country                       char(2)     NOT NULL,
        latitude                      double precision NOT NULL,
        longitude                     double precision NOT NULL,
        time_zone                     text        NOT NULL,
        languages                     text[]      NOT NULL DEFAULT '{}',
        processes                     text[]      NOT NULL DEFAULT '{}',
        materials                     text[]      NOT NULL DEFAULT '{}',
        finishes                      text[]      NOT NULL DEFAULT '{}',
        working_calendar              jsonb       NOT NULL DEFAULT '{"shifts": [], "holidays": []}',
        itar_registered               boolean     NOT NULL DEFAULT false,
        serves_countries              text[]      NULL,
        export_notes                  text        NULL,
        on_probation                  boolean     NOT NULL DEFAULT true,
        probation_jobs_required       integer     NOT NULL,
        probation_max_job_value_minor integer     NOT NULL,
        probation_currency            char(3)     NOT NULL,
        probation_max_open_jobs       integer     NOT NULL,
        applied_at                    timestamptz NOT NULL DEFAULT now(),
        decided_at                    timestamptz NULL,
        created_at                    timestamptz(3) NOT NULL DEFAULT now(),
        updated_at                    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT factories_pkey PRIMARY KEY (id),
        CONSTRAINT factories_organization_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT factories_organization_key UNIQUE (organization_id),
        CONSTRAINT factories_status_check CHECK (status IN ('applied', 'under_review', 'approved', 'rejected', 'suspended')),
        CONSTRAINT factories_status_reason_check CHECK (status NOT IN ('rejected', 'suspended') OR status_reason IS NOT NULL),
        CONSTRAINT factories_legal_name_check CHECK (length(btrim(legal_name)) BETWEEN 1 AND 200),
        CONSTRAINT factories_country_check CHECK (country ~ '^[A-Z]{2}$'),
        CONSTRAINT factories_latitude_check CHECK (latitude BETWEEN -90 AND 90),
        CONSTRAINT factories_longitude_check CHECK (longitude BETWEEN -180 AND 180),
        CONSTRAINT factories_probation_jobs_check CHECK (probation_jobs_required >= 0),
        CONSTRAINT factories_probation_value_check CHECK (probation_max_job_value_minor > 0),
        CONSTRAINT factories_probation_open_jobs_check CHECK (probation_max_open_jobs > 0),
        CONSTRAINT factories_probation_currency_check CHECK (probation_currency ~ '^[A-Z]{3}$')
      )`);
    await db.query(`CREATE INDEX factories_status_idx ON factories (status, created_at, id)`);
    await db.query(`CREATE INDEX factories_created_idx ON factories (created_at, id)`);
    await db.query(`CREATE INDEX factories_processes_idx ON factories USING gin (processes)`);
    await db.query(`CREATE INDEX factories_materials_idx ON factories USING gin (materials)`);

    await db.query(`
      CREATE TABLE factory_machines (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        factory_id        uuid        NOT NULL,
        process           text        NOT NULL,
        make              text        NOT NULL,
        model             text        NOT NULL,
        envelope_x_mm     integer     NOT NULL,
        envelope_y_mm     integer     NOT NULL,
        envelope_z_mm     integer     NOT NULL,
        envelope_major_mm integer     GENERATED ALWAYS AS (greatest(envelope_x_mm, envelope_y_mm, envelope_z_mm)) STORED,
        envelope_minor_mm integer     GENERATED ALWAYS AS (least(envelope_x_mm, envelope_y_mm, envelope_z_mm)) STORED,
        envelope_middle_mm integer    GENERATED ALWAYS AS (envelope_x_mm + envelope_y_mm + envelope_z_mm
                                        - greatest(envelope_x_mm, envelope_y_mm, envelope_z_mm)
                                        - least(envelope_x_mm, envelope_y_mm, envelope_z_mm)) STORED,
        max_part_mass_kg  double precision NOT NULL,
        tolerance_mm      double precision NOT NULL,
        hourly_rate_minor integer     NOT NULL,
        currency          char(3)     NOT NULL,
        count             integer     NOT NULL DEFAULT 1,
        created_at        timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT factory_machines_pkey PRIMARY KEY (id),
        CONSTRAINT factory_machines_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id) ON DELETE CASCADE,
        CONSTRAINT factory_machines_envelope_check CHECK (envelope_x_mm > 0 AND envelope_y_mm > 0 AND envelope_z_mm > 0),
        CONSTRAINT factory_machines_mass_check CHECK (max_part_mass_kg > 0),
        CONSTRAINT factory_machines_tolerance_check CHECK (tolerance_mm > 0),
        CONSTRAINT factory_machines_rate_check CHECK (hourly_rate_minor >= 0),
        CONSTRAINT factory_machines_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT factory_machines_count_check CHECK (count >= 1)
      )`);
    await db.query(`CREATE INDEX factory_machines_factory_idx ON factory_machines (factory_id, created_at, id)`);
    await db.query(`CREATE INDEX factory_machines_process_idx ON factory_machines (process, factory_id)`);

    await db.query(`
      CREATE TABLE factory_certificates (
        id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
        factory_id          uuid        NOT NULL,
        kind                text        NOT NULL,
        title               text        NULL,
        number              text        NOT NULL,
        issuer              text        NOT NULL,
        scope               text        NOT NULL,
        valid_from          date        NOT NULL,
        valid_until         date        NOT NULL,
        status              text        NOT NULL DEFAULT 'pending',
        decision_note       text        NULL,
        decided_by          uuid        NULL,
        decided_at          timestamptz NULL,
        document_key        text        NULL,
        document_name       text        NULL,
        document_sha256     text        NULL,
        document_size_bytes bigint      NULL,
        expiry_warned_for   date        NULL,
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT factory_certificates_pkey PRIMARY KEY (id),
        CONSTRAINT factory_certificates_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id) ON DELETE CASCADE,
        CONSTRAINT factory_certificates_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
        CONSTRAINT factory_certificates_kind_check CHECK (kind IN ('iso_9001', 'as9100d', 'iso_13485', 'iatf_16949', 'iso_14001', 'itar_registration', 'other')),
        CONSTRAINT factory_certificates_title_check CHECK (kind <> 'other' OR title IS NOT NULL),
        CONSTRAINT factory_certificates_status_check CHECK (status IN ('pending', 'verified', 'rejected', 'expired')),
        CONSTRAINT factory_certificates_validity_check CHECK (valid_until >= valid_from),
        CONSTRAINT factory_certificates_rejection_note_check CHECK (status <> 'rejected' OR decision_note IS NOT NULL),
        CONSTRAINT factory_certificates_document_check CHECK ((document_key IS NULL) = (document_sha256 IS NULL))
      )`);
    await db.query(`CREATE INDEX factory_certificates_factory_idx ON factory_certificates (factory_id, created_at, id)`);
    await db.query(`CREATE INDEX factory_certificates_status_idx ON factory_certificates (status, created_at, id)`);
    await db.query(`CREATE INDEX factory_certificates_verified_expiry_idx ON factory_certificates (valid_until) WHERE status = 'verified'`);

    await db.query(`
      CREATE TABLE factory_certificate_sweeps (
        id         bigint      GENERATED ALWAYS AS IDENTITY,
        as_of      date        NOT NULL,
        outcome    text        NOT NULL,
        warned     integer     NOT NULL DEFAULT 0,
        expired    integer     NOT NULL DEFAULT 0,
        ran_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT factory_certificate_sweeps_pkey PRIMARY KEY (id),
        CONSTRAINT factory_certificate_sweeps_outcome_check CHECK (outcome IN ('ran', 'skipped_locked'))
      )`);

    await db.query(`
      CREATE TABLE factory_score_events (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        factory_id  uuid        NOT NULL,
        kind        text        NOT NULL,
        component   text        NOT NULL,
        value       double precision NULL,
        points      double precision NOT NULL,
        source_ref  text        NOT NULL,
        occurred_at timestamptz NOT NULL,
        voided_at   timestamptz NULL,
        void_reason text        NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT factory_score_events_pkey PRIMARY KEY (id),
        CONSTRAINT factory_score_events_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id) ON DELETE CASCADE,
        CONSTRAINT factory_score_events_source_key UNIQUE (factory_id, kind, source_ref),
        CONSTRAINT factory_score_events_kind_check CHECK (kind IN ('delivery_on_time', 'delivery_late', 'accepted_clean', 'disputed', 'rework',
                                                                   'offer_response', 'offer_accepted', 'offer_declined', 'review')),
        CONSTRAINT factory_score_events_component_check CHECK (component IN ('delivery', 'quality', 'response', 'acceptance', 'stars')),
        CONSTRAINT factory_score_events_points_check CHECK (points BETWEEN 0 AND 1),
        CONSTRAINT factory_score_events_void_check CHECK ((voided_at IS NULL) = (void_reason IS NULL))
      )`);
    await db.query(`CREATE INDEX factory_score_events_factory_idx ON factory_score_events (factory_id, created_at, id)`);

    await db.query(`
      CREATE TABLE factory_scorecards (
        factory_id  uuid        NOT NULL,
        score       double precision NOT NULL,
        breakdown   jsonb       NOT NULL,
        clean_jobs  integer     NOT NULL DEFAULT 0,
        event_count integer     NOT NULL DEFAULT 0,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT factory_scorecards_pkey PRIMARY KEY (factory_id),
        CONSTRAINT factory_scorecards_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id) ON DELETE CASCADE,
        CONSTRAINT factory_scorecards_score_check CHECK (score BETWEEN 0 AND 100)
      )`);

    await db.query(`
      CREATE TABLE factory_score_appeals (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        score_event_id uuid        NOT NULL,
        factory_id     uuid        NOT NULL,
        reason         text        NOT NULL,
        status         text        NOT NULL DEFAULT 'open',
        created_by     uuid        NOT NULL,
        decision_note  text        NULL,
        decided_by     uuid        NULL,
        decided_at     timestamptz NULL,
        created_at     timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT factory_score_appeals_pkey PRIMARY KEY (id),
        CONSTRAINT factory_score_appeals_event_fkey FOREIGN KEY (score_event_id) REFERENCES factory_score_events (id) ON DELETE CASCADE,
        CONSTRAINT factory_score_appeals_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id) ON DELETE CASCADE,
        CONSTRAINT factory_score_appeals_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT factory_score_appeals_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
        CONSTRAINT factory_score_appeals_status_check CHECK (status IN ('open', 'upheld', 'dismissed')),
        CONSTRAINT factory_score_appeals_reason_check CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
        CONSTRAINT factory_score_appeals_decision_check CHECK ((status = 'open') = (decided_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX factory_score_appeals_one_open_idx ON factory_score_appeals (score_event_id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX factory_score_appeals_status_idx ON factory_score_appeals (status, created_at, id)`);
    await db.query(`CREATE INDEX factory_score_appeals_factory_idx ON factory_score_appeals (factory_id, created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'factory_score_appeals',
      'factory_scorecards',
      'factory_score_events',
      'factory_certificate_sweeps',
      'factory_certificates',
      'factory_machines',
      'factories',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
