import { randomUUID } from 'node:crypto';
import { CERTIFICATE_KINDS, computeScore, EligibilityService, emptyTallies, FINISH_CODES, MATERIAL_CODES, PROCESS_CODES, type EligibilityCriteria, type EligibleFactoryRow } from '@partsmith/factories';
import { RequestContext } from '@partsmith/platform';
import type { DataSource } from 'typeorm';
import { createTestEnvironment, type TestEnvironment } from '../support/harness';

/**
 * Eligibility reads `factory_capabilities`, a table the triggers of migration 1796000100000 keep in step
 * with factories, organisations, machines and certificates. These tests change those tables the way the
 * services (or an operator with psql) would and check that eligibility follows at once: specific cases a
 * stale table would get wrong, and a randomized comparison with eligibility computed from the source
 * tables directly (the query the service ran before the table existed).
 */
describe('factory eligibility over the precomputed capability table', () => {
  let env: TestEnvironment;
  let db: DataSource;
  let ctx: RequestContext;
  const eligibility = new EligibilityService({} as ConstructorParameters<typeof EligibilityService>[0]);

  beforeAll(async () => {
    env = await createTestEnvironment();
    db = env.db;
    ctx = RequestContext.system(db);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  const ids = async (criteria: EligibilityCriteria) => (await eligibility.eligible(ctx, criteria)).map((row) => row.factoryId);
  const milling: EligibilityCriteria = { process: 'cnc_milling_5axis', material: 'aluminum_6061', partBox: { xMm: 300, yMm: 200, zMm: 100 }, partMassKg: 5 };

  describe('follows every change to the source tables', () => {
    let factoryId: string;
    let machineId: string;
    let certificateId: string;

    beforeAll(async () => {
      factoryId = await insertFactory(db, { processes: ['cnc_milling_5axis'], materials: ['aluminum_6061'], finishes: ['anodize_type_ii'] });
      machineId = await insertMachine(db, factoryId, { process: 'cnc_milling_5axis', envelope: [650, 520, 475] });
      certificateId = await insertCertificate(db, factoryId, { kind: 'iso_9001', validFrom: '2025-01-01', validUntil: '2027-06-30' });
    });

    it('a certificate that expires before the due date does not count; one valid on it does', async () => {
      const needs = { ...milling, certificates: ['iso_9001'] };
      expect(await ids({ ...needs, on: '2027-06-30' })).toEqual([factoryId]);
      expect(await ids({ ...needs, on: '2027-07-01' })).toEqual([]);
      expect(await ids({ ...needs, on: '2024-12-31' })).toEqual([]);
      // The renewal, with a gap: the gap is not covered, the renewal is.
      const renewal = await insertCertificate(db, factoryId, { kind: 'iso_9001', validFrom: '2027-08-01', validUntil: '2030-07-31' });
      expect(await ids({ ...needs, on: '2027-07-15' })).toEqual([]);
      expect(await ids({ ...needs, on: '2028-01-15' })).toEqual([factoryId]);
      await db.query(`DELETE FROM factory_certificates WHERE id = $1`, [renewal]);
      expect(await ids({ ...needs, on: '2028-01-15' })).toEqual([]);
      // Shortened by an operator's correction.
      await db.query(`UPDATE factory_certificates SET valid_until = '2026-03-31' WHERE id = $1`, [certificateId]);
      expect(await ids({ ...needs, on: '2026-06-01' })).toEqual([]);
      await db.query(`UPDATE factory_certificates SET valid_until = '2027-06-30' WHERE id = $1`, [certificateId]);
      expect(await ids({ ...needs, on: '2026-06-01' })).toEqual([factoryId]);
    });

    it('a verification revoked, rejected or swept to expired takes the factory out; verifying again brings it back', async () => {
      const needs = { ...milling, certificates: ['iso_9001'], on: '2026-06-01' };
      for (const [status, note] of [['pending', null], ['rejected', 'forged stamp'], ['expired', null]] as const) {
        await db.query(`UPDATE factory_certificates SET status = $2, decision_note = $3 WHERE id = $1`, [certificateId, status, note]);
        expect(await ids(needs)).toEqual([]);
        expect(await ids({ ...needs, certificates: [] })).toEqual([factoryId]);
        await db.query(`UPDATE factory_certificates SET status = 'verified', decision_note = NULL WHERE id = $1`, [certificateId]);
        expect(await ids(needs)).toEqual([factoryId]);
      }
    });

    it('a machine removed, shrunk or moved to another process takes the factory out of what only it could make', async () => {
      const second = await insertMachine(db, factoryId, { process: 'cnc_milling_5axis', envelope: [320, 220, 120] });
      // Both machines fit: the factory is listed once.
      expect(await ids(milling)).toEqual([factoryId]);
      await db.query(`DELETE FROM factory_machines WHERE id = $1`, [machineId]);
      expect(await ids(milling)).toEqual([factoryId]);
      expect(await ids({ ...milling, partBox: { xMm: 400, yMm: 200, zMm: 100 } })).toEqual([]);
      await db.query(`UPDATE factory_machines SET envelope_x_mm = 250 WHERE id = $1`, [second]);
      expect(await ids(milling)).toEqual([]);
      await db.query(`UPDATE factory_machines SET envelope_x_mm = 320, process = 'cnc_turning' WHERE id = $1`, [second]);
      expect(await ids(milling)).toEqual([]);
      await db.query(`UPDATE factory_machines SET process = 'cnc_milling_5axis', max_part_mass_kg = 4 WHERE id = $1`, [second]);
      expect(await ids(milling)).toEqual([]);
      expect(await ids({ ...milling, partMassKg: 3.5 })).toEqual([factoryId]);
      machineId = await insertMachine(db, factoryId, { process: 'cnc_milling_5axis', envelope: [650, 520, 475] });
      expect(await ids(milling)).toEqual([factoryId]);
    });

    it('suspending the factory or its organisation, or dropping a capability, takes it out; undoing it brings it back', async () => {
      const changes: Array<[string, string]> = [
        [`UPDATE factories SET status = 'suspended', status_reason = 'audit' WHERE id = $1`, `UPDATE factories SET status = 'approved', status_reason = NULL WHERE id = $1`],
        [
          `UPDATE organizations SET status = 'suspended', suspended_reason = 'fraud check' WHERE id = (SELECT organization_id FROM factories WHERE id = $1)`,
          `UPDATE organizations SET status = 'active', suspended_reason = NULL WHERE id = (SELECT organization_id FROM factories WHERE id = $1)`,
        ],
        [`UPDATE factories SET materials = '{stainless_304}' WHERE id = $1`, `UPDATE factories SET materials = '{aluminum_6061}' WHERE id = $1`],
        [`UPDATE factories SET processes = '{cnc_turning}' WHERE id = $1`, `UPDATE factories SET processes = '{cnc_milling_5axis}' WHERE id = $1`],
        [`UPDATE factories SET finishes = '{}' WHERE id = $1`, `UPDATE factories SET finishes = '{anodize_type_ii}' WHERE id = $1`],
        [`UPDATE factories SET serves_countries = '{DE}' WHERE id = $1`, `UPDATE factories SET serves_countries = NULL WHERE id = $1`],
        [`UPDATE factories SET on_probation = true, probation_max_job_value_minor = 1000 WHERE id = $1`, `UPDATE factories SET on_probation = false WHERE id = $1`],
      ];
      const job = { ...milling, finish: 'anodize_type_ii', deliveryCountry: 'FR', jobValueMinor: 50_000 };
      for (const [change, undo] of changes) {
        await db.query(change, [factoryId]);
        expect({ change, ids: await ids(job) }).toEqual({ change, ids: [] });
        await db.query(undo, [factoryId]);
        expect({ undo, ids: await ids(job) }).toEqual({ undo, ids: [factoryId] });
      }
      // Criteria naming no material still find it, whatever it offers.
      expect(await ids({ ...job, material: null })).toEqual([factoryId]);
    });

    it('export-controlled jobs need the registration flag and a valid ITAR registration on the date', async () => {
      const job = { ...milling, itarControlled: true, on: '2026-06-01' };
      expect(await ids(job)).toEqual([]);
      await db.query(`UPDATE factories SET itar_registered = true WHERE id = $1`, [factoryId]);
      expect(await ids(job)).toEqual([]);
      const registration = await insertCertificate(db, factoryId, { kind: 'itar_registration', validFrom: '2025-01-01', validUntil: '2026-05-31' });
      expect(await ids(job)).toEqual([]);
      await db.query(`UPDATE factory_certificates SET valid_until = '2026-12-31' WHERE id = $1`, [registration]);
      expect(await ids(job)).toEqual([factoryId]);
      await db.query(`DELETE FROM factories WHERE id = $1`, [factoryId]);
      expect(await ids(job)).toEqual([]);
      expect((await db.query(`SELECT count(*)::int AS n FROM factory_capabilities WHERE factory_id = $1`, [factoryId]))[0].n).toBe(0);
    });
  });

  it('gives the same answers, in the same order, as eligibility computed from the source tables, one job or many, through random changes', async () => {
    const random = prng(20260611);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const some = <T>(items: readonly T[], p: number) => items.filter(() => random() < p);
    const processes = PROCESS_CODES.slice(0, 3);
    const materials = MATERIAL_CODES.slice(0, 4);
    const finishes = FINISH_CODES.slice(0, 3);
    const kinds = CERTIFICATE_KINDS.filter((k) => k !== 'other');
    const date = () => `202${5 + Math.floor(random() * 4)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    const span = () => [date(), date()].sort() as [string, string];

    const factories: string[] = [];
    const machines: string[] = [];
    const certificates: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await insertFactory(db, {
        status: random() < 0.85 ? 'approved' : 'under_review',
        processes: some(processes, 0.5),
        materials: some(materials, 0.5),
        finishes: some(finishes, 0.5),
        itarRegistered: random() < 0.3,
        servesCountries: random() < 0.3 ? ['DE', 'FR'] : null,
        onProbation: random() < 0.4,
        score: random() < 0.6 ? Math.round(random() * 5) * 20 : null,
      });
      factories.push(id);
      for (let m = Math.floor(random() * 3); m > 0; m--) {
        machines.push(await insertMachine(db, id, { process: pick(processes), envelope: [100 + random() * 600, 100 + random() * 600, 100 + random() * 600], massKg: 1 + random() * 50, toleranceMm: 0.005 + random() * 0.1 }));
      }
      for (let c = Math.floor(random() * 4); c > 0; c--) {
        const [validFrom, validUntil] = span();
        certificates.push(await insertCertificate(db, id, { kind: pick(kinds), validFrom, validUntil, status: random() < 0.8 ? 'verified' : 'pending' }));
      }
    }
    const criteria: EligibilityCriteria[] = Array.from({ length: 150 }, () => ({
      process: pick(processes),
      material: random() < 0.85 ? pick(materials) : null,
      finish: random() < 0.5 ? pick(finishes) : null,
      certificates: some(kinds.slice(0, 3), 0.25),
      on: date(),
      partBox: random() < 0.8 ? { xMm: 10 + random() * 500, yMm: 10 + random() * 500, zMm: 10 + random() * 300 } : null,
      toleranceMm: random() < 0.3 ? 0.01 + random() * 0.1 : null,
      partMassKg: random() < 0.7 ? random() * 40 : null,
      jobValueMinor: random() < 0.8 ? Math.floor(random() * 400_000) : null,
      deliveryCountry: random() < 0.8 ? pick(['DE', 'FR', 'US']) : null,
      itarControlled: random() < 0.15,
    }));

    const mutations: Array<() => Promise<unknown>> = [
      () => db.query(`DELETE FROM factory_machines WHERE id = $1`, [machines.splice(Math.floor(random() * machines.length), 1)[0]]),
      () => db.query(`UPDATE factory_machines SET envelope_y_mm = $2, tolerance_mm = $3 WHERE id = $1`, [pick(machines), Math.round(50 + random() * 600), 0.005 + random() * 0.1]),
      async () => machines.push(await insertMachine(db, pick(factories), { process: pick(processes), envelope: [100 + random() * 600, 100 + random() * 600, 100 + random() * 600] })),
      () => db.query(`UPDATE factory_certificates SET status = $2, decision_note = 'operator' WHERE id = $1`, [pick(certificates), pick(['verified', 'rejected', 'expired', 'pending'])]),
      () => db.query(`UPDATE factory_certificates SET valid_from = $2, valid_until = $3 WHERE id = $1`, [pick(certificates), ...span()]),
      async () => certificates.push(await insertCertificate(db, pick(factories), { kind: pick(kinds), validFrom: span()[0], validUntil: '2029-12-31' })),
      () => db.query(`DELETE FROM factory_certificates WHERE id = $1`, [certificates.splice(Math.floor(random() * certificates.length), 1)[0]]),
      () => db.query(`UPDATE factories SET materials = $2, finishes = $3, processes = $4 WHERE id = $1`, [pick(factories), some(materials, 0.5), some(finishes, 0.5), some(processes, 0.6)]),
      () => db.query(`UPDATE factories SET on_probation = NOT on_probation, itar_registered = NOT itar_registered WHERE id = $1`, [pick(factories)]),
      () => db.query(`UPDATE factories SET serves_countries = $2 WHERE id = $1`, [pick(factories), pick([null, ['FR'], ['DE', 'US']])]),
      () => db.query(`UPDATE factories SET status = CASE status WHEN 'approved' THEN 'suspended' ELSE 'approved' END, status_reason = CASE status WHEN 'approved' THEN 'audit' END WHERE id = $1`, [pick(factories)]),
      () =>
        db.query(
          `UPDATE organizations SET status = CASE status WHEN 'active' THEN 'suspended' ELSE 'active' END, suspended_reason = CASE status WHEN 'active' THEN 'check' END
            WHERE id = (SELECT organization_id FROM factories WHERE id = $1)`,
          [pick(factories)],
        ),
      // One statement changing many factories at once (a statement-level trigger sees them all).
      () => db.query(`UPDATE factory_certificates SET valid_until = valid_until + 30 WHERE kind = $1`, [pick(kinds)]),
    ];

    let compared = 0;
    for (let round = 0; round < 6; round++) {
      const batch = await eligibility.eligibleForJobs(ctx, criteria);
      for (let i = 0; i < criteria.length; i++) {
        const expected = await reference(db, criteria[i]);
        expect({ job: i, round, rows: batch[i] }).toEqual({ job: i, round, rows: expected });
        if (i % 10 === 0) expect(await eligibility.eligible(ctx, criteria[i])).toEqual(expected);
        compared += expected.length;
      }
      for (let step = 0; step < 12; step++) await pick(mutations)();
    }
    expect(compared).toBeGreaterThan(200); // the criteria found factories, so the comparison meant something
  });
});

interface FactoryOptions {
  status?: string;
  processes?: string[];
  materials?: string[];
  finishes?: string[];
  itarRegistered?: boolean;
  servesCountries?: string[] | null;
  onProbation?: boolean;
  score?: number | null;
}

async function insertFactory(db: DataSource, options: FactoryOptions): Promise<string> {
  const org = randomUUID();
  await db.query(`INSERT INTO organizations (id, kind, name, slug, country) VALUES ($1, 'factory', 'Werk', $2, 'DE')`, [org, `werk-${org}`]);
  const [{ id }] = await db.query(
    `INSERT INTO factories (organization_id, status, legal_name, address_line1, city, country, latitude, longitude, time_zone, processes, materials, finishes,
                            itar_registered, serves_countries, on_probation, probation_jobs_required, probation_max_job_value_minor, probation_currency, probation_max_open_jobs)
     VALUES ($1, $2, 'Werk GmbH', 'Straße 1', 'Stuttgart', 'DE', 48.7, 9.1, 'Europe/Berlin', $3, $4, $5, $6, $7, $8, 5, 250000, 'EUR', 3) RETURNING id`,
    [org, options.status ?? 'approved', options.processes ?? [], options.materials ?? [], options.finishes ?? [], options.itarRegistered ?? false, options.servesCountries ?? null, options.onProbation ?? false],
  );
  if (options.score != null) await db.query(`INSERT INTO factory_scorecards (factory_id, score, breakdown) VALUES ($1, $2, '{}')`, [id, options.score]);
  return id;
}

async function insertMachine(db: DataSource, factoryId: string, options: { process: string; envelope: number[]; massKg?: number; toleranceMm?: number }): Promise<string> {
  const [x, y, z] = options.envelope.map(Math.round);
  const [{ id }] = await db.query(
    `INSERT INTO factory_machines (factory_id, process, make, model, envelope_x_mm, envelope_y_mm, envelope_z_mm, max_part_mass_kg, tolerance_mm, hourly_rate_minor, currency)
     VALUES ($1, $2, 'DMG Mori', 'DMU 50', $3, $4, $5, $6, $7, 9000, 'EUR') RETURNING id`,
    [factoryId, options.process, x, y, z, options.massKg ?? 300, options.toleranceMm ?? 0.01],
  );
  return id;
}

async function insertCertificate(db: DataSource, factoryId: string, options: { kind: string; validFrom: string; validUntil: string; status?: string }): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO factory_certificates (factory_id, kind, number, issuer, scope, valid_from, valid_until, status) VALUES ($1, $2, 'Q-1', 'TÜV', 'Machining', $3, $4, $5) RETURNING id`,
    [factoryId, options.kind, options.validFrom, options.validUntil, options.status ?? 'verified'],
  );
  return id;
}

/** Eligibility straight from the source tables: the query EligibilityService ran per job before factory_capabilities. */
async function reference(db: DataSource, criteria: EligibilityCriteria): Promise<EligibleFactoryRow[]> {
  const certificates = [...new Set([...(criteria.certificates ?? []), ...(criteria.itarControlled ? ['itar_registration'] : [])])];
  const box = criteria.partBox ? [criteria.partBox.xMm, criteria.partBox.yMm, criteria.partBox.zMm].sort((a, b) => b - a) : null;
  return db.query(
    `SELECT f.id AS "factoryId", f.organization_id AS "organizationId", coalesce(s.score, $14::float8) AS score,
            f.on_probation AS "onProbation", f.probation_max_job_value_minor AS "probationMaxJobValueMinor",
            f.probation_max_open_jobs AS "probationMaxOpenJobs", f.probation_currency AS "probationCurrency", f.latitude, f.longitude
       FROM factories f
       JOIN organizations o ON o.id = f.organization_id AND o.status = 'active'
       LEFT JOIN factory_scorecards s ON s.factory_id = f.id
      WHERE f.status = 'approved'
        AND $1 = ANY(f.processes)
        AND ($2::text IS NULL OR $2 = ANY(f.materials))
        AND ($3::text IS NULL OR $3 = ANY(f.finishes))
        AND ($4::text IS NULL OR f.serves_countries IS NULL OR $4 = ANY(f.serves_countries))
        AND (NOT $5::boolean OR f.itar_registered)
        AND NOT EXISTS (
              SELECT 1 FROM unnest($6::text[]) AS needed(kind)
               WHERE NOT EXISTS (SELECT 1 FROM factory_certificates c
                                  WHERE c.factory_id = f.id AND c.kind = needed.kind AND c.status = 'verified'
                                    AND $7::date BETWEEN c.valid_from AND c.valid_until))
        AND EXISTS (
              SELECT 1 FROM factory_machines m
               WHERE m.factory_id = f.id AND m.process = $1
                 AND ($8::float8 IS NULL OR (m.envelope_major_mm >= $8::float8 AND m.envelope_middle_mm >= $9::float8 AND m.envelope_minor_mm >= $10::float8))
                 AND ($11::float8 IS NULL OR m.tolerance_mm <= $11)
                 AND ($12::float8 IS NULL OR m.max_part_mass_kg >= $12))
        AND ($13::bigint IS NULL OR NOT f.on_probation OR $13 <= f.probation_max_job_value_minor)
      ORDER BY score DESC, f.created_at, f.id`,
    [
      criteria.process,
      criteria.material ?? null,
      criteria.finish ?? null,
      criteria.deliveryCountry ?? null,
      criteria.itarControlled ?? false,
      certificates,
      criteria.on,
      box?.[0] ?? null,
      box?.[1] ?? null,
      box?.[2] ?? null,
      criteria.toleranceMm ?? null,
      criteria.partMassKg ?? null,
      criteria.jobValueMinor ?? null,
      computeScore(emptyTallies()).score,
    ],
  );
}

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
