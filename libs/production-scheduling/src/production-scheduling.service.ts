import { Injectable } from '@nestjs/common';
import { JobLine } from '@partsmith/orders';
import { InvalidInputError, NotFoundError, OutboxService, type RequestContext } from '@partsmith/platform';
import { createInsertionPlan, insertJob, type InsertionPlan, type MachineSpec, type SchedulingProblem } from '@partsmith/scheduling';
import { ReplanFactoryJob } from './jobs/replan-factory.job';
import { BENCH_CLASSES, BENCH_UNITS, benchId, catalogSetupHours, deriveRouting, MACHINE_CLASS_OF_PROCESS, processFamily, type RoutingOperation } from './routing';
import { factoryCalendar, machineOfUnit, minuteFloor, withBenchesFor, type FactoryCalendarRow } from './schedule-problem';
import { activeDowntime, factoryWithMachines, latestRun, productionJob, runOperations } from './schedule-store';

export interface PlanAwardedJobInput {
  jobLineId: string;
  factoryId: string;
  /** The job line's due (ship) date. */
  due: Date;
  quantity: number;
  /** Catalog process code of the job line's configuration. */
  process: string;
  /** Machine hours for the whole quantity; else taken from the quote (`breaks[].machineHours`, scaled to the quantity). */
  machineHoursTotal?: number | null;
  /** The quote the job line was ordered from (default: the order line's). */
  quoteId?: string | null;
}

export interface ProspectiveJob {
  process: string;
  quantity: number;
  /** Machine hours for the whole quantity (the pricing model's). */
  machineHours: number;
  due?: Date | null;
}

export interface CompletionEstimate {
  planVersion: number | null;
  completion: Date;
  promisedShipDate: Date;
  atRisk: boolean;
  /** Classes of the routing no machine of the factory declares (run at its bench). */
  benchClasses: string[];
  operations: Array<{ operation: string; machineClass: string; machineId: string | null; unit: string; start: Date; end: Date }>;
}

interface CachedPlan {
  key: string;
  builtAt: number;
  start: Date;
  plan: InsertionPlan;
  factory: FactoryCalendarRow;
  mainClasses: Set<string>;
}

/** How long an insertion plan is reused while its version stands (it counts time from when it was built). */
const PLAN_CACHE_TTL_MS = 5 * 60_000;

/**
 * The production-scheduling facade other contexts call: sourcing plans a job at award and cancels it;
 * quoting and sourcing ask for the earliest completion of a prospective job; anyone with the right to see
 * a job line asks for its promised date through the GraphQL views. System calls: no access checks here.
 */
@Injectable()
export class ProductionScheduling {
  private readonly plans = new Map<string, CachedPlan>();

  constructor(private readonly outbox: OutboxService) {}

  /**
   * An awarded job line becomes a production job with a routing; the factory is re-planned by the
   * scheduling worker after commit. Call inside the award's transaction. Idempotent per job line.
   */
  async planAwardedJob(ctx: RequestContext, input: PlanAwardedJobInput): Promise<{ jobLineId: string; routing: RoutingOperation[]; created: boolean }> {
    return ctx.transaction(async (db) => {
      const line = await db.findOneBy(JobLine, { id: input.jobLineId });
      if (!line) throw new NotFoundError('Job line', input.jobLineId);
      const existing = await productionJob(ctx, input.jobLineId);
      if (existing && existing.status === 'planned') return { jobLineId: input.jobLineId, routing: existing.routing, created: false };
      if (!Number.isInteger(input.quantity) || input.quantity < 1) throw new InvalidInputError(`quantity must be a positive integer (got ${input.quantity})`);
      if (!MACHINE_CLASS_OF_PROCESS[input.process]) throw new InvalidInputError(`No routing for process "${input.process}": not a known process code`);
      if (!(await factoryWithMachines(ctx, input.factoryId))) throw new NotFoundError('Factory', input.factoryId);
      const estimate = await this.timeEstimate(ctx, input, line);
      const routing = deriveRouting({ process: input.process, quantity: input.quantity, ...estimate });
      await db.query(
        `INSERT INTO production_jobs (job_line_id, factory_id, organization_id, process, quantity, due_at, machine_hours, quote_id, routing, status, plan_version, promised_ship_at, at_risk)
         SELECT $1, $2, f.organization_id, $3, $4, $5, $6, $7, $8, 'planned', NULL, NULL, false FROM factories f WHERE f.id = $2
         ON CONFLICT ON CONSTRAINT production_jobs_pkey DO UPDATE SET factory_id = EXCLUDED.factory_id, organization_id = EXCLUDED.organization_id,
           process = EXCLUDED.process, quantity = EXCLUDED.quantity, due_at = EXCLUDED.due_at, machine_hours = EXCLUDED.machine_hours,
           quote_id = EXCLUDED.quote_id, routing = EXCLUDED.routing, routing_adjusted = false, status = 'planned', plan_version = NULL,
           promised_ship_at = NULL, at_risk = false, updated_at = now()`,
        [input.jobLineId, input.factoryId, input.process, input.quantity, input.due, estimate.machineHoursTotal, estimate.quoteId, JSON.stringify(routing)],
      );
      await this.outbox.add(ctx, ReplanFactoryJob, { factoryId: input.factoryId, trigger: `award:${input.jobLineId}` });
      return { jobLineId: input.jobLineId, routing, created: true };
    });
  }

