import { Inject, Injectable, Logger } from '@nestjs/common';
import { assignOpenJobs, type BatchOption, type OpenFactory, type OpenJob } from '@partsmith/matching';
import { APP_CONFIG, tryAdvisoryXactLock, type AppConfig, type RequestContext } from '@partsmith/platform';
import type { RankedFactory } from './eligible-factories.service';
import type { SourcingJobRow } from './entities';
import { FactoryCapacity } from './factory-capacity.service';
import { OfferCascade } from './offer-cascade.service';
import { SourcingJobStatus } from './offer-state';
import { SourcingJobs } from './sourcing-jobs.service';

export interface BatchRunOutcome {
  ran: boolean;
  jobs: number;
  factories: number;
  status: 'optimal' | 'feasible' | 'infeasible' | 'empty';
  offers: number;
  deferred: number;
  totalCost: number | null;
}

/** The "not this run" option: every job has it, so a run is always feasible; it costs this many times the payout. */
const DEFER = '__defer__';
const DEFER_COST_FACTOR = 3;

/**
 * Batch assignment, the third award mode. A periodic job (SOURCING_BATCH_CRON, one run at a time under an
 * advisory lock) takes the open batch-mode jobs without a live offer and their eligible factories (not
 * offered the job before), each factory and process with the machine hours its machines of that process can
 * still take on and ship by the latest due date among its options (binary search over production scheduling's earliest completion), and
 * solves the capacity-constrained minimum-cost assignment with the matching engine (`assignOpenJobs`):
 * cost = payout price + lateness risk (from each factory's real promised date) + low-scorecard and
 * distance/carbon penalties, load = the job's machine minutes. A job may also be deferred to the next run
 * at 3 × its payout, so a run is always feasible and a job is not sent to a factory far beyond its due date.
 * Each assignment becomes an offer (source `batch`) in the cascade's flow; a decline or timeout returns the
 * job to the next run.
 */
@Injectable()
export class BatchAssignment {
  private readonly logger = new Logger(BatchAssignment.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: SourcingJobs,
    private readonly cascade: OfferCascade,
    private readonly capacity: FactoryCapacity,
  ) {}

  async run(ctx: RequestContext, limit = 500): Promise<BatchRunOutcome> {
    return ctx.transaction(async (db) => {
      const none: BatchRunOutcome = { ran: false, jobs: 0, factories: 0, status: 'empty', offers: 0, deferred: 0, totalCost: null };
      if (!(await tryAdvisoryXactLock(db, 'sourcing.batch'))) return none;
      const open: Array<{ job_line_id: string }> = await db.query(
        `SELECT s.job_line_id FROM sourcing_jobs s JOIN job_lines j ON j.id = s.job_line_id
          WHERE s.mode = 'batch' AND s.status IN ('open', 'stalled') AND j.status = 'sourcing'
            AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.job_line_id = s.job_line_id AND o.status IN ('open', 'countered'))
          ORDER BY s.created_at, s.job_line_id LIMIT $1`,
        [limit],
      );
      const jobs: OpenJob[] = [];
      const options: BatchOption[] = [];
      const candidates = new Map<string, Map<string, RankedFactory>>();
      // one capacity per (factory, process): a factory's machines of one process cannot make another's jobs
      const reach = new Map<string, { factoryId: string; process: string; horizon: Date }>();
      // Lock every job first, then find all their eligible factories in one query.
      const locked: SourcingJobRow[] = [];
      for (const { job_line_id: id } of open) locked.push((await this.jobs.lock(ctx, id))!);
      const rankedPerJob = await this.cascade.candidatesForJobs(ctx, locked);
      for (const [i, job] of locked.entries()) {
        const id = job.jobLineId;
        const ranked = rankedPerJob[i];
        if (!ranked) continue;
        const tried = await this.cascade.triedFactories(ctx, id);
        const fresh = ranked.filter((c) => !tried.has(c.factoryId));
        if (fresh.length === 0) {
          const reason = ranked.length === 0 ? 'no eligible factory with payouts enabled' : `all ${ranked.length} eligible factories were offered the job`;
          await this.jobs.setStatus(ctx, id, SourcingJobStatus.stalled, reason);
          continue;
        }
        const facts = await this.jobs.facts(ctx, job);
        const load = Math.max(1, Math.ceil(facts.quantity * facts.machineHoursPerUnit * 60));
        jobs.push({ id, dueDate: job.dueDate.getTime(), referencePrice: job.payoutMinor, load });
        candidates.set(id, new Map(fresh.map((c) => [c.factoryId, c])));
        for (const c of fresh) {
          const bin = capacityBin(c.factoryId, job.process);
          options.push({ job: id, factory: bin, price: job.payoutMinor, promisedDate: c.promisedDate.getTime(), scorecard: c.scorecard, distanceKm: c.distanceKm, carbonKg: c.carbonKg, load });
          const seen = reach.get(bin);
          if (!seen || seen.horizon < job.dueDate) reach.set(bin, { factoryId: c.factoryId, process: job.process, horizon: job.dueDate });
        }
        options.push({ job: id, factory: DEFER, price: DEFER_COST_FACTOR * job.payoutMinor, promisedDate: job.dueDate.getTime(), scorecard: 100, load });
      }
      if (jobs.length === 0) {
        await this.record(ctx, { ran: true, jobs: 0, factories: 0, status: 'empty', offers: 0, deferred: 0, totalCost: null }, null);
        return { ...none, ran: true };
      }
      const factories: OpenFactory[] = [];
      for (const [bin, { factoryId, process, horizon }] of reach) {
        factories.push({ id: bin, remainingCapacity: (await this.capacity.hoursBy(ctx, factoryId, process, horizon)) * 60 });
      }
      const factoryCount = new Set([...reach.values()].map((r) => r.factoryId)).size;
      factories.push({ id: DEFER, remainingCapacity: jobs.reduce((sum, j) => sum + (j.load ?? 1), 0) });
      const result = await assignOpenJobs({ jobs, factories, options }, { timeLimitMs: this.config.sourcing.batchTimeLimitMs });
      let offers = 0;
      let deferred = 0;
      for (const a of result.assignments) {
        if (a.factory === DEFER) {
          deferred++;
          continue;
        }
        if (await this.cascade.offerTo(ctx, a.job, candidates.get(a.job)!.get(reach.get(a.factory)!.factoryId)!, 'batch')) offers++;
      }
      const outcome: BatchRunOutcome = { ran: true, jobs: jobs.length, factories: factoryCount, status: result.status, offers, deferred, totalCost: result.totalCost };
      await this.record(ctx, outcome, result.lowerBound ?? null, result.reason);
      if (jobs.length > 0) this.logger.log(`batch assignment: ${jobs.length} jobs, ${outcome.factories} factories, ${result.status}, ${offers} offers, ${deferred} deferred`);
      return outcome;
    });
  }

  private async record(ctx: RequestContext, outcome: BatchRunOutcome, lowerBound: number | null, reason?: string): Promise<void> {
    await ctx.db.query(
      `INSERT INTO batch_assignment_runs (jobs, factories, status, total_cost, lower_bound, offers, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [outcome.jobs, outcome.factories, outcome.status, outcome.totalCost === null ? null : Math.round(outcome.totalCost), lowerBound === null ? null : Math.round(lowerBound), outcome.offers, reason ?? null],
    );
  }
}

/** The matching engine's "factory" for a factory's machines of one process. */
function capacityBin(factoryId: string, process: string): string {
  return `${factoryId}/${process}`;
}
