import { Injectable } from '@nestjs/common';
import { EligibilityService, type EligibleFactoryRow } from '@partsmith/factories';
import { rankFactories, type ScoredCandidate } from '@partsmith/matching';
import { PaymentsFacade } from '@partsmith/payments';
import type { RequestContext } from '@partsmith/platform';
import { FactoryCapacity } from './factory-capacity.service';
import { shippingTerms } from './shipping-distance';
import { criteriaFor } from './sourcing-criteria';
import type { SourcedJobFacts } from './sourcing-jobs.service';

export interface RankedFactory {
  factoryId: string;
  organizationId: string;
  rank: number;
  /** rankFactories' score (minor units, lower is better). */
  score: number;
  scored: ScoredCandidate;
  /** When the factory's plan lets it ship the whole job (production scheduling's earliest completion). */
  promisedDate: Date;
  /** The factory's scorecard (0–100). */
  scorecard: number;
  /** Road distance to the delivery country and the shipment's kg CO2e (absent when not known; see shippingTerms). */
  distanceKm?: number;
  carbonKg?: number;
}

/**
 * The factories a job line may go to, best first: the factories context's eligibility (capabilities,
 * machines, certificates on the due date, export control, probation value cap), then sourcing's own
 * rules — payouts enabled (the payments gate) and a probation factory's open-job limit — ranked by the
 * matching engine at the payout price, with each factory's promised date from its real plan (production
 * scheduling's earliest completion if the job were added): lateness risk, the scorecard and the shipping
 * distance and carbon to the delivery country decide.
 */
@Injectable()
export class EligibleFactories {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly payments: PaymentsFacade,
    private readonly capacity: FactoryCapacity,
  ) {}

  async rank(ctx: RequestContext, job: SourcedJobFacts): Promise<RankedFactory[]> {
    return (await this.rankMany(ctx, [job]))[0];
  }

  /** `rank` for several jobs, with eligibility computed for all of them in one query; one list per job, in order. */
  async rankMany(ctx: RequestContext, jobs: readonly SourcedJobFacts[]): Promise<RankedFactory[][]> {
    const criteria = jobs.map(criteriaFor);
    const eligible = await this.eligibility.eligibleForJobs(ctx, criteria);
    const factoryIds = [...new Set(eligible.flatMap((rows) => rows.map((row) => row.factoryId)))];
    if (factoryIds.length === 0) return jobs.map(() => []);
    const openJobs: Array<{ factory_id: string; n: number }> = await ctx.db.query(
      `SELECT a.factory_id, count(*)::int AS n FROM awards a JOIN job_lines j ON j.id = a.job_line_id
        WHERE a.status = 'active' AND a.factory_id = ANY($1) AND j.status IN ('awarded', 'scheduled', 'in_production', 'shipped')
        GROUP BY a.factory_id`,
      [factoryIds],
    );
    const open = new Map(openJobs.map((row) => [row.factory_id, row.n]));
    const payouts = new Map<string, boolean>();
    const ranked: RankedFactory[][] = [];
    for (const [i, job] of jobs.entries()) {
      const allowed = [];
      for (const row of eligible[i]) {
        if (row.onProbation && (open.get(row.factoryId) ?? 0) >= row.probationMaxOpenJobs) continue;
        if (!payouts.has(row.organizationId)) payouts.set(row.organizationId, await this.payments.canReceiveTransfers(ctx, row.organizationId));
        if (!payouts.get(row.organizationId)) continue;
        allowed.push(row);
      }
      ranked.push(await this.rankAllowed(ctx, job, criteria[i].partMassKg ?? null, allowed));
    }
    return ranked;
  }

  private async rankAllowed(ctx: RequestContext, job: SourcedJobFacts, partMassKg: number | null, allowed: EligibleFactoryRow[]): Promise<RankedFactory[]> {
    if (allowed.length === 0) return [];
    const byId = new Map(allowed.map((row) => [row.factoryId, row]));
    const capacityJob = { process: job.configuration.process, quantity: job.quantity, machineHoursPerUnit: job.machineHoursPerUnit, dueDate: job.dueDate };
    const promised = new Map<string, Date>();
    for (const row of allowed) promised.set(row.factoryId, await this.capacity.promisedDate(ctx, row.factoryId, capacityJob));
    const shipping = new Map(allowed.map((row) => [row.factoryId, shippingTerms(row, job.deliveryCountry, partMassKg, job.quantity)]));
    const ranked = rankFactories(
      { dueDate: job.dueDate.getTime(), referencePrice: job.payoutMinor },
      allowed.map((row) => ({
        factory: row.factoryId,
        price: job.payoutMinor,
        promisedDate: promised.get(row.factoryId)!.getTime(),
        scorecard: clampScore(row.score),
        ...shipping.get(row.factoryId),
      })),
    );
    return ranked.map((scored) => ({
      factoryId: scored.factory,
      organizationId: byId.get(scored.factory)!.organizationId,
      rank: scored.rank,
      score: Math.round(scored.score),
      scored,
      promisedDate: promised.get(scored.factory)!,
      scorecard: clampScore(byId.get(scored.factory)!.score),
      ...shipping.get(scored.factory),
    }));
  }
}

function clampScore(score: number): number {
  return Math.min(100, Math.max(0, Number(score)));
}