  /** The job line will not be made here (cancelled, or re-awarded): its operations leave the plan. */
  async cancelJob(ctx: RequestContext, jobLineId: string): Promise<boolean> {
    return ctx.transaction(async (db) => {
      const [rows]: [Array<{ factory_id: string }>, number] = await db.query(
        `UPDATE production_jobs SET status = 'cancelled', at_risk = false, updated_at = now() WHERE job_line_id = $1 AND status = 'planned' RETURNING factory_id`,
        [jobLineId],
      );
      if (rows.length === 0) return false;
      await this.outbox.add(ctx, ReplanFactoryJob, { factoryId: rows[0].factory_id, trigger: `cancel:${jobLineId}` });
      return true;
    });
  }

  /** The promised ship date of a job line in its factory's current plan (null until planned). */
  async promisedDate(ctx: RequestContext, jobLineId: string): Promise<{ promisedShipDate: Date | null; atRisk: boolean; planVersion: number | null } | null> {
    const job = await productionJob(ctx, jobLineId);
    if (!job || job.status !== 'planned') return null;
    return { promisedShipDate: job.promisedShipAt, atRisk: job.atRisk, planVersion: job.planVersion };
  }

  /**
   * Earliest completion if this job were added to the factory's current plan, moving nothing planned
   * (exact for insertion; a re-plan may do better). The plan is indexed once per factory and version.
   */
  async earliestCompletion(ctx: RequestContext, factoryId: string, prospective: ProspectiveJob, now = new Date()): Promise<CompletionEstimate> {
    if (!MACHINE_CLASS_OF_PROCESS[prospective.process]) throw new InvalidInputError(`"${prospective.process}" is not a known process code`);
    if (!Number.isInteger(prospective.quantity) || prospective.quantity < 1) throw new InvalidInputError(`quantity must be a positive integer (got ${prospective.quantity})`);
    if (!(prospective.machineHours >= 0)) throw new InvalidInputError(`machineHours must be zero or more (got ${prospective.machineHours})`);
    const cached = await this.insertionPlan(ctx, factoryId, now);
    const routing = deriveRouting({ process: prospective.process, quantity: prospective.quantity, machineHoursTotal: prospective.machineHours, setupHours: catalogSetupHours(prospective.process) });
    // The cached plan has a bench for every class the factory lacks, so this never adds machines.
    const { operations } = withBenchesFor(cached.plan.problem, cached.factory, routing);
    const plan = cached.plan;
    const release = Math.max(0, Math.ceil((now.getTime() - cached.start.getTime()) / 60_000));
    const result = insertJob(plan, { id: 'prospective', release, ...(prospective.due ? { due: prospective.due.toISOString() } : {}), operations });
    const at = (minutes: number) => new Date(cached.start.getTime() + minutes * 60_000);
    return {
      planVersion: cached.key.endsWith(':none') ? null : Number(cached.key.split(':v')[1]),
      completion: at(result.completion),
      promisedShipDate: at(result.promised),
      atRisk: result.atRisk,
      benchClasses: operations.filter((op) => !cached.mainClasses.has(op.machineClass)).map((op) => op.machineClass),
      operations: result.operations.map((op) => ({
        operation: routing[op.index].name,
        machineClass: operations[op.index].machineClass,
        machineId: machineOfUnit(String(op.machine)).machineId,
        unit: String(op.machine),
        start: at(op.start),
        end: at(op.end),
      })),
    };
  }

