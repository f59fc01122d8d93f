import { ProductionScheduling, SchedulePlanner, SchedulingWorkers } from '@partsmith/production-scheduling';
import { given } from '../support/given';
import { eventually } from '../support/harness';
import { SCHEDULE, SchedulingWorld } from './scheduling-world';

const DAY = 86_400_000;
const WHAT_IF = `query W($input: WhatIfInput!) { whatIfSchedule(input: $input) { planVersion completion promisedShipDate atRisk benchClasses operations { operation machineClass machineId unit start end } } }`;
const DOWNTIME = `mutation D($machineId: ID!, $from: DateTime!, $to: DateTime!, $reason: String!) { addMachineDowntime(machineId: $machineId, from: $from, to: $to, reason: $reason) {
  __typename ... on MachineDowntime { id machineId from to reason } ... on ErrorResult { errorCode message } ... on InputValidationError { field } } }`;
const DOWNTIMES = `query M($includePast: Boolean) { machineDowntimes(includePast: $includePast) { id machineId from to reason } }`;
const REMOVE_DOWNTIME = `mutation R($id: ID!) { removeMachineDowntime(downtimeId: $id) {
  __typename ... on MachineDowntime { id reason } ... on InputValidationError { field message } } }`;
const AT_RISK = `query { atRiskJobLines { jobLineId factoryId promisedShipDate dueDate atRisk } }`;
const JOB_LINE_SCHEDULE = `query J($id: ID!) { jobLineSchedule(jobLineId: $id) { jobLineId promisedShipDate atRisk } }`;
const ADJUST = `mutation A($id: ID!, $operations: [RoutingStepInput!]!) { adjustRouting(jobLineId: $id, operations: $operations) {
  __typename ... on ScheduledJob { jobLineId routingAdjusted routing { name machineClass setupMinutes runMinutes } } ... on ErrorResult { errorCode message } } }`;

type Row = { machineId: string | null; unit: string; machineClass: string; jobLineId: string; operationIndex: number; operation: string; start: string; end: string; frozen: boolean };

