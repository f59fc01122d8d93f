import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production scheduling: the jobs a factory has to make (one per awarded job line, with its routing),
 * machine downtime, and every plan the scheduling worker computed (runs and their operations).
 */
export class ProductionScheduling1795318500000 implements MigrationInterface {
  name = 'ProductionScheduling1795318500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE production_jobs (
        job_line_id        uuid           NOT NULL,
        factory_id         uuid           NOT NULL,
        organization_id    uuid           NOT NULL,
        process            text           NOT NULL,
        quantity           integer        NOT NULL,
        due_at             timestamptz(3) NOT NULL,
        release_at         timestamptz(3) NULL,
        weight             double precision NOT NULL DEFAULT 1,
        machine_hours      double precision NOT NULL,
        quote_id           uuid           NULL,
        routing            jsonb          NOT NULL,
        routing_adjusted   boolean        NOT NULL DEFAULT false,
        status             text           NOT NULL DEFAULT 'planned',
        plan_version       integer        NULL,
        promised_ship_at   timestamptz(3) NULL,
        at_risk            boolean        NOT NULL DEFAULT false,
        at_risk_notified_for timestamptz(3) NULL,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT production_jobs_pkey PRIMARY KEY (job_line_id),
        CONSTRAINT production_jobs_job_line_fkey FOREIGN KEY (job_line_id) REFERENCES job_lines (id),
        CONSTRAINT production_jobs_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT production_jobs_status_check CHECK (status IN ('planned', 'cancelled')),
        CONSTRAINT production_jobs_quantity_check CHECK (quantity > 0),
        CONSTRAINT production_jobs_machine_hours_check CHECK (machine_hours >= 0),
        CONSTRAINT production_jobs_weight_check CHECK (weight > 0),
        CONSTRAINT production_jobs_routing_check CHECK (jsonb_typeof(routing) = 'array' AND jsonb_array_length(routing) > 0)
      )`);
    await db.query(`CREATE INDEX production_jobs_factory_planned_idx ON production_jobs (factory_id) WHERE status = 'planned'`);
    await db.query(`CREATE INDEX production_jobs_at_risk_idx ON production_jobs (factory_id, promised_ship_at) WHERE status = 'planned' AND at_risk`);

    await db.query(`
      CREATE TABLE machine_downtime (
        id           uuid           NOT NULL DEFAULT gen_random_uuid(),
        factory_id   uuid           NOT NULL,
        machine_id   uuid           NOT NULL,
        from_at      timestamptz(3) NOT NULL,
        to_at        timestamptz(3) NOT NULL,
        reason       text           NOT NULL,
        created_by   uuid           NULL,
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT machine_downtime_pkey PRIMARY KEY (id),
        CONSTRAINT machine_downtime_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT machine_downtime_machine_fkey FOREIGN KEY (machine_id) REFERENCES factory_machines (id) ON DELETE CASCADE,
        CONSTRAINT machine_downtime_window_check CHECK (to_at > from_at)
      )`);
    await db.query(`CREATE INDEX machine_downtime_factory_to_idx ON machine_downtime (factory_id, to_at)`);

    await db.query(`
      CREATE TABLE schedule_runs (
        id                  bigint GENERATED ALWAYS AS IDENTITY,
        factory_id          uuid           NOT NULL,
        version             integer        NOT NULL,
        trigger             text           NOT NULL,
        fingerprint         char(64)       NOT NULL,
        planned_from        timestamptz(3) NOT NULL,
        status              text           NOT NULL,
        method              text           NOT NULL,
        makespan_minutes    integer        NOT NULL,
        weighted_tardiness  double precision NOT NULL,
        at_risk_jobs        integer        NOT NULL,
        elapsed_ms          integer        NOT NULL,
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT schedule_runs_pkey PRIMARY KEY (id),
        CONSTRAINT schedule_runs_factory_fkey FOREIGN KEY (factory_id) REFERENCES factories (id),
        CONSTRAINT schedule_runs_factory_version_key UNIQUE (factory_id, version),
        CONSTRAINT schedule_runs_version_check CHECK (version > 0)
      )`);

    await db.query(`
      CREATE TABLE scheduled_operations (
        run_id          bigint         NOT NULL,
        factory_id      uuid           NOT NULL,
        job_line_id     uuid           NOT NULL,
        op_index        integer        NOT NULL,
        operation       text           NOT NULL,
        machine_class   text           NOT NULL,
        machine_id      uuid           NULL,
        unit            text           NOT NULL,
        start_at        timestamptz(3) NOT NULL,
        end_at          timestamptz(3) NOT NULL,
        frozen          boolean        NOT NULL DEFAULT false,
        CONSTRAINT scheduled_operations_pkey PRIMARY KEY (run_id, job_line_id, op_index),
        CONSTRAINT scheduled_operations_run_fkey FOREIGN KEY (run_id) REFERENCES schedule_runs (id) ON DELETE CASCADE,
        CONSTRAINT scheduled_operations_job_fkey FOREIGN KEY (job_line_id) REFERENCES production_jobs (job_line_id),
        CONSTRAINT scheduled_operations_window_check CHECK (end_at >= start_at)
      )`);
    await db.query(`CREATE INDEX scheduled_operations_run_unit_idx ON scheduled_operations (run_id, unit, start_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE scheduled_operations`);
    await db.query(`DROP TABLE schedule_runs`);
    await db.query(`DROP TABLE machine_downtime`);
    await db.query(`DROP TABLE production_jobs`);
  }
}
