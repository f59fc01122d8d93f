import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { MailerService, OrganizationService } from '@partsmith/identity';
import { JobLine, JobLineStatus, Order, OrderTransitions } from '@partsmith/orders';
import { AuditTrail, DomainEvents, PermanentJobError, type RequestContext } from '@partsmith/platform';
import type { Factory, Machine } from '@partsmith/factories';
import { isSchedulingProblemError, type Schedule } from '@partsmith/scheduling';
import { buildProblem, machineOfUnit, minuteFloor, type DowntimeRow } from './schedule-problem';
import { activeDowntime, factoryWithMachines, latestRun, plannedJobs, runOperations, type LatestRun, type ProductionJobRow, type StoredOperation } from './schedule-store';
import { SchedulingWorkers } from './scheduling-workers';

/** Solver budget per re-plan: a seed and an iteration cap make the same input give the same plan; the time limit bounds it. */
export const REPLAN_TIME_LIMIT_MS = 2000;
export const REPLAN_MAX_ITERATIONS = 4000;
/** Solves in a row whose inputs changed before they could be saved, before the job gives up (and is retried). */
export const REPLAN_MAX_ATTEMPTS = 3;

/** What the solve needs and the save re-checks. */
interface PlanInputs {
  factory: Factory;
  machines: Machine[];
  jobs: ProductionJobRow[];
  downtime: DowntimeRow[];
  previous: LatestRun | null;
  started: StoredOperation[];
  fingerprint: string;
}

interface Solved {
  schedule: Schedule | null;
  classes: Map<string, string[]>;
}

export interface ReplanOutcome {
  version: number | null;
  changed: boolean;
  atRisk: string[];
}

/**
 * The scheduling worker's work for one factory: re-plan its horizon with the engine (started operations
 * frozen), store the plan as a new version, promise ship dates, move awarded job lines to scheduled and
 * tell the factory about jobs that became at risk. The same input (routings, due dates, machines,
 * calendar, downtime, started work) gives no new version.
 *
 * Load → solve → save: the solve runs on a scheduling thread with no transaction open; the save takes the
 * factory's advisory lock, re-reads the inputs and stores the plan only if their fingerprint (and the
 * latest plan version) is still the one solved for — otherwise it re-plans with the new inputs.
 */
@Injectable()
export class SchedulePlanner {
  private readonly logger = new Logger(SchedulePlanner.name);

  constructor(
    private readonly transitions: OrderTransitions,
    private readonly events: DomainEvents,
    private readonly audit: AuditTrail,
    private readonly mailer: MailerService,
    private readonly organizations: OrganizationService,
    private readonly solver: SchedulingWorkers,
  ) {}