describe('production scheduling: award → plan → promised dates, downtime, at-risk, what-if, access', () => {
  const world = new SchedulingWorld();
  let jobs: string[] = [];

  beforeAll(() => world.start(), 120_000);
  afterAll(() => world.stop());

  it('plans awarded job lines onto the machines and bench: valid Gantt rows, job lines scheduled with promised dates', async () => {
    const due = new Date(Date.now() + 40 * DAY);
    jobs = [
      await world.awardedJobLine({ quantity: 10, due }),
      await world.awardedJobLine({ quantity: 50, due, machineHoursTotal: 12 }),
      await world.awardedJobLine({ quantity: 5, due: new Date(Date.now() + 20 * DAY), machineHoursTotal: 3 }),
    ];
    const schedule = await world.planWith(jobs);
    expect(schedule.rows).toHaveLength(9); // machining, deburr, inspection each
    for (const row of schedule.rows as Row[]) {
      expect(row.machineId === null ? row.unit.startsWith('bench:') : row.machineId === world.machineId).toBe(true);
      expect(new Date(row.end).getTime()).toBeGreaterThan(new Date(row.start).getTime());
    }
    expect(new Set((schedule.rows as Row[]).map((r) => r.machineClass))).toEqual(new Set(['mill-5axis', 'deburr', 'inspection'])); // 3-axis work runs on the 5-axis mills
    const routing = schedule.jobs.find((j: { jobLineId: string }) => j.jobLineId === jobs[1]).routing;
    expect(routing[0]).toMatchObject({ name: 'machining', machineClass: 'mill-3axis', runMinutes: 720 }); // 12 machine hours from the caller
    expect(await world.violations()).toEqual([]);

    const statuses = await world.env.db.query(`SELECT status FROM job_lines WHERE id = ANY($1)`, [jobs]);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    for (const job of schedule.jobs) expect(job.atRisk).toBe(false);

    // The quote's model gave the first job its machine time: breaks[].machineHours scaled to the quantity.
    const [quoted] = await world.env.db.query(`SELECT machine_hours, quote_id FROM production_jobs WHERE job_line_id = $1`, [jobs[0]]);
    expect(quoted.quote_id).not.toBeNull();
    expect(quoted.machine_hours).toBeGreaterThan(0);

    // The designer sees only the promised date; the facade answers the same.
    const mine = (await world.gql(JOB_LINE_SCHEDULE, { id: jobs[0] }, world.designer.accessToken)).jobLineSchedule;
    expect(mine).toEqual({ jobLineId: jobs[0], promisedShipDate: expect.any(String), atRisk: false });
    const promised = await world.api.app.get(ProductionScheduling).promisedDate(world.system(), jobs[0]);
    expect(promised?.promisedShipDate?.toISOString()).toBe(new Date(mine.promisedShipDate).toISOString());
  });

  it('is idempotent: the same award and the same re-plan give no new version', async () => {
    const before = (await world.gql(SCHEDULE, {}, world.admin.accessToken)).factorySchedule.version;
    const planner = world.worker.get(SchedulePlanner);
    const again = await planner.replan(world.system(), world.factoryId, `award:${jobs[0]}`);
    expect(again).toMatchObject({ changed: false, version: before });
    const [job] = await world.env.db.query(`SELECT due_at, quantity FROM production_jobs WHERE job_line_id = $1`, [jobs[0]]);
    const replay = await world.api.app.get(ProductionScheduling).planAwardedJob(world.system(), {
      jobLineId: jobs[0], factoryId: world.factoryId, due: job.due_at, quantity: job.quantity, process: 'cnc_milling_3axis',
    });
    expect(replay.created).toBe(false);
  });

  it('solves outside the transaction and re-plans when the inputs change during the solve', async () => {
    const planner = world.worker.get(SchedulePlanner);
    const workers = world.worker.get(SchedulingWorkers);
    const solve = workers.solve.bind(workers);
    const [{ due_at: dueBefore }] = await world.env.db.query(`SELECT due_at FROM production_jobs WHERE job_line_id = $1`, [jobs[2]]);
    const moveDue = () => world.env.db.query(`UPDATE production_jobs SET due_at = due_at + interval '1 day' WHERE job_line_id = $1`, [jobs[2]]);
    await moveDue(); // something to re-plan for
    let solves = 0;
    const spy = jest.spyOn(workers, 'solve').mockImplementation(async (problem, options) => {
      solves++;
      // The due date moves again, committed from another connection, while the first solve runs.
      if (solves === 1) await moveDue();
      return solve(problem, options);
    });
    try {
      const outcome = await planner.replan(world.system(), world.factoryId, 'test:concurrent-edit');
      expect(outcome.changed).toBe(true);
      expect(solves).toBe(2); // the first plan, solved for the old due date, was not saved
      // The saved plan is the one for the new inputs: planning them again changes nothing and solves nothing.
      const again = await planner.replan(world.system(), world.factoryId, 'test:concurrent-edit-again');
      expect(again).toEqual({ version: outcome.version, changed: false, atRisk: [] });
      expect(solves).toBe(2);
      const [job] = await world.env.db.query(`SELECT due_at, plan_version FROM production_jobs WHERE job_line_id = $1`, [jobs[2]]);
      expect(job.due_at.getTime() - dueBefore.getTime()).toBe(2 * 86_400_000);
      expect(job.plan_version).toBe(outcome.version);
    } finally {
      spy.mockRestore();
    }
  });

  it('machine downtime moves planned operations out of the window', async () => {
    const before = (await world.gql(SCHEDULE, {}, world.admin.accessToken)).factorySchedule;
    const target = (before.rows as Row[])
      .filter((r) => r.machineId === world.machineId && !r.frozen && new Date(r.start).getTime() > Date.now() + 10 * 60_000)
      .sort((a, b) => a.start.localeCompare(b.start))[0];
    expect(target).toBeDefined();
    const from = target.start;
    const to = new Date(new Date(target.start).getTime() + 8 * 3_600_000).toISOString();

    const other = await given.factory(world.api.graphql);
    expect((await world.api.graphql.request(DOWNTIME, { machineId: world.machineId, from, to, reason: 'spindle' }, other.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = (await world.gql(DOWNTIME, { machineId: world.machineId, from: to, to: from, reason: 'spindle' }, world.admin.accessToken)).addMachineDowntime;
    expect(bad).toMatchObject({ __typename: 'InputValidationError', field: 'to' });

    const added = (await world.gql(DOWNTIME, { machineId: world.machineId, from, to, reason: 'spindle bearing replacement' }, world.admin.accessToken)).addMachineDowntime;
    expect(added).toMatchObject({ __typename: 'MachineDowntime', machineId: world.machineId });
    const after = await world.planWith(jobs, world.admin.accessToken, world.factoryId, before.version + 1);
    const overlapping = (after.rows as Row[]).filter((r) => r.machineId === world.machineId && !r.frozen && r.start < to && r.end > from);
    expect(overlapping).toEqual([]);
    expect(await world.violations()).toEqual([]);
    expect((await world.gql(DOWNTIMES, {}, world.admin.accessToken)).machineDowntimes).toEqual([
      { id: added.id, machineId: world.machineId, from: new Date(from).toISOString(), to, reason: 'spindle bearing replacement' },
    ]);
    const theirs = await world.api.graphql.request(DOWNTIMES, {}, other.accessToken);
    expect(theirs.data?.machineDowntimes ?? []).not.toContainEqual(expect.objectContaining({ id: added.id }));

    // taken back: only by its own factory's admins, and the factory is re-planned without it
    expect((await world.api.graphql.request(REMOVE_DOWNTIME, { id: added.id }, other.accessToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.api.graphql.request(REMOVE_DOWNTIME, { id: added.id }, world.designer.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await world.gql(REMOVE_DOWNTIME, { id: added.id }, world.admin.accessToken)).removeMachineDowntime).toEqual({ __typename: 'MachineDowntime', id: added.id, reason: 'spindle bearing replacement' });
    expect((await world.gql(DOWNTIMES, {}, world.admin.accessToken)).machineDowntimes).toEqual([]);
    const replanned = await world.planWith(jobs, world.admin.accessToken, world.factoryId, after.version + 1);
    expect(replanned.version).toBeGreaterThan(after.version);
    expect(await world.violations()).toEqual([]);
    expect((await world.api.graphql.request(REMOVE_DOWNTIME, { id: added.id }, world.admin.accessToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // downtime that has ended stays as history
    const [past] = await world.env.db.query(
      `INSERT INTO machine_downtime (factory_id, machine_id, from_at, to_at, reason) VALUES ($1, $2, now() - interval '2 days', now() - interval '1 day', 'coolant flush') RETURNING id`,
      [world.factoryId, world.machineId],
    );
    expect((await world.gql(DOWNTIMES, {}, world.admin.accessToken)).machineDowntimes).toEqual([]);
    expect((await world.gql(DOWNTIMES, { includePast: true }, world.admin.accessToken)).machineDowntimes).toEqual([expect.objectContaining({ id: past.id, reason: 'coolant flush' })]);
    expect((await world.gql(REMOVE_DOWNTIME, { id: past.id }, world.admin.accessToken)).removeMachineDowntime).toMatchObject({ __typename: 'InputValidationError', field: 'downtimeId' });
  });

  it('flags a job that cannot make its due date as at risk and tells the factory admins; operators see it too', async () => {
    const late = await world.awardedJobLine({ quantity: 200, due: new Date(Date.now() + 2 * 3_600_000), machineHoursTotal: 60 });
    const schedule = await world.planWith([...jobs, late]);
    expect(schedule.jobs.find((j: { jobLineId: string }) => j.jobLineId === late)).toMatchObject({ atRisk: true });
    const mails = await eventually(async () => {
      const rows = await world.env.db.query(`SELECT to_address, subject FROM sent_emails WHERE idempotency_key LIKE $1`, [`schedule-at-risk:${late}:%`]);
      return rows.length ? rows : undefined;
    }, 10_000, 'the at-risk mail');
    expect(mails).toEqual([{ to_address: world.admin.email, subject: expect.stringContaining('at risk') }]);
    const [audit] = await world.env.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'job_line.schedule_at_risk' AND subject_id = $1`, [late]);
    expect(audit.n).toBe(1);

    expect((await world.gql(AT_RISK, {}, world.admin.accessToken)).atRiskJobLines.map((j: { jobLineId: string }) => j.jobLineId)).toEqual([late]);
    expect((await world.gql(AT_RISK, {}, world.operator.accessToken)).atRiskJobLines.map((j: { jobLineId: string }) => j.jobLineId)).toContain(late);
    const other = await world.factory();
    expect((await world.gql(AT_RISK, {}, other.admin.accessToken)).atRiskJobLines).toEqual([]);

    expect(await world.api.app.get(ProductionScheduling).cancelJob(world.system(), late)).toBe(true);
    await eventually(async () => {
      const now = (await world.gql(SCHEDULE, {}, world.admin.accessToken)).factorySchedule;
      return now.rows.some((r: Row) => r.jobLineId === late) ? undefined : now;
    }, 30_000, 'the cancelled job to leave the plan');
  });

  it('what-if insertion answers a completion ≥ now and moves nothing planned', async () => {
    const before = (await world.gql(SCHEDULE, {}, world.admin.accessToken)).factorySchedule;
    const asked = Date.now();
    const answer = (await world.gql(WHAT_IF, { input: { process: 'cnc_milling_3axis', quantity: 20, machineHours: 6, due: new Date(Date.now() + 30 * DAY).toISOString() } }, world.admin.accessToken)).whatIfSchedule;
    expect(answer.planVersion).toBe(before.version);
    expect(new Date(answer.completion).getTime()).toBeGreaterThanOrEqual(asked - 60_000);
    expect(answer.operations.map((o: { operation: string }) => o.operation)).toEqual(['machining', 'deburr', 'inspection']);
    for (const op of answer.operations) {
      for (const row of (before.rows as Row[]).filter((r) => r.unit === op.unit)) expect(op.end <= row.start || op.start >= row.end).toBe(true);
    }
    const after = (await world.gql(SCHEDULE, {}, world.admin.accessToken)).factorySchedule;
    expect(after.version).toBe(before.version);
    expect(after.rows).toEqual(before.rows);

    // Bigger jobs never finish earlier (the same cached plan answers both).
    const bigger = (await world.gql(WHAT_IF, { input: { process: 'cnc_milling_3axis', quantity: 200, machineHours: 60 } }, world.admin.accessToken)).whatIfSchedule;
    expect(bigger.completion >= answer.completion).toBe(true);
  });

  it('lets the factory admin adjust a routing, which re-plans', async () => {
    const before = (await world.gql(SCHEDULE, {}, world.admin.accessToken)).factorySchedule;
    const operations = [
      { name: 'machining', machineClass: 'mill-3axis', setupMinutes: 30, runMinutes: 240 },
      { name: 'anodize-masking', machineClass: 'post-processing', setupMinutes: 0, runMinutes: 45 },
      { name: 'inspection', machineClass: 'inspection', setupMinutes: 0, runMinutes: 20 },
    ];
    const other = await given.factory(world.api.graphql);
    expect((await world.api.graphql.request(ADJUST, { id: jobs[2], operations }, other.accessToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const adjusted = (await world.gql(ADJUST, { id: jobs[2], operations }, world.admin.accessToken)).adjustRouting;
    expect(adjusted).toMatchObject({ __typename: 'ScheduledJob', routingAdjusted: true, routing: operations });
    const after = await world.planWith(jobs.filter(Boolean), world.admin.accessToken, world.factoryId, before.version + 1);
    expect((after.rows as Row[]).filter((r) => r.jobLineId === jobs[2]).sort((a, b) => a.operationIndex - b.operationIndex).map((r) => r.operation)).toEqual(['machining', 'anodize-masking', 'inspection']);
    expect(await world.violations()).toEqual([]);
  });

  it('keeps schedules private: other factories and designers cannot see them; designers see only promised dates of their own lines', async () => {
    const other = await world.factory();
    const forbidden = await world.api.graphql.request(SCHEDULE, { factoryId: world.factoryId }, other.admin.accessToken);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await world.api.graphql.request(SCHEDULE, { factoryId: world.factoryId }, world.designer.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await world.gql(SCHEDULE, { factoryId: world.factoryId }, world.operator.accessToken)).factorySchedule.rows.length).toBeGreaterThan(0);
    expect((await world.gql(SCHEDULE, {}, other.admin.accessToken)).factorySchedule).toMatchObject({ version: null, rows: [] });

    const stranger = await given.designer(world.api.graphql);
    expect((await world.api.graphql.request(JOB_LINE_SCHEDULE, { id: jobs[0] }, stranger.accessToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.api.graphql.request(JOB_LINE_SCHEDULE, { id: jobs[0] }, other.admin.accessToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.gql(JOB_LINE_SCHEDULE, { id: jobs[0] }, world.admin.accessToken)).jobLineSchedule.promisedShipDate).toEqual(expect.any(String));
    expect((await world.api.graphql.request(WHAT_IF, { input: { process: 'cnc_milling_3axis', quantity: 1, machineHours: 1 } }, world.designer.accessToken)).errors?.[0].extensions?.code).toBeDefined();
  });
});
