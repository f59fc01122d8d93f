import { Injectable } from '@nestjs/common';
import { InvalidInputError, type RequestContext } from '@partsmith/platform';
import { In } from 'typeorm';
import { CERTIFICATE_KINDS, FINISH_CODES, MATERIAL_CODES, PROCESS_CODES, unknownCodes, type CertificateKind } from './capability-codes';
import { todayUtc } from './certificate.service';
import { Factory } from './entities';
import { FactoryAccess } from './factory-access.service';
import { isIsoDate } from './factory-profile.validation';
import { computeScore, emptyTallies } from './scorecard/scorecard-formula';

export interface EligibilityCriteria {
  process: string;
  material?: string | null;
  finish?: string | null;
  certificates?: readonly string[];
  /** YYYY-MM-DD the certificates must be valid on; default today (UTC). */
  on?: string | null;
  partBox?: { xMm: number; yMm: number; zMm: number } | null;
  toleranceMm?: number | null;
  partMassKg?: number | null;
  jobValueMinor?: number | null;
  deliveryCountry?: string | null;
  itarControlled?: boolean;
}

export interface EligibleFactoryRow {
  factoryId: string;
  organizationId: string;
  score: number;
  onProbation: boolean;
  probationMaxJobValueMinor: number;
  probationMaxOpenJobs: number;
  probationCurrency: string;
  /** Where the factory is (its profile's address), decimal degrees. */
  latitude: number;
  longitude: number;
}

/**
 * "Which factories may make this?" — the facade the sourcing context builds on. Eligible means: approved
 * and its organisation active (not suspended), offers the process (and material and finish), has a
 * machine of that process whose envelope fits the part's bounding box in some axis-aligned orientation,
 * holds the tolerance and carries the mass, holds each required certificate verified and valid on the
 * date, may ship to the country, and — when on probation — the job is within its value cap. Ordered by
 * scorecard (the score feeds matching). Capacity and the open-job limit are sourcing's to apply.
 *
 * The rules run in PostgreSQL over two tables the factories' triggers keep (migration 1796000100000):
 * `factory_capabilities`, one row per (machine, material), and `factory_eligibility_profiles`, one row per
 * approved factory of an active organisation with its finishes, export control, probation cap and the
 * dates its verified certificates cover. Many jobs are answered by one query (`eligibleForJobs`, which
 * batch assignment uses): an index-only range scan of the capabilities per job, a hash join with the
 * profiles, and column comparisons.
 */
@Injectable()
export class EligibilityService {
  constructor(private readonly factoryAccess: FactoryAccess) {}

  async eligible(ctx: RequestContext, criteria: EligibilityCriteria): Promise<EligibleFactoryRow[]> {
    return (await this.eligibleForJobs(ctx, [criteria]))[0];
  }

