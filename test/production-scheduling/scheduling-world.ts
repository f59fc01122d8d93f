import type { INestApplicationContext } from '@nestjs/common';
import { JobLine, JobLineStatus, Order, OrderTransitions } from '@partsmith/orders';
import { RequestContext } from '@partsmith/platform';
import { ProductionScheduling } from '@partsmith/production-scheduling';
import { buildProblem } from '../../libs/production-scheduling/src/schedule-problem';
import { validateSchedule } from '@partsmith/scheduling';
import { DataSource } from 'typeorm';
import { approvedFactory } from '../factories/factory-support';
import { boxStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';
import { given, givenOperator, type SignedIn } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';

const REQUEST_QUOTE = `mutation Q($input: RequestQuoteInput!) { requestQuote(input: $input) { __typename ... on Quote { id status } ... on ErrorResult { errorCode message } } }`;
const QUOTE = `query Q($id: ID!) { quote(id: $id) { id status } }`;
const RELEASE = `mutation R($id: ID!) { releaseQuote(quoteId: $id, note: "checked by a test") { id status } }`;

export const SCHEDULE = `query S($factoryId: ID) { factorySchedule(factoryId: $factoryId) { factoryId version plannedAt
  rows { machineId unit machineClass jobLineId operationIndex operation start end frozen }
  jobs { jobLineId promisedShipDate dueDate atRisk routingAdjusted routing { name machineClass setupMinutes runMinutes } } } }`;

/** Workdays 06:00–18:00 Berlin: a small CNC shop with two 5-axis mills (one machine row, count 2). */
export const CALENDAR = { shifts: [{ weekdays: [1, 2, 3, 4, 5], start: '06:00', end: '18:00' }], holidays: [{ date: '2026-12-25', name: 'Weihnachten' }] };

/** API + worker, an approved CNC factory, a designer with an analysed part and a priced quote. */
export class SchedulingWorld {
  env!: TestEnvironment;
  api!: RunningApi;
  worker!: INestApplicationContext;
  operator!: SignedIn;
  designer!: SignedIn;
  admin!: SignedIn;
  factoryId!: string;
  machineId!: string;
  private quoteId!: string;

  async start(): Promise<void> {
    this.env = await createTestEnvironment({ CERTIFICATE_SWEEP_CRON: 'off' });
    this.api = await bootApi(this.env.config);
    this.worker = await bootWorker(this.env.config);
    this.operator = await givenOperator(this.env.db, this.api.graphql);
    this.designer = await given.designer(this.api.graphql);
    ({ admin: this.admin, factoryId: this.factoryId, machineId: this.machineId } = await this.factory());
    this.quoteId = await this.pricedQuote();
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.api?.close();
    await this.env?.teardown();
  }

  gql(query: string, variables: Record<string, unknown>, token: string) {
    return this.api.graphql.data(query, variables, token);
  }

  async factory() {
    const admin = await given.factory(this.api.graphql);
    const made = await approvedFactory(this.api, admin.accessToken, this.operator.accessToken, {
      profile: { processes: ['cnc_milling_3axis', 'cnc_milling_5axis'], workingCalendar: CALENDAR },
      certificate: null,
    });
    return { admin, ...made };
  }

  system(): RequestContext {
    return RequestContext.system(this.api.app.get(DataSource));
  }

  private async pricedQuote(): Promise<string> {
    const upload = await uploadPart(this.api.url, this.designer.accessToken, 'bracket.stl', boxStl([60, 40, 20]));
    await eventually(async () => {
      const [row] = await this.env.db.query(`SELECT status FROM part_revisions WHERE id = $1`, [upload.body.revisionId]);
      return row.status === 'analyzed' ? true : undefined;
    }, 30_000, 'analysis');
    const { requestQuote } = await this.gql(REQUEST_QUOTE, { input: { partId: upload.body.partId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 10, 50] } }, this.designer.accessToken);
    const quote = await eventually(async () => {
      const q = (await this.gql(QUOTE, { id: requestQuote.id }, this.designer.accessToken)).quote;
      return q.status === 'pending' ? undefined : q;
    }, 30_000, 'quote to be priced');
    if (quote.status === 'needs_review') await this.gql(RELEASE, { id: quote.id }, this.operator.accessToken);
    return quote.id;
  }

  /**
   * A paid order line whose job line sourcing just awarded to `factoryId` — what sourcing will do: move the
   * job line to awarded and call planAwardedJob in the same transaction. (Each order line needs its own
   * quote, so the priced quote is copied as a new revision.)
   */
  async awardedJobLine(options: { factoryId?: string; quantity: number; due: Date; machineHoursTotal?: number; designer?: SignedIn }): Promise<string> {
    const db = this.env.db;
    const designer = options.designer ?? this.designer;
    const [quote] = await db.query(
      `INSERT INTO quotes (organization_id, part_id, part_revision_id, revision, request_key, config, status, result, confidence, catalog_version, currency, requested_by, priced_at, expires_at, ordered_at)
       SELECT $2, part_id, part_revision_id, (SELECT max(revision) + 1 FROM quotes WHERE part_id = q.part_id), md5(random()::text) || md5(random()::text), config, 'ordered', result,
              confidence, catalog_version, currency, requested_by, priced_at, expires_at, now()
         FROM quotes q WHERE id = $1 RETURNING id, part_id, part_revision_id, result->>'currency' AS currency`,
      [this.quoteId, designer.organizationId],
    );
    const [order] = await db.query(
      `INSERT INTO orders (organization_id, placed_by, status, currency, subtotal_minor, total_minor, shipping_address, paid_at)
       VALUES ($1, $2, 'paid', 'EUR', 10000, 10000, '{"name":"Receiving","line1":"Kungsgatan 1","city":"Stockholm","country":"SE"}', now()) RETURNING id`,
      [designer.organizationId, designer.userId],
    );
    const configuration = { process: 'cnc_milling_3axis', material: 'aluminum_6061', finish: 'as_machined', tolerance: 'iso2768_m', inspection: 'standard', leadTier: 'standard' };
    const [line] = await db.query(
      `INSERT INTO order_lines (order_id, line_number, quote_id, part_id, part_revision_id, quantity, unit_price_minor, total_minor, currency, lead_time_days, configuration)
       VALUES ($1, 1, $2, $3, $4, $5, 100, $6, 'EUR', 10, $7) RETURNING id`,
      [order.id, quote.id, quote.part_id, quote.part_revision_id, options.quantity, 100 * options.quantity, configuration],
    );
    const ctx = this.system();
    // Created and awarded in one transaction, so the sourcing sweep never sees it in `sourcing`.
    return ctx.transaction(async (tx) => {
      const [jobLine] = await tx.query(
        `INSERT INTO job_lines (order_id, order_line_id, organization_id, part_id, part_revision_id, configuration, quantity, due_date, inspection_level, export_controlled, allow_splitting, preview_level, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'standard', false, false, 'low_poly', 'sourcing') RETURNING id`,
        [order.id, line.id, designer.organizationId, quote.part_id, quote.part_revision_id, configuration, options.quantity, options.due],
      );
      const lockedOrder = await tx.findOneByOrFail(Order, { id: order.id });
      const awarded = await tx.findOneByOrFail(JobLine, { id: jobLine.id });
      await this.api.app.get(OrderTransitions).jobLine(ctx, lockedOrder, awarded, JobLineStatus.awarded, 'awarded by a test (sourcing stand-in)');
      await this.api.app.get(ProductionScheduling).planAwardedJob(ctx, {
        jobLineId: jobLine.id,
        factoryId: options.factoryId ?? this.factoryId,
        due: options.due,
        quantity: options.quantity,
        process: 'cnc_milling_3axis',
        machineHoursTotal: options.machineHoursTotal,
      });
      return jobLine.id as string;
    });
  }

  /** The factory's plan once every given job line is in its latest version (and scheduled in orders). */
  async planWith(jobLineIds: string[], token = this.admin.accessToken, factoryId = this.factoryId, minVersion = 1) {
    return eventually(async () => {
      const schedule = (await this.gql(SCHEDULE, { factoryId }, token)).factorySchedule;
      if (!schedule.version || schedule.version < minVersion) return undefined;
      const planned = jobLineIds.every((id) => schedule.jobs.some((j: { jobLineId: string; promisedShipDate: string | null }) => j.jobLineId === id && j.promisedShipDate));
      const inRows = jobLineIds.every((id) => schedule.rows.some((r: { jobLineId: string }) => r.jobLineId === id));
      return planned && inRows ? schedule : undefined;
    }, 30_000, `a plan with ${jobLineIds.length} job lines`);
  }

  /** Checks the stored plan against every rule of the engine (calendar, downtime, precedence, one op per unit, frozen). */
  async violations(factoryId = this.factoryId): Promise<string[]> {
    const db = this.env.db;
    const [run] = await db.query(`SELECT id, planned_from FROM schedule_runs WHERE factory_id = $1 ORDER BY version DESC LIMIT 1`, [factoryId]);
    const ops: Array<{ job_line_id: string; op_index: number; unit: string; start_at: Date; end_at: Date; frozen: boolean }> = await db.query(
      `SELECT job_line_id, op_index, unit, start_at, end_at, frozen FROM scheduled_operations WHERE run_id = $1`,
      [run.id],
    );
    const [factory] = await db.query(`SELECT time_zone AS "timeZone", working_calendar AS "workingCalendar" FROM factories WHERE id = $1`, [factoryId]);
    const machines = await db.query(`SELECT id, process, count FROM factory_machines WHERE factory_id = $1`, [factoryId]);
    const downtime = await db.query(`SELECT machine_id AS "machineId", from_at AS "from", to_at AS "to", reason FROM machine_downtime WHERE factory_id = $1 AND to_at > $2`, [factoryId, run.planned_from]);
    const jobIds = [...new Set(ops.map((op) => op.job_line_id))];
    const jobs = await db.query(`SELECT job_line_id AS "jobLineId", due_at AS due, release_at AS release, weight, routing FROM production_jobs WHERE job_line_id = ANY($1)`, [jobIds]);
    const { problem } = buildProblem({
      now: run.planned_from,
      factory,
      machines,
      downtime,
      jobs,
      placed: ops.filter((op) => op.frozen).map((op) => ({ jobLineId: op.job_line_id, index: op.op_index, unit: op.unit, start: op.start_at, end: op.end_at })),
    });
    const minutes = (d: Date) => Math.round((d.getTime() - run.planned_from.getTime()) / 60_000);
    return validateSchedule(problem, {
      operations: ops.map((op) => ({ job: op.job_line_id, index: op.op_index, machine: op.unit, start: minutes(op.start_at), end: minutes(op.end_at) })),
    }).map((v) => v.message);
  }
}
