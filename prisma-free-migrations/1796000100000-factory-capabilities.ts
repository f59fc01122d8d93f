import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Factory capabilities, precomputed for eligibility at scale (issue #6), in two tables kept by triggers
 * in the writing transaction:
 *
 * - `factory_capabilities`: one row per (machine, material) for each machine whose process its factory
 *   offers — process, envelope, tolerance, mass limit — plus one row per machine with material '*' for
 *   criteria that name no material. `match_key` hashes process and material, so matching jobs to
 *   machines is a join on one integer (the texts are rechecked on a match), and the covering index on it
 *   answers one job with an index-only scan.
 * - `factory_eligibility_profiles`: one row per approved factory whose organisation is active — finishes,
 *   export control, probation cap, and for each certificate kind the dates on which a verified
 *   certificate of that kind is valid (a multirange: renewals with gaps stay exact).
 *
 * Eligibility is then: jobs ⋈ capabilities on match_key, machine limits compared, ⋈ profiles on factory,
 * factory rules compared — plain column comparisons instead of array searches and correlated subqueries
 * per (job, factory). A certificate expiring needs no rebuild: the job's date is tested against the
 * ranges. Statement-level triggers rebuild each changed factory once per statement, however many rows it
 * touched. No foreign keys: the rows are rebuilt wholesale by the triggers (a deleted factory or machine
 * takes its rows with it through them), and two referential checks per inserted row made a bulk rebuild
 * several times slower.
 */
export class FactoryCapabilities1796000100000 implements MigrationInterface {
  name = 'FactoryCapabilities1796000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE factory_capabilities (
        machine_id         uuid             NOT NULL,
        material           text             NOT NULL,
        factory_id         uuid             NOT NULL,
        process            text             NOT NULL,
        match_key          integer          GENERATED ALWAYS AS (hashtext(process || '/' || material)) STORED,
        envelope_major_mm  integer          NOT NULL,
        envelope_middle_mm integer          NOT NULL,
        envelope_minor_mm  integer          NOT NULL,
        tolerance_mm       double precision NOT NULL,
        max_part_mass_kg   double precision NOT NULL,
        CONSTRAINT factory_capabilities_pkey PRIMARY KEY (machine_id, material)
      )`);
    await db.query(`
      CREATE INDEX factory_capabilities_match_idx ON factory_capabilities (match_key)
        INCLUDE (process, material, factory_id, envelope_major_mm, envelope_middle_mm, envelope_minor_mm, tolerance_mm, max_part_mass_kg)`);
    await db.query(`CREATE INDEX factory_capabilities_factory_idx ON factory_capabilities (factory_id)`);

    await db.query(`
      CREATE TABLE factory_eligibility_profiles (
        factory_id                    uuid             NOT NULL,
        finishes                      text[]           NOT NULL,
        serves_countries              text[]           NULL,
        itar_registered               boolean          NOT NULL,
        on_probation                  boolean          NOT NULL,
        probation_max_job_value_minor integer          NOT NULL,
        valid_iso_9001                      datemultirange   NULL,
        valid_as9100d                       datemultirange   NULL,
        valid_iso_13485                     datemultirange   NULL,
        valid_iatf_16949                    datemultirange   NULL,
        valid_iso_14001                     datemultirange   NULL,
        valid_itar_registration             datemultirange   NULL,
        valid_other                         datemultirange   NULL,
        CONSTRAINT factory_eligibility_profiles_pkey PRIMARY KEY (factory_id)
      )`);

    // Both rebuilds join the ids with unnest: `= ANY` of a 10,000-element array scans the array per row.
    // They lock the factories' rows first (NO KEY UPDATE, which does not conflict with the KEY SHARE a
    // machine or certificate insert takes on its factory), so two transactions changing one factory
    // rebuild it one after the other, the second seeing the first's work.
    await db.query(`
      CREATE FUNCTION factory_capabilities_refresh(factory_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(cardinality(factory_ids), 0) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM factories WHERE id = ANY(factory_ids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM factory_capabilities c USING unnest(factory_ids) AS ids(id) WHERE c.factory_id = ids.id;
        INSERT INTO factory_capabilities (machine_id, material, factory_id, process, envelope_major_mm, envelope_middle_mm, envelope_minor_mm, tolerance_mm, max_part_mass_kg)
        SELECT m.id, materials.material, f.id, m.process, m.envelope_major_mm, m.envelope_middle_mm, m.envelope_minor_mm, m.tolerance_mm, m.max_part_mass_kg
          FROM (SELECT DISTINCT unnest(factory_ids)) AS ids(id)
          JOIN factories f ON f.id = ids.id
          JOIN factory_machines m ON m.factory_id = f.id AND m.process = ANY(f.processes)
         CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(f.materials || '*'::text) AS x) AS materials(material);
      END $$`);
    await db.query(`
      CREATE FUNCTION factory_eligibility_profiles_refresh(factory_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(cardinality(factory_ids), 0) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM factories WHERE id = ANY(factory_ids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM factory_eligibility_profiles p USING unnest(factory_ids) AS ids(id) WHERE p.factory_id = ids.id;
        WITH ids AS (SELECT DISTINCT unnest(factory_ids) AS id),
        certificates AS (
                SELECT v.factory_id,
                       range_agg(daterange(v.valid_from, v.valid_until, '[]')) FILTER (WHERE v.kind = 'iso_9001') AS iso_9001,
                       range_agg(daterange(v.valid_from, v.valid_until, '[]')) FILTER (WHERE v.kind = 'as9100d') AS as9100d,
                       range_agg(daterange(v.valid_from, v.valid_until, '[]')) FILTER (WHERE v.kind = 'iso_13485') AS iso_13485,
                       range_agg(daterange(v.valid_from, v.valid_until, '[]')) FILTER (WHERE v.kind = 'iatf_16949') AS iatf_16949,
                       range_agg(daterange(v.valid_from, v.valid_until, '[]')) FILTER (WHERE v.kind = 'iso_14001') AS iso_14001,
                       range_agg(daterange(v.valid_from, v.valid_until, '[]')) FILTER (WHERE v.kind = 'itar_registration') AS itar_registration,
                       range_agg(daterange(v.valid_from, v.valid_until, '[]')) FILTER (WHERE v.kind = 'other') AS other
                  FROM ids JOIN factory_certificates v ON v.factory_id = ids.id
                 WHERE v.status = 'verified'
                 GROUP BY v.factory_id)
        INSERT INTO factory_eligibility_profiles (factory_id, finishes, serves_countries, itar_registered, on_probation, probation_max_job_value_minor,
                                                  valid_iso_9001, valid_as9100d, valid_iso_13485, valid_iatf_16949, valid_iso_14001, valid_itar_registration, valid_other)
        SELECT f.id, f.finishes, f.serves_countries, f.itar_registered, f.on_probation, f.probation_max_job_value_minor,
               c.iso_9001, c.as9100d, c.iso_13485, c.iatf_16949, c.iso_14001, c.itar_registration, c.other
          FROM ids
          JOIN factories f ON f.id = ids.id AND f.status = 'approved'
          JOIN organizations o ON o.id = f.organization_id AND o.status = 'active'
          LEFT JOIN certificates c ON c.factory_id = f.id;
      END $$`);

    await db.query(`
      CREATE FUNCTION factory_capabilities_factories_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM factory_capabilities_refresh(ARRAY(SELECT id FROM new_rows));
          PERFORM factory_eligibility_profiles_refresh(ARRAY(SELECT id FROM new_rows));
        ELSE
          PERFORM factory_capabilities_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.processes, n.materials) IS DISTINCT FROM (o.processes, o.materials)));
          PERFORM factory_eligibility_profiles_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.status, n.organization_id, n.finishes, n.itar_registered, n.serves_countries, n.on_probation, n.probation_max_job_value_minor)
                   IS DISTINCT FROM
                   (o.status, o.organization_id, o.finishes, o.itar_registered, o.serves_countries, o.on_probation, o.probation_max_job_value_minor)));
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION factory_capabilities_organizations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM factory_eligibility_profiles_refresh(ARRAY(
          SELECT f.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN factories f ON f.organization_id = n.id
           WHERE n.status IS DISTINCT FROM o.status));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION factory_capabilities_machines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM factory_capabilities_refresh(ARRAY(SELECT DISTINCT factory_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM factory_capabilities_refresh(ARRAY(SELECT DISTINCT factory_id FROM old_rows));
        ELSE
          PERFORM factory_capabilities_refresh(ARRAY(
            SELECT DISTINCT x.factory_id FROM new_rows n JOIN old_rows o ON o.id = n.id,
                   LATERAL (VALUES (n.factory_id), (o.factory_id)) AS x(factory_id)
             WHERE (n.factory_id, n.process, n.envelope_x_mm, n.envelope_y_mm, n.envelope_z_mm, n.max_part_mass_kg, n.tolerance_mm)
                   IS DISTINCT FROM
                   (o.factory_id, o.process, o.envelope_x_mm, o.envelope_y_mm, o.envelope_z_mm, o.max_part_mass_kg, o.tolerance_mm)));
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION factory_capabilities_certificates_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM factory_eligibility_profiles_refresh(ARRAY(SELECT DISTINCT factory_id FROM new_rows WHERE status = 'verified'));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM factory_eligibility_profiles_refresh(ARRAY(SELECT DISTINCT factory_id FROM old_rows WHERE status = 'verified'));
        ELSE
          PERFORM factory_eligibility_profiles_refresh(ARRAY(
            SELECT DISTINCT x.factory_id FROM new_rows n JOIN old_rows o ON o.id = n.id,
                   LATERAL (VALUES (n.factory_id), (o.factory_id)) AS x(factory_id)
             WHERE (n.status = 'verified' OR o.status = 'verified')
               AND (n.factory_id, n.kind, n.status, n.valid_from, n.valid_until) IS DISTINCT FROM (o.factory_id, o.kind, o.status, o.valid_from, o.valid_until)));
        END IF;
        RETURN NULL;
      END $$`);

    // Transition tables need one trigger per event. A deleted factory cascades to its machines and
    // certificates, whose delete triggers clear its rows; an organisation is only ever created before its factory.
    const triggers: Array<[name: string, table: string, event: string, transition: string, fn: string]> = [
      ['factory_capabilities_factories_insert', 'factories', 'INSERT', 'NEW TABLE AS new_rows', 'factory_capabilities_factories_changed'],
      ['factory_capabilities_factories_update', 'factories', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'factory_capabilities_factories_changed'],
      ['factory_capabilities_factories_delete', 'factories', 'DELETE', 'OLD TABLE AS old_rows', 'factory_capabilities_factories_deleted'],
      ['factory_capabilities_organizations_update', 'organizations', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'factory_capabilities_organizations_changed'],
      ['factory_capabilities_machines_insert', 'factory_machines', 'INSERT', 'NEW TABLE AS new_rows', 'factory_capabilities_machines_changed'],
      ['factory_capabilities_machines_update', 'factory_machines', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'factory_capabilities_machines_changed'],
      ['factory_capabilities_machines_delete', 'factory_machines', 'DELETE', 'OLD TABLE AS old_rows', 'factory_capabilities_machines_changed'],
      ['factory_capabilities_certificates_insert', 'factory_certificates', 'INSERT', 'NEW TABLE AS new_rows', 'factory_capabilities_certificates_changed'],
      ['factory_capabilities_certificates_update', 'factory_certificates', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'factory_capabilities_certificates_changed'],
      ['factory_capabilities_certificates_delete', 'factory_certificates', 'DELETE', 'OLD TABLE AS old_rows', 'factory_capabilities_certificates_changed'],
    ];
    await db.query(`
      CREATE FUNCTION factory_capabilities_factories_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM factory_capabilities c USING old_rows o WHERE c.factory_id = o.id;
        DELETE FROM factory_eligibility_profiles p USING old_rows o WHERE p.factory_id = o.id;
        RETURN NULL;
      END $$`);
    for (const [name, table, event, transition, fn] of triggers) {
      await db.query(`CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }

    // Factories that exist already (a database migrated before these tables).
    await db.query(`SELECT factory_capabilities_refresh(ARRAY(SELECT id FROM factories)), factory_eligibility_profiles_refresh(ARRAY(SELECT id FROM factories))`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [name, table] of [
      ['factory_capabilities_certificates_delete', 'factory_certificates'],
      ['factory_capabilities_certificates_update', 'factory_certificates'],
      ['factory_capabilities_certificates_insert', 'factory_certificates'],
      ['factory_capabilities_machines_delete', 'factory_machines'],
      ['factory_capabilities_machines_update', 'factory_machines'],
      ['factory_capabilities_machines_insert', 'factory_machines'],
      ['factory_capabilities_organizations_update', 'organizations'],
      ['factory_capabilities_factories_delete', 'factories'],
      ['factory_capabilities_factories_update', 'factories'],
      ['factory_capabilities_factories_insert', 'factories'],
    ]) {
      await db.query(`DROP TRIGGER ${name} ON ${table}`);
    }
    for (const fn of [
      'factory_capabilities_factories_deleted()',
      'factory_capabilities_certificates_changed()',
      'factory_capabilities_machines_changed()',
      'factory_capabilities_organizations_changed()',
      'factory_capabilities_factories_changed()',
      'factory_eligibility_profiles_refresh(uuid[])',
      'factory_capabilities_refresh(uuid[])',
    ]) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
    await db.query(`DROP TABLE factory_eligibility_profiles`);
    await db.query(`DROP TABLE factory_capabilities`);
  }
}
