import { Injectable } from '@nestjs/common';
import { Factory, FactoryService, Machine } from '@partsmith/factories';
import { AccessService } from '@partsmith/identity';
import { JobLine, OrdersService } from '@partsmith/orders';
import { ForbiddenError, NotFoundError, OutboxService, type RequestContext } from '@partsmith/platform';
import { MachineDowntime, ScheduledJob, type FactorySchedule, type JobLineSchedule, type WhatIfInput, type WhatIfResult } from './dto/schedule.types';
import { ReplanFactoryJob } from './jobs/replan-factory.job';
import { InputValidationError, RoutingLockedError, type AddMachineDowntimeOutcome, type AdjustRoutingOutcome, type RemoveMachineDowntimeOutcome } from './production-scheduling.results';
import { ProductionScheduling } from './production-scheduling.service';
import { routingProblem, type RoutingOperation } from './routing';
import { latestRun, productionJob, runOperations, type ProductionJobRow } from './schedule-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DOWNTIME_DAYS = 90;

/**
 * What people see and change of the plans: a factory its own schedule (operators any), its admins enter
 * downtime and adjust routings; designers only the promised date of their own job lines.
 */
@Injectable()
export class ScheduleViews {
  constructor(
    private readonly scheduling: ProductionScheduling,
    private readonly factories: FactoryService,
    private readonly access: AccessService,
    private readonly orders: OrdersService,
    private readonly outbox: OutboxService,
  ) {}

  /** The factory's current plan as Gantt rows. Members of the factory and operators; default: the caller's own factory. */
  async factorySchedule(ctx: RequestContext, factoryId?: string | null): Promise<FactorySchedule> {
    const factory = await this.readableFactory(ctx, factoryId);
    const run = await latestRun(ctx, factory.id);
    const rows = run ? await runOperations(ctx, run.id) : [];
    const jobs: ProductionJobRow[] = await ctx.db.query(
      `SELECT job_line_id AS "jobLineId" FROM production_jobs WHERE factory_id = $1 AND status = 'planned' ORDER BY created_at, job_line_id`,
      [factory.id],
    );
    return {
      factoryId: factory.id,
      version: run?.version ?? null,
      plannedAt: run?.createdAt ?? null,
      rows: rows.map((op) => ({ ...op, operationIndex: op.index })),
      jobs: (await Promise.all(jobs.map((j) => productionJob(ctx, j.jobLineId)))).map((j) => toScheduledJob(j!)),
    };
  }

  /** Jobs promised after their due date: a factory sees its own, operators every factory's. */
  async atRisk(ctx: RequestContext): Promise<ScheduledJob[]> {
    const principal = ctx.requirePrincipal();
    let factoryId: string | null = null;
    if (!this.access.isOperator(principal)) {
      const own = await this.factories.mine(ctx);
      if (!own) throw new NotFoundError('Factory profile of your organisation', 'none');
      factoryId = own.id;
    }
    const ids: Array<{ job_line_id: string }> = await ctx.db.query(
      `SELECT job_line_id FROM production_jobs WHERE status = 'planned' AND at_risk AND ($1::uuid IS NULL OR factory_id = $1) ORDER BY promised_ship_at, job_line_id LIMIT 500`,
      [factoryId],
    );
    return (await Promise.all(ids.map((r) => productionJob(ctx, r.job_line_id)))).map((j) => toScheduledJob(j!));
  }

  async whatIf(ctx: RequestContext, input: WhatIfInput): Promise<WhatIfResult> {
    const factory = await this.readableFactory(ctx, null);
    return this.scheduling.earliestCompletion(ctx, factory.id, input);
  }

  async addMachineDowntime(ctx: RequestContext, input: { machineId: string; from: Date; to: Date; reason: string }): Promise<AddMachineDowntimeOutcome> {
    const principal = this.access.requireRole(ctx, 'factory_admin');
    const machine = UUID.test(input.machineId) ? await ctx.db.findOneBy(Machine, { id: input.machineId }) : null;
    if (!machine) throw new NotFoundError('Machine', input.machineId);
    const factory = await ctx.db.findOneByOrFail(Factory, { id: machine.factoryId });
    if (factory.organizationId !== principal.organizationId) throw new ForbiddenError('This machine belongs to another factory');
    const reason = input.reason.trim();
    if (!(input.to > input.from)) return new InputValidationError('to', `The downtime must end after it starts (from ${input.from.toISOString()}, to ${input.to.toISOString()})`);
    if (input.to.getTime() <= Date.now()) return new InputValidationError('to', `The downtime ended already (${input.to.toISOString()}); enter downtime that is still ahead`);
    if (input.to.getTime() - input.from.getTime() > MAX_DOWNTIME_DAYS * 86_400_000) return new InputValidationError('to', `A downtime lasts at most ${MAX_DOWNTIME_DAYS} days; remove the machine instead`);
    if (!reason || reason.length > 500) return new InputValidationError('reason', 'Give a reason of 1 to 500 characters, e.g. "spindle service"');
    const [row] = await ctx.db.query(
      `INSERT INTO machine_downtime (factory_id, machine_id, from_at, to_at, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, machine_id AS "machineId", from_at AS "from", to_at AS "to", reason`,
      [factory.id, machine.id, input.from, input.to, reason, principal.userId],
    );
    await this.outbox.add(ctx, ReplanFactoryJob, { factoryId: factory.id, trigger: `downtime:${row.id}` });
    return Object.assign(new MachineDowntime(), row);
  }