  /** Drops cached insertion plans (tests, or a process that knows the plan changed). */
  forgetPlans(): void {
    this.plans.clear();
  }

  private async insertionPlan(ctx: RequestContext, factoryId: string, now: Date): Promise<CachedPlan> {
    const run = await latestRun(ctx, factoryId);
    const key = `${factoryId}:${run ? `v${run.version}` : 'none'}`;
    const hit = this.plans.get(factoryId);
    if (hit && hit.key === key && now.getTime() - hit.builtAt < PLAN_CACHE_TTL_MS) return hit;
    const loaded = await factoryWithMachines(ctx, factoryId);
    if (!loaded) throw new NotFoundError('Factory', factoryId);
    const start = minuteFloor(now);
    const downtime = await activeDowntime(ctx, factoryId, start);
    const operations = run ? await runOperations(ctx, run.id) : [];
    const machines: MachineSpec[] = loaded.machines
      .filter((m) => MACHINE_CLASS_OF_PROCESS[m.process])
      .map((m) => ({ id: m.id, class: MACHINE_CLASS_OF_PROCESS[m.process], count: m.count, calendar: factoryCalendar(loaded.factory, downtime.filter((d) => d.machineId === m.id)) }));
    const declared = new Set(machines.map((m) => m.class!));
    const benchClasses = new Set<string>([
      ...BENCH_CLASSES,
      ...Object.values(MACHINE_CLASS_OF_PROCESS).filter((c) => !declared.has(c)),
      ...operations.filter((op) => op.machineId === null).map((op) => op.machineClass),
    ]);
    for (const machineClass of benchClasses) machines.push({ id: benchId(machineClass), class: machineClass, count: BENCH_UNITS, calendar: factoryCalendar(loaded.factory) });
    const problem: SchedulingProblem = { start: start.toISOString(), machines, jobs: [], shipBuffer: 0 };
    const minutes = (d: Date) => Math.round((d.getTime() - start.getTime()) / 60_000);
    const plan = createInsertionPlan(problem, {
      operations: operations.filter((op) => op.end.getTime() > start.getTime()).map((op) => ({ job: op.jobLineId, index: op.index, machine: op.unit, start: minutes(op.start), end: minutes(op.end) })),
    });
    const entry: CachedPlan = {
      key,
      builtAt: now.getTime(),
      start,
      plan,
      factory: loaded.factory,
      mainClasses: new Set(loaded.machines.map((m) => MACHINE_CLASS_OF_PROCESS[m.process]).filter(Boolean)),
    };
    this.plans.set(factoryId, entry);
    return entry;
  }

  /** Machine hours for the quantity and setup hours: the caller's, else the quote's pricing model, else the catalog. */
  private async timeEstimate(ctx: RequestContext, input: PlanAwardedJobInput, line: JobLine) {
    const [quoteRow] = await ctx.db.query(
      `SELECT q.id, q.result FROM quotes q WHERE q.id = COALESCE($1::uuid, (SELECT quote_id FROM order_lines WHERE id = $2))`,
      [input.quoteId ?? null, line.orderLineId],
    );
    const result = quoteRow?.result as { status?: string; breaks?: Array<{ quantity: number; machineHours: number }>; model?: Record<string, number | string> } | null;
    const breaks = result?.status === 'quoted' ? (result.breaks ?? []) : [];
    const nearest = [...breaks].sort((a, b) => Math.abs(a.quantity - input.quantity) - Math.abs(b.quantity - input.quantity))[0];
    const fromQuote = nearest && nearest.quantity > 0 ? (nearest.machineHours * input.quantity) / nearest.quantity : null;
    const machineHoursTotal = input.machineHoursTotal ?? fromQuote ?? null;
    const model = result?.model ?? {};
    const setupHours = typeof model.setupAndProgrammingHours === 'number' ? model.setupAndProgrammingHours : catalogSetupHours(input.process);
    const cut = Number(model.cutMinPerPart);
    const bend = Number(model.bendMinPerPart);
    const sheetCutShare = processFamily(input.process) === 'sheet' && cut > 0 ? cut / (cut + (bend > 0 ? bend : 0)) : null;
    return { machineHoursTotal: machineHoursTotal ?? 0, setupHours, sheetCutShare, quoteId: (quoteRow?.id as string | undefined) ?? null };
  }
}