  /** Eligibility of several jobs at once (batch assignment, refreshing many jobs' candidates): one list per criteria, in order. */
  async eligibleForJobs(ctx: RequestContext, criteria: readonly EligibilityCriteria[]): Promise<EligibleFactoryRow[][]> {
    criteria.forEach((c) => this.check(c));
    if (criteria.length === 0) return [];
    const jobs = criteria.map((c) => ({
      certificates: [...new Set([...(c.certificates ?? []), ...(c.itarControlled ? ['itar_registration'] : [])])],
      box: c.partBox ? [c.partBox.xMm, c.partBox.yMm, c.partBox.zMm].sort((a, b) => b - a) : null,
    }));
    const hits: Array<{ n: string; factories: string }> = await this.pairs(ctx, [
      criteria.map((c) => c.process),
      criteria.map((c) => c.material ?? null),
      criteria.map((c) => c.finish ?? null),
      criteria.map((c) => c.deliveryCountry ?? null),
      criteria.map((c) => c.itarControlled ?? false),
      jobs.map((j) => j.certificates.join(',')),
      criteria.map((c) => c.on ?? todayUtc()),
      jobs.map((j) => j.box?.[0] ?? null),
      jobs.map((j) => j.box?.[1] ?? null),
      jobs.map((j) => j.box?.[2] ?? null),
      criteria.map((c) => c.toleranceMm ?? null),
      criteria.map((c) => c.partMassKg ?? null),
      criteria.map((c) => c.jobValueMinor ?? null),
    ]);
    const perJob: string[][] = criteria.map(() => []);
    const ids = new Set<string>();
    for (const hit of hits) {
      const factories = hit.factories.split(',');
      perJob[Number(hit.n) - 1] = factories;
      for (const id of factories) ids.add(id);
    }
    if (ids.size === 0) return perJob.map(() => []);
    const details: Array<EligibleFactoryRow & { createdAt: Date }> = await ctx.db.query(
      `SELECT f.id AS "factoryId", f.organization_id AS "organizationId", coalesce(s.score, $2::float8) AS score,
              f.on_probation AS "onProbation", f.probation_max_job_value_minor AS "probationMaxJobValueMinor",
              f.probation_max_open_jobs AS "probationMaxOpenJobs", f.probation_currency AS "probationCurrency",
              f.latitude, f.longitude, f.created_at AS "createdAt"
         FROM factories f LEFT JOIN factory_scorecards s ON s.factory_id = f.id
        WHERE f.id = ANY($1::uuid[])`,
      [[...ids], computeScore(emptyTallies()).score],
    );
    // Every job lists its factories in one order (best scorecard, then the older factory, then the id):
    // rank the factories once, then sort each job's ranks as numbers, dropping a factory listed twice.
    details.sort(byScorecard);
    const rows: EligibleFactoryRow[] = details.map(({ createdAt: _createdAt, ...row }) => row);
    const rankOf = new Map(rows.map((row, rank) => [row.factoryId, rank]));
    return perJob.map((factories) => {
      const ranks = new Int32Array(factories.length);
      let found = 0;
      for (const id of factories) {
        const rank = rankOf.get(id);
        if (rank !== undefined) ranks[found++] = rank;
      }
      const sorted = ranks.subarray(0, found).sort();
      const list: EligibleFactoryRow[] = [];
      for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) list.push({ ...rows[sorted[i]] });
      return list;
    });
  }

  /**
   * Runs ELIGIBLE_PAIRS. For a handful of jobs the planner's own choice (index probes into the profiles)
   * is right. For many, its estimate of the per-job scans (a row or so each, from the product of five
   * range conditions) is off by a factor of hundreds and it would probe the profiles' index once per
   * candidate machine; hashing the 10,000 profiles once is several times faster, so nested loops other
   * than the per-job scan are switched off, and work_mem raised so the grouping sorts in memory. JIT is
   * switched off too: the switched-off plans' penalty cost puts the statement far above jit_above_cost,
   * and compiling it with inlining and optimisation cost more than it saved. All for this statement only
   * (set locally, put back after).
   */
  private async pairs(ctx: RequestContext, params: unknown[]): Promise<Array<{ n: string; factories: string }>> {
    if ((params[0] as unknown[]).length < BATCH_PLAN_FROM_JOBS) return ctx.db.query(ELIGIBLE_PAIRS, params);
    return ctx.transaction(async (db) => {
      const [previous] = await db.query(`SELECT current_setting('enable_nestloop') AS nestloop, current_setting('work_mem') AS work_mem, current_setting('jit') AS jit`);
      await db.query(`SELECT set_config('enable_nestloop', 'off', true), set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
      const rows = await db.query(ELIGIBLE_PAIRS, params);
      // Not in a finally: after an error the transaction is aborted, and rolling it back undoes the settings.
      await db.query(`SELECT set_config('enable_nestloop', $1, true), set_config('work_mem', $2, true), set_config('jit', $3, true)`, [previous.nestloop, previous.work_mem, previous.jit]);
      return rows;
    });
  }

  /** Operators: "search factories by capability", with eligibility's rules and the factories themselves. */
  async search(ctx: RequestContext, criteria: EligibilityCriteria): Promise<Array<{ factory: Factory; score: number }>> {
    this.factoryAccess.requireOperator(ctx);
    const rows = await this.eligible(ctx, criteria);
    const factories = await ctx.db.findBy(Factory, { id: In(rows.map((row) => row.factoryId)) });
    const byId = new Map(factories.map((factory) => [factory.id, factory]));
    return rows.map((row) => ({ factory: byId.get(row.factoryId)!, score: row.score }));
  }

  private check(criteria: EligibilityCriteria): void {
    const bad =
      unknownCodes([criteria.process], PROCESS_CODES)[0] ??
      (criteria.material ? unknownCodes([criteria.material], MATERIAL_CODES)[0] : undefined) ??
      (criteria.finish ? unknownCodes([criteria.finish], FINISH_CODES)[0] : undefined) ??
      unknownCodes(criteria.certificates ?? [], CERTIFICATE_KINDS as readonly CertificateKind[])[0];
    if (bad) throw new InvalidInputError(`"${bad}" is not a known process, material, finish or certificate code (see factoryCapabilityCodes)`);
    if (criteria.on && !isIsoDate(criteria.on)) throw new InvalidInputError(`on must be a YYYY-MM-DD date (got "${criteria.on}")`);
    if (criteria.partBox && [criteria.partBox.xMm, criteria.partBox.yMm, criteria.partBox.zMm].some((v) => !(v > 0))) {
      throw new InvalidInputError('partBox dimensions must be positive millimetres');
    }
  }
}

/** Best scorecard first; then the older factory; then the id (PostgreSQL's uuid order is the order of its lower-case text). */
function byScorecard(a: { score: number; createdAt: Date; factoryId: string }, b: { score: number; createdAt: Date; factoryId: string }): number {
  return b.score - a.score || a.createdAt.getTime() - b.createdAt.getTime() || (a.factoryId < b.factoryId ? -1 : a.factoryId > b.factoryId ? 1 : 0);
}

/** From this many jobs on, ELIGIBLE_PAIRS runs with the batch plan (see `pairs`). */
const BATCH_PLAN_FROM_JOBS = 8;

/**
 * (job ordinal, its eligible factories) for every job with at least one. The jobs arrive as parallel
 * arrays. Per job, an index-only scan of `factory_capabilities_match_idx` finds the machines of its process
 * and material (`match_key` hashes both; the texts are rechecked; material '*' is the row every machine has
 * for criteria naming no material) that hold the part — missing limits become ones every machine meets —
 * and the factory's profile is joined for the factory-level rules. OFFSET 0 keeps the per-job scan from
 * being flattened into a join that hashes the whole capability table. A factory with two machines that
 * fit appears twice.
 */
const ELIGIBLE_PAIRS = `
  WITH jobs AS MATERIALIZED (
    SELECT j.n, j.process, coalesce(j.material, '*') AS material, hashtext(j.process || '/' || coalesce(j.material, '*')) AS match_key,
           j.finish, j.country, j.itar, j.on_date, j.value,
           coalesce(j.major, 0) AS major, coalesce(j.middle, 0) AS middle, coalesce(j.minor, 0) AS minor,
           coalesce(j.tolerance, 'Infinity') AS tolerance, coalesce(j.mass, '-Infinity') AS mass,
           cardinality(k.kinds) > 0 AS certified,
           'iso_9001' = ANY(k.kinds) AS iso_9001, 'as9100d' = ANY(k.kinds) AS as9100d, 'iso_13485' = ANY(k.kinds) AS iso_13485,
           'iatf_16949' = ANY(k.kinds) AS iatf_16949, 'iso_14001' = ANY(k.kinds) AS iso_14001,
           'itar_registration' = ANY(k.kinds) AS itar_registration, 'other' = ANY(k.kinds) AS other
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::date[],
                  $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::bigint[])
           WITH ORDINALITY AS j(process, material, finish, country, itar, certificates, on_date, major, middle, minor, tolerance, mass, value, n),
           LATERAL (SELECT string_to_array(j.certificates, ',') AS kinds) AS k
  )
  SELECT j.n, string_agg(c.factory_id::text, ',') AS factories
    FROM jobs j
   CROSS JOIN LATERAL (
         SELECT c.factory_id FROM factory_capabilities c
          WHERE c.match_key = j.match_key AND c.process = j.process AND c.material = j.material
            AND c.envelope_major_mm >= j.major AND c.envelope_middle_mm >= j.middle AND c.envelope_minor_mm >= j.minor
            AND c.tolerance_mm <= j.tolerance AND c.max_part_mass_kg >= j.mass
         OFFSET 0) AS c
    JOIN factory_eligibility_profiles p ON p.factory_id = c.factory_id
   WHERE (j.value IS NULL OR NOT p.on_probation OR j.value <= p.probation_max_job_value_minor)
     AND (NOT j.itar OR p.itar_registered)
     AND (j.finish IS NULL OR j.finish = ANY(p.finishes))
     AND (j.country IS NULL OR p.serves_countries IS NULL OR j.country = ANY(p.serves_countries))
     AND (NOT j.certified OR (
              (NOT j.iso_9001 OR p.valid_iso_9001 @> j.on_date)
          AND (NOT j.as9100d OR p.valid_as9100d @> j.on_date)
          AND (NOT j.iso_13485 OR p.valid_iso_13485 @> j.on_date)
          AND (NOT j.iatf_16949 OR p.valid_iatf_16949 @> j.on_date)
          AND (NOT j.iso_14001 OR p.valid_iso_14001 @> j.on_date)
          AND (NOT j.itar_registration OR p.valid_itar_registration @> j.on_date)
          AND (NOT j.other OR p.valid_other @> j.on_date)))
   GROUP BY j.n`;