  /** A factory's downtime that has not ended yet (or all of it, with `includePast`), soonest first: its members and operators. */
  async machineDowntimes(ctx: RequestContext, args: { factoryId?: string | null; includePast?: boolean }): Promise<MachineDowntime[]> {
    const factory = await this.readableFactory(ctx, args.factoryId);
    const rows = await ctx.db.query(
      `SELECT id, machine_id AS "machineId", from_at AS "from", to_at AS "to", reason FROM machine_downtime
        WHERE factory_id = $1 AND ($2 OR to_at > now()) ORDER BY from_at, id`,
      [factory.id, args.includePast ?? false],
    );
    return rows.map((row: MachineDowntime) => Object.assign(new MachineDowntime(), row));
  }

  /**
   * Factory admins: takes back downtime entered by mistake or no longer needed; the factory is re-planned.
   * Downtime that has ended stays as the machine's history.
   */
  async removeMachineDowntime(ctx: RequestContext, downtimeId: string): Promise<RemoveMachineDowntimeOutcome> {
    const principal = this.access.requireRole(ctx, 'factory_admin');
    const [row] = UUID.test(downtimeId)
      ? await ctx.db.query(
          `SELECT d.id, d.factory_id AS "factoryId", d.machine_id AS "machineId", d.from_at AS "from", d.to_at AS "to", d.reason, f.organization_id AS "organizationId"
             FROM machine_downtime d JOIN factories f ON f.id = d.factory_id WHERE d.id = $1 FOR UPDATE OF d`,
          [downtimeId],
        )
      : [];
    if (!row || row.organizationId !== principal.organizationId) throw new NotFoundError('Machine downtime', downtimeId);
    if (new Date(row.to).getTime() <= Date.now()) {
      return new InputValidationError('downtimeId', `This downtime ended already (${new Date(row.to).toISOString()}); it stays as the machine's history`);
    }
    await ctx.db.query(`DELETE FROM machine_downtime WHERE id = $1`, [row.id]);
    await this.outbox.add(ctx, ReplanFactoryJob, { factoryId: row.factoryId, trigger: `downtime-removed:${row.id}` });
    const { id, machineId, from, to, reason } = row;
    return Object.assign(new MachineDowntime(), { id, machineId, from, to, reason });
  }

  async adjustRouting(ctx: RequestContext, jobLineId: string, operations: RoutingOperation[]): Promise<AdjustRoutingOutcome> {
    const principal = this.access.requireRole(ctx, 'factory_admin');
    const job = UUID.test(jobLineId) ? await productionJob(ctx, jobLineId) : null;
    if (!job || job.status !== 'planned' || job.organizationId !== principal.organizationId) throw new NotFoundError('Planned job line', jobLineId);
    const problem = routingProblem(operations);
    if (problem) return new InputValidationError(problem.field, problem.message);
    const run = await latestRun(ctx, job.factoryId);
    const started = run ? (await runOperations(ctx, run.id)).some((op) => op.jobLineId === jobLineId && op.start.getTime() <= Date.now()) : false;
    if (started) return new RoutingLockedError(`Job line ${jobLineId} has started production; its routing can no longer change`);
    const routing = operations.map(({ name, machineClass, setupMinutes, runMinutes }) => ({ name, machineClass, setupMinutes, runMinutes }));
    await ctx.db.query(`UPDATE production_jobs SET routing = $2, routing_adjusted = true, updated_at = now() WHERE job_line_id = $1`, [jobLineId, JSON.stringify(routing)]);
    await this.outbox.add(ctx, ReplanFactoryJob, { factoryId: job.factoryId, trigger: `routing:${jobLineId}` });
    return toScheduledJob((await productionJob(ctx, jobLineId))!);
  }

  /** The promised date only: the designer's organisation (through the order's access check), the planning factory, operators. */
  async jobLineSchedule(ctx: RequestContext, jobLineId: string): Promise<JobLineSchedule> {
    const principal = ctx.requirePrincipal();
    const line = UUID.test(jobLineId) ? await ctx.db.findOneBy(JobLine, { id: jobLineId }) : null;
    if (!line) throw new NotFoundError('Job line', jobLineId);
    const job = await productionJob(ctx, jobLineId);
    const isPlanningFactory = job !== null && principal.organizationId === job.organizationId && principal.role !== 'designer';
    if (!isPlanningFactory && !this.access.isOperator(principal)) await this.orders.order(ctx, line.orderId); // NotFound unless it is the designer's
    const promised = await this.scheduling.promisedDate(ctx, jobLineId);
    return { jobLineId, promisedShipDate: promised?.promisedShipDate ?? null, atRisk: promised?.atRisk ?? false };
  }

  private async readableFactory(ctx: RequestContext, factoryId?: string | null): Promise<Factory> {
    if (factoryId) {
      if (!UUID.test(factoryId)) throw new NotFoundError('Factory', factoryId);
      return this.factories.factory(ctx, factoryId);
    }
    const own = await this.factories.mine(ctx);
    if (!own) throw new NotFoundError('Factory profile of your organisation', 'none (apply with applyAsFactory first)');
    return own;
  }
}

function toScheduledJob(job: ProductionJobRow): ScheduledJob {
  return Object.assign(new ScheduledJob(), {
    jobLineId: job.jobLineId,
    factoryId: job.factoryId,
    process: job.process,
    quantity: job.quantity,
    dueDate: job.due,
    promisedShipDate: job.promisedShipAt,
    atRisk: job.atRisk,
    routingAdjusted: job.routingAdjusted,
    routing: job.routing,
  });
}
