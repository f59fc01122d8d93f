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
}

/**
 * "Which factories may make this?" — the facade the sourcing context builds on. Eligible means: approved
 * and its organisation active (not suspended), offers the process (and material and finish), has a
 * machine of that process whose envelope fits the part's bounding box in some axis-aligned orientation,
 * holds the tolerance and carries the mass, holds each required certificate verified and valid on the
 * date, may ship to the country, and — when on probation — the job is within its value cap. Ordered by
 * scorecard (the score feeds matching). Capacity and the open-job limit are sourcing's to apply.
 */
@Injectable()
export class EligibilityService {
  constructor(private readonly factoryAccess: FactoryAccess) {}

  async eligible(ctx: RequestContext, criteria: EligibilityCriteria): Promise<EligibleFactoryRow[]> {
    this.check(criteria);
    const certificates = [...new Set([...(criteria.certificates ?? []), ...(criteria.itarControlled ? ['itar_registration'] : [])])];
    const box = criteria.partBox ? [criteria.partBox.xMm, criteria.partBox.yMm, criteria.partBox.zMm].sort((a, b) => b - a) : null;
    const rows = await ctx.db.query(
      `SELECT f.id AS "factoryId", f.organization_id AS "organizationId", coalesce(s.score, $14::float8) AS score,
              f.on_probation AS "onProbation", f.probation_max_job_value_minor AS "probationMaxJobValueMinor",
              f.probation_max_open_jobs AS "probationMaxOpenJobs", f.probation_currency AS "probationCurrency"
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
        criteria.on ?? todayUtc(),
        box?.[0] ?? null,
        box?.[1] ?? null,
        box?.[2] ?? null,
        criteria.toleranceMm ?? null,
        criteria.partMassKg ?? null,
        criteria.jobValueMinor ?? null,
        computeScore(emptyTallies()).score,
      ],
    );
    return rows;
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