  async replan(ctx: RequestContext, factoryId: string, trigger: string, now = new Date()): Promise<ReplanOutcome> {
    const start = minuteFloor(now);
    for (let attempt = 1; ; attempt++) {
      // 1. Load the plan inputs (one consistent snapshot); nothing to do when the last plan used the same.
      const inputs = await ctx.transaction(() => this.loadInputs(ctx, factoryId, start, trigger));
      if (inputs.previous && inputs.previous.fingerprint === inputs.fingerprint) return { version: inputs.previous.version, changed: false, atRisk: [] };
      // 2. Solve on a scheduling thread, outside any transaction: no locks or connection held for seconds.
      const solved = await this.solve(factoryId, start, inputs);
      // 3. Save, if the inputs are still the ones solved for (optimistic check under the factory's lock).
      const saved = await ctx.transaction(async (db) => {
        await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`scheduling.factory:${factoryId}`]);
        const current = await this.loadInputs(ctx, factoryId, start, trigger);
        if (current.previous && current.previous.fingerprint === current.fingerprint) return { version: current.previous.version, changed: false, atRisk: [] };
        if (current.fingerprint !== inputs.fingerprint || current.previous?.version !== inputs.previous?.version) return null;
        return this.save(ctx, current, solved, trigger, start);
      });
      if (saved) return saved;
      if (attempt >= REPLAN_MAX_ATTEMPTS) {
        // Retryable: the job's backoff gives the factory's edits time to settle.
        throw new Error(`Factory ${factoryId}: its plan inputs changed during each of ${REPLAN_MAX_ATTEMPTS} solves; trying again later`);
      }
      this.logger.log(`factory ${factoryId} (${trigger}): plan inputs changed during the solve; re-planning`);
    }
  }

  /** Everything a plan depends on, and its fingerprint: equal fingerprints, equal plans. */
  private async loadInputs(ctx: RequestContext, factoryId: string, start: Date, trigger: string): Promise<PlanInputs> {
    const loaded = await factoryWithMachines(ctx, factoryId);
    if (!loaded) throw new PermanentJobError(`Factory ${factoryId} does not exist; nothing to plan`);
    const { factory, machines } = loaded;
    const [jobs, downtime, previous] = [await plannedJobs(ctx, factoryId), await activeDowntime(ctx, factoryId, start), await latestRun(ctx, factoryId)];
    const placed = previous ? await runOperations(ctx, previous.id) : [];
    const jobIds = new Set(jobs.map((j) => j.jobLineId));
    const started = placed.filter((op) => jobIds.has(op.jobLineId) && op.start.getTime() <= start.getTime());
    const fingerprint = sha256(
      JSON.stringify({
        calendar: [factory.timeZone, factory.workingCalendar],
        machines: machines.map((m) => [m.id, m.process, m.count]),
        downtime: downtime.map((d) => [d.machineId, d.from.toISOString(), d.to.toISOString()]),
        jobs: jobs.map((j) => [j.jobLineId, j.due.toISOString(), j.release?.toISOString() ?? null, j.weight, j.routing]),
        started: started.map((op) => [op.jobLineId, op.index, op.unit, op.start.toISOString(), op.end.toISOString()]),
        nightly: trigger.startsWith('nightly:') ? trigger : null,
      }),
    );
    return { factory, machines, jobs, downtime, previous, started, fingerprint };
  }

  private async solve(factoryId: string, start: Date, inputs: PlanInputs): Promise<Solved> {
    const { factory, machines, downtime, jobs, started } = inputs;
    const built = buildProblem({ now: start, factory, machines, downtime, jobs, placed: started, timeLimitMs: REPLAN_TIME_LIMIT_MS });
    if (jobs.length === 0) return { schedule: null, classes: built.classes };
    try {
      const schedule = await this.solver.solve(built.problem, { seed: 1, timeLimitMs: REPLAN_TIME_LIMIT_MS, maxIterations: REPLAN_MAX_ITERATIONS });
      return { schedule, classes: built.classes };
    } catch (error) {
      if (isSchedulingProblemError(error)) throw new PermanentJobError(`Factory ${factoryId} cannot be planned: ${error.message}`);
      throw error;
    }
  }

  /** Stores the solved plan as the factory's next version, promises dates, marks job lines scheduled, warns of risk. */
  private async save(ctx: RequestContext, inputs: PlanInputs, solved: Solved, trigger: string, start: Date): Promise<ReplanOutcome> {
    const { factory, jobs, previous, fingerprint } = inputs;
    const { schedule } = solved;
    const factoryId = factory.id;
    const version = (previous?.version ?? 0) + 1;
    // The orders of the planned lines, locked first (in id order): awards and cancellations lock an order before
    // its production jobs, so the plan must not hold production jobs while it waits for an order.
    await ctx.db.query(
      `SELECT o.id FROM orders o JOIN job_lines j ON j.order_id = o.id WHERE j.id = ANY($1::uuid[]) ORDER BY o.id FOR UPDATE OF o`,
      [jobs.map((job) => job.jobLineId)],
    );
    const [run] = await ctx.db.query(
      `INSERT INTO schedule_runs (factory_id, version, trigger, fingerprint, planned_from, status, method, makespan_minutes, weighted_tardiness, at_risk_jobs, elapsed_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::text`,
      [factoryId, version, trigger, fingerprint, start, schedule?.status ?? 'optimal', schedule?.stats.method ?? 'empty', schedule?.makespan ?? 0,
        schedule?.weightedTardiness ?? 0, schedule?.atRiskJobs ?? 0, Math.round(schedule?.stats.elapsedMs ?? 0)],
    );
    if (schedule) await this.storeOperations(ctx, run.id, factoryId, start, jobs, solved.classes, schedule);

    const atRisk: string[] = [];
    for (const outcome of schedule?.jobs ?? []) {
      const job = jobs.find((j) => j.jobLineId === String(outcome.job))!;
      const promised = new Date(start.getTime() + outcome.promised * 60_000);
      await ctx.db.query(
        `UPDATE production_jobs SET promised_ship_at = $2, at_risk = $3, plan_version = $4, updated_at = now() WHERE job_line_id = $1`,
        [job.jobLineId, promised, outcome.atRisk, version],
      );
      await this.markScheduled(ctx, job.jobLineId, version);
      if (outcome.atRisk) {
        atRisk.push(job.jobLineId);
        if (!job.atRisk) await this.notifyAtRisk(ctx, factory.organizationId, factory.legalName, job, promised, version);
      }
    }
    await this.events.publish(ctx, { type: 'factory.schedule.replanned', organizationId: factory.organizationId, id: factoryId, status: `v${version}` });
    this.logger.log(`factory ${factoryId} plan v${version} (${trigger}): ${jobs.length} jobs, ${atRisk.length} at risk`);
    return { version, changed: true, atRisk };
  }

  private async storeOperations(
    ctx: RequestContext,
    runId: string,
    factoryId: string,
    start: Date,
    jobs: ProductionJobRow[],
    classes: Map<string, string[]>,
    schedule: Schedule,
  ): Promise<void> {
    const byId = new Map(jobs.map((j) => [j.jobLineId, j]));
    const rows = schedule.operations.map((op) => {
      const job = byId.get(String(op.job))!;
      const unit = String(op.machine);
      return [
        String(op.job), op.index, job.routing[op.index].name, classes.get(job.jobLineId)![op.index], machineOfUnit(unit).machineId, unit,
        new Date(start.getTime() + op.start * 60_000).toISOString(), new Date(start.getTime() + op.end * 60_000).toISOString(), op.frozen === true,
      ];
    });
    const column = (i: number) => rows.map((r) => r[i]);
    await ctx.db.query(
      `INSERT INTO scheduled_operations (run_id, factory_id, job_line_id, op_index, operation, machine_class, machine_id, unit, start_at, end_at, frozen)
       SELECT $1, $2, * FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::boolean[])`,
      [runId, factoryId, column(0), column(1), column(2), column(3), column(4), column(5), column(6), column(7), column(8)],
    );
  }

  /** awarded → scheduled, once, through the orders context's lifecycle (later statuses stay as they are). */
  private async markScheduled(ctx: RequestContext, jobLineId: string, version: number): Promise<void> {
    const line = await ctx.db.findOneBy(JobLine, { id: jobLineId });
    if (!line || line.status !== JobLineStatus.awarded) return;
    const order = await ctx.db.createQueryBuilder(Order, 'o').setLock('pessimistic_write').where('o.id = :id', { id: line.orderId }).getOneOrFail();
    const locked = await ctx.db.createQueryBuilder(JobLine, 'j').setLock('pessimistic_write').where('j.id = :id', { id: jobLineId }).getOneOrFail();
    if (locked.status !== JobLineStatus.awarded) return;
    await this.transitions.jobLine(ctx, order, locked, JobLineStatus.scheduled, `planned in schedule v${version}`);
  }

  private async notifyAtRisk(ctx: RequestContext, organizationId: string, factoryName: string, job: ProductionJobRow, promised: Date, version: number): Promise<void> {
    await ctx.db.query(`UPDATE production_jobs SET at_risk_notified_for = $2 WHERE job_line_id = $1`, [job.jobLineId, promised]);
    await this.events.publish(ctx, { type: 'job_line.schedule.at_risk', organizationId, id: job.jobLineId, status: 'at_risk' });
    await this.audit.record(ctx, {
      action: 'job_line.schedule_at_risk',
      subjectType: 'job_line',
      subjectId: job.jobLineId,
      subjectOrganizationId: organizationId,
      details: { promisedShipAt: promised.toISOString(), dueAt: job.due.toISOString(), planVersion: version },
    });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    for (const to of await this.organizations.memberEmails(ctx, organizationId, ['factory_admin'])) {
      await this.mailer.send(ctx, {
        idempotencyKey: `schedule-at-risk:${job.jobLineId}:v${version}:${to}`,
        to,
        subject: `Job ${job.jobLineId.slice(0, 8)} is at risk: promised ${day(promised)}, due ${day(job.due)}`,
        body:
          `The latest plan for ${factoryName} (version ${version}) finishes job line ${job.jobLineId} (${job.quantity} × ${job.process}) ` +
          `on ${promised.toISOString()}, after its due date ${job.due.toISOString()}. Add capacity, adjust the routing, or contact the operator.\n`,
      });
    }
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
