import { Injectable, Logger } from '@nestjs/common';
import { splitLine, type SplitResult } from '@partsmith/matching';
import { JobLineSplitting, type JobLine } from '@partsmith/orders';
import { AuditTrail, type RequestContext } from '@partsmith/platform';
import type { RankedFactory } from './eligible-factories.service';
import type { SourcingJobRow } from './entities';
import { FactoryCapacity } from './factory-capacity.service';
import { OfferCascade } from './offer-cascade.service';
import { AwardMode, SourcingJobStatus } from './offer-state';
import { SourcingJobs } from './sourcing-jobs.service';

export interface SplitCapacity {
  candidate: RankedFactory;
  /** Units of the line the factory can ship by the due date (production scheduling). */
  units: number;
  /** Price plus scorecard and carbon penalties per unit (minor units); lateness is excluded — these units are on time. */
  unitCost: number;
}

export interface SplitDecision {
  job: SourcingJobRow;
  capacities: SplitCapacity[];
  /** Null when no split is needed (a single factory is on time, splitting not allowed, or not a cascade job). */
  result: SplitResult | null;
}

/**
 * Order splitting across a cluster. When a paid line enters sourcing, the designer allowed splitting, and
 * no single eligible factory can ship the whole quantity by the due date (each factory's promised date from
 * its real plan), the line is split at minimum cost within capacities: each factory's capacity is the
 * units it can ship by the due date (binary search over production scheduling's earliest completion), its
 * unit cost the ranking score without the lateness term, divided by the quantity; `splitLine` of the
 * matching engine picks the quantities. The orders context turns the line into parts (JobLineSplitting),
 * each part gets its own sourcing job with its share of the line's gross and payout (by quantity, largest
 * remainder, so the shares add up exactly) and an offer (source `split`) to the factory the split chose;
 * from there the part is an ordinary cascade job: its own award, its own escrow allocation. When even the
 * cluster cannot make the quantity in time, the line is not split and the cascade ranks by lateness.
 */
@Injectable()
export class LineSplitting {
  private readonly logger = new Logger(LineSplitting.name);

  constructor(
    private readonly jobs: SourcingJobs,
    private readonly cascade: OfferCascade,
    private readonly capacity: FactoryCapacity,
    private readonly orders: JobLineSplitting,
    private readonly audit: AuditTrail,
  ) {}

  /** Opens sourcing for a job line: split when needed, else the first cascade offer. Idempotent. */
  async start(ctx: RequestContext, jobLineId: string): Promise<void> {
    const parts = await ctx.transaction(async () => {
      const opened = await this.jobs.open(ctx, jobLineId);
      if (!opened) return null;
      const job = (await this.jobs.lock(ctx, jobLineId))!;
      const decision = await this.decide(ctx, job);
      if (decision.result?.status !== 'optimal' || decision.result.parts.length < 2) return null;
      return this.split(ctx, decision);
    });
    if (!parts) {
      await this.cascade.offerNext(ctx, jobLineId);
      return;
    }
    for (const part of parts) if (!part.offered) await this.cascade.offerNext(ctx, part.jobLineId);
  }

  /** Whether and how the job's line would be split now (also what the tests and operators look at). */
  async decide(ctx: RequestContext, job: SourcingJobRow): Promise<SplitDecision> {
    const facts = await this.jobs.facts(ctx, job);
    if (!facts.line.allowSplitting || job.mode !== AwardMode.offer_cascade || facts.line.status !== 'sourcing' || facts.quantity < 2) return { job, capacities: [], result: null };
    const ranked = (await this.cascade.candidates(ctx, job)) ?? [];
    if (ranked.length < 2 || ranked.some((c) => c.promisedDate.getTime() <= job.dueDate.getTime())) return { job, capacities: [], result: null };
    const capacityJob = { process: job.process, quantity: facts.quantity, machineHoursPerUnit: facts.machineHoursPerUnit, dueDate: job.dueDate };
    const capacities: SplitCapacity[] = [];
    for (const candidate of ranked) {
      const { price, scorecard, carbon } = candidate.scored.terms;
      capacities.push({ candidate, units: await this.capacity.unitsByDue(ctx, candidate.factoryId, capacityJob), unitCost: (price + scorecard + carbon) / facts.quantity });
    }
    const result = splitLine({
      quantity: facts.quantity,
      dueDate: job.dueDate.getTime(),
      candidates: capacities.map((c) => ({ factory: c.candidate.factoryId, capacityUnits: c.units, unitCost: c.unitCost })),
    });
    if (result.status === 'infeasible') this.logger.log(`job line ${job.jobLineId}: not split: ${result.reason}`);
    return { job, capacities, result };
  }

  private async split(ctx: RequestContext, decision: SplitDecision): Promise<Array<{ jobLineId: string; offered: boolean }>> {
    const { job } = decision;
    const result = decision.result as Extract<SplitResult, { status: 'optimal' }>;
    const lines: JobLine[] = await this.orders.split(
      ctx,
      job.jobLineId,
      result.parts.map((p) => p.quantity),
      `split across ${result.parts.length} factories: no single eligible factory can ship ${result.parts.reduce((s, p) => s + p.quantity, 0)} by the due date`,
    );
    const quantities = result.parts.map((p) => p.quantity);
    const gross = shares(job.grossMinor, quantities);
    const fees = shares(job.grossMinor - job.payoutMinor, quantities);
    await this.jobs.setStatus(ctx, job.jobLineId, SourcingJobStatus.closed, `split into ${lines.length} parts`);
    const byFactory = new Map(decision.capacities.map((c) => [c.candidate.factoryId, c.candidate]));
    const opened: Array<{ jobLineId: string; offered: boolean }> = [];
    for (const [i, line] of lines.entries()) {
      const part = await this.jobs.openPart(ctx, line, job, gross[i], gross[i] - fees[i]);
      await this.cascade.candidates(ctx, part);
      const offer = await this.cascade.offerTo(ctx, line.id, byFactory.get(result.parts[i].factory)!, 'split');
      opened.push({ jobLineId: line.id, offered: offer !== null });
    }
    await this.audit.record(ctx, {
      action: 'sourcing.line_split',
      subjectType: 'job_line',
      subjectId: job.jobLineId,
      subjectOrganizationId: job.organizationId,
      details: {
        parts: lines.map((line, i) => ({ jobLineId: line.id, quantity: line.quantity, factoryId: result.parts[i].factory, grossMinor: gross[i], payoutMinor: gross[i] - fees[i] })),
        capacities: decision.capacities.map((c) => ({ factoryId: c.candidate.factoryId, units: c.units })),
        totalCost: Math.round(result.totalCost),
      },
    });
    return opened;
  }
}

/** `amount` shared out in proportion to `weights`, in integers that add up to it exactly (largest remainder; ties to the earlier part). */
export function shares(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (amount * w) / total);
  const out = exact.map(Math.floor);
  let left = amount - out.reduce((s, v) => s + v, 0);
  const order = exact.map((v, i) => ({ i, frac: v - Math.floor(v) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}
