import { Factory, Machine } from '@partsmith/factories';
import type { RequestContext } from '@partsmith/platform';
import type { DowntimeRow, PlacedOperationRow, PlannedJobRow } from './schedule-problem';
import type { RoutingOperation } from './routing';

/** Reads of this context's tables (and the factory rows it plans for), shared by the planner and the views. */

export interface LatestRun {
  id: string;
  version: number;
  fingerprint: string;
  plannedFrom: Date;
  createdAt: Date;
}

export interface StoredOperation extends PlacedOperationRow {
  operation: string;
  machineClass: string;
  machineId: string | null;
  frozen: boolean;
}

export interface ProductionJobRow extends PlannedJobRow {
  factoryId: string;
  organizationId: string;
  process: string;
  quantity: number;
  machineHours: number;
  status: 'planned' | 'cancelled';
  promisedShipAt: Date | null;
  atRisk: boolean;
  planVersion: number | null;
  routingAdjusted: boolean;
}

const jobColumns = (p: string) => `${p}job_line_id AS "jobLineId", ${p}factory_id AS "factoryId", ${p}organization_id AS "organizationId",
  ${p}process, ${p}quantity, ${p}due_at AS due, ${p}release_at AS release, ${p}weight, ${p}machine_hours AS "machineHours", ${p}routing,
  ${p}routing_adjusted AS "routingAdjusted", ${p}status, ${p}promised_ship_at AS "promisedShipAt", ${p}at_risk AS "atRisk", ${p}plan_version AS "planVersion"`;

export async function latestRun(ctx: RequestContext, factoryId: string): Promise<LatestRun | null> {
  const [row] = await ctx.db.query(
    `SELECT id::text, version, fingerprint, planned_from AS "plannedFrom", created_at AS "createdAt" FROM schedule_runs WHERE factory_id = $1 ORDER BY version DESC LIMIT 1`,
    [factoryId],
  );
  return row ?? null;
}

export async function runOperations(ctx: RequestContext, runId: string): Promise<StoredOperation[]> {
  return ctx.db.query(
    `SELECT job_line_id AS "jobLineId", op_index AS index, operation, machine_class AS "machineClass", machine_id AS "machineId", unit,
            start_at AS start, end_at AS end, frozen
       FROM scheduled_operations WHERE run_id = $1 ORDER BY unit, start_at, job_line_id, op_index`,
    [runId],
  );
}

export async function productionJob(ctx: RequestContext, jobLineId: string): Promise<ProductionJobRow | null> {
  const [row] = await ctx.db.query(`SELECT ${jobColumns('')} FROM production_jobs WHERE job_line_id = $1`, [jobLineId]);
  return row ?? null;
}

/** Jobs the factory still has to make: planned here and not shipped, cancelled or disputed in orders. */
export async function plannedJobs(ctx: RequestContext, factoryId: string): Promise<ProductionJobRow[]> {
  return ctx.db.query(
    `SELECT ${jobColumns('p.')}
       FROM production_jobs p JOIN job_lines j ON j.id = p.job_line_id
      WHERE p.factory_id = $1 AND p.status = 'planned' AND j.status IN ('awarded', 'scheduled', 'in_production')
      ORDER BY p.created_at, p.job_line_id`,
    [factoryId],
  );
}

export async function activeDowntime(ctx: RequestContext, factoryId: string, now: Date): Promise<DowntimeRow[]> {
  return ctx.db.query(
    `SELECT machine_id AS "machineId", from_at AS "from", to_at AS "to", reason FROM machine_downtime
      WHERE factory_id = $1 AND to_at > $2 ORDER BY from_at, id`,
    [factoryId, now],
  );
}

export async function factoryWithMachines(ctx: RequestContext, factoryId: string): Promise<{ factory: Factory; machines: Machine[] } | null> {
  const factory = await ctx.db.findOneBy(Factory, { id: factoryId });
  if (!factory) return null;
  const machines = await ctx.db.find(Machine, { where: { factoryId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return { factory, machines };
}

export type { RoutingOperation };
