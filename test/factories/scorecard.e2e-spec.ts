import type { INestApplicationContext } from '@nestjs/common';
import { AuditTrail, RequestContext } from '@partsmith/platform';
import { DataSource } from 'typeorm';
import { given, givenOperator, type SignedIn } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';
import { approvedFactory, recordScoreEvent, SEARCH } from './factory-support';

const SCORECARD = `query { myFactory { probation { onProbation } scorecard { score onTimeRate qualityRate acceptanceRate averageStars responseScore cleanJobs eventCount components { component count value weight } }
  scoreEvents(first: 50) { totalCount edges { node { id kind sourceRef points voidedAt } } } } }`;
const APPEAL = `mutation A($id: ID!, $reason: String!) { appealScoreEvent(scoreEventId: $id, reason: $reason) { __typename ... on ScoreAppeal { id status } ... on ErrorResult { errorCode } } }`;
const DECIDE = `mutation D($input: DecideScoreAppealInput!) { decideScoreAppeal(input: $input) { id status decisionNote } }`;
const APPEALS = `query { scoreAppeals(first: 20) { totalCount edges { node { id status factoryId } } } }`;

describe('scorecards, appeals and the audit log', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext;
  let operator: SignedIn;

  beforeAll(async () => {
    env = await createTestEnvironment({ FACTORY_PROBATION_JOBS: '3', CERTIFICATE_SWEEP_CRON: 'off' });
    api = await bootApi(env.config);
    worker = await bootWorker(env.config);
    operator = await givenOperator(env.db, api.graphql);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  it('moves as orders complete, counts each source once, and ends probation after enough clean jobs', async () => {
    const admin = await given.factory(api.graphql);
    const { factoryId } = await approvedFactory(api, admin.accessToken, operator.accessToken, { certificate: null });
    const initial = (await api.graphql.data(SCORECARD, {}, admin.accessToken)).myFactory;
    expect(initial.scorecard).toMatchObject({ eventCount: 0, onTimeRate: null, cleanJobs: 0 });
    expect(initial.probation.onProbation).toBe(true);

    for (const job of ['job-1', 'job-2', 'job-3']) {
      await recordScoreEvent(api, { factoryId, kind: 'delivery_on_time', sourceRef: job });
      await recordScoreEvent(api, { factoryId, kind: 'accepted_clean', sourceRef: job });
      await recordScoreEvent(api, { factoryId, kind: 'offer_response', value: 1800, sourceRef: `offer-${job}` });
      await recordScoreEvent(api, { factoryId, kind: 'review', value: 5, sourceRef: job });
    }
    expect(await recordScoreEvent(api, { factoryId, kind: 'delivery_on_time', sourceRef: 'job-1' })).toMatchObject({ recorded: false });
    await expect(recordScoreEvent(api, { factoryId, kind: 'review', value: 9, sourceRef: 'job-9' })).rejects.toThrow('1 to 5');

    const after = (await api.graphql.data(SCORECARD, {}, admin.accessToken)).myFactory;
    expect(after.scorecard).toMatchObject({ onTimeRate: 1, qualityRate: 1, averageStars: 5, responseScore: 1, cleanJobs: 3, eventCount: 12 });
    expect(after.scorecard.score).toBeGreaterThan(initial.scorecard.score);
    expect(after.probation.onProbation).toBe(false); // FACTORY_PROBATION_JOBS=3 clean acceptances
    expect(after.scoreEvents.totalCount).toBe(12);

    await recordScoreEvent(api, { factoryId, kind: 'delivery_late', sourceRef: 'job-4' });
    await recordScoreEvent(api, { factoryId, kind: 'disputed', sourceRef: 'job-4' });
    const worse = (await api.graphql.data(SCORECARD, {}, admin.accessToken)).myFactory.scorecard;
    expect(worse.score).toBeLessThan(after.scorecard.score);
    expect(worse).toMatchObject({ onTimeRate: 0.75, qualityRate: 0.75 });

    const search = await api.graphql.data(SEARCH, { criteria: { process: 'cnc_milling_5axis' } }, operator.accessToken);
    expect(search.searchFactories.find((r: { factory: { id: string } }) => r.factory.id === factoryId).score).toBeCloseTo(worse.score, 5);
  });

  it('lets a factory appeal a score event and an operator uphold it, which restores the score', async () => {
    const admin = await given.factory(api.graphql);
    const other = await given.factory(api.graphql);
    const { factoryId } = await approvedFactory(api, admin.accessToken, operator.accessToken, { certificate: null });
    await recordScoreEvent(api, { factoryId, kind: 'delivery_on_time', sourceRef: 'job-a' });
    const before = (await api.graphql.data(SCORECARD, {}, admin.accessToken)).myFactory.scorecard.score;
    await recordScoreEvent(api, { factoryId, kind: 'delivery_late', sourceRef: 'job-b' });
    const events = (await api.graphql.data(SCORECARD, {}, admin.accessToken)).myFactory.scoreEvents.edges.map((e: { node: unknown }) => e.node);
    const late = events.find((e: { kind: string }) => e.kind === 'delivery_late');

    expect((await api.graphql.request(APPEAL, { id: late.id, reason: 'not ours' }, other.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const appeal = (await api.graphql.data(APPEAL, { id: late.id, reason: 'The carrier lost the parcel for two days; tracking attached' }, admin.accessToken)).appealScoreEvent;
    expect(appeal).toMatchObject({ __typename: 'ScoreAppeal', status: 'open' });
    expect((await api.graphql.data(APPEAL, { id: late.id, reason: 'again' }, admin.accessToken)).appealScoreEvent.errorCode).toBe('APPEAL_ALREADY_OPEN');
    expect((await api.graphql.data(APPEALS, {}, other.accessToken)).scoreAppeals.totalCount).toBe(0);
    expect((await api.graphql.data(APPEALS, {}, admin.accessToken)).scoreAppeals.totalCount).toBe(1);

    const decided = (await api.graphql.data(DECIDE, { input: { appealId: appeal.id, uphold: true, note: 'Carrier delay confirmed' } }, operator.accessToken)).decideScoreAppeal;
    expect(decided).toMatchObject({ status: 'upheld', decisionNote: 'Carrier delay confirmed' });
    const restored = (await api.graphql.data(SCORECARD, {}, admin.accessToken)).myFactory;
    expect(restored.scorecard.score).toBeCloseTo(before, 6);
    expect(restored.scoreEvents.edges.find((e: { node: { id: string } }) => e.node.id === late.id).node.voidedAt).not.toBeNull();
    const again = await api.graphql.request(DECIDE, { input: { appealId: appeal.id, uphold: false, note: 'changed my mind' } }, operator.accessToken);
    expect(again.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('keeps the audit log append-only and records role grants and changes', async () => {
    const admin = await given.factory(api.graphql);
    const [user] = await env.db.query(`INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'Second', 'x') RETURNING id`, [`second-${Date.now()}@example.test`]);
    const [second] = await env.db.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'factory_admin') RETURNING id`, [user.id, admin.organizationId]);
    const changed = await api.graphql.data(`mutation C($id: ID!) { changeMemberRole(membershipId: $id, role: factory_member) { __typename } }`, { id: second.id }, admin.accessToken);
    expect(changed.changeMemberRole.__typename).toBe('Membership');
    const [entry] = await env.db.query(`SELECT actor_user_id, action, details FROM audit_log WHERE subject_id = $1`, [second.id]);
    expect(entry).toEqual({ actor_user_id: admin.userId, action: 'membership.role_changed', details: { userId: user.id, from: 'factory_admin', to: 'factory_member' } });

    const invited = `joiner-${Date.now()}@example.test`;
    await api.graphql.data(`mutation I($e: String!) { inviteMember(input: { email: $e, role: factory_member }) { __typename } }`, { e: invited }, admin.accessToken);
    const [mail] = await eventually(async () => {
      const rows = await env.db.query(`SELECT body FROM sent_emails WHERE to_address = $1`, [invited]);
      return rows.length ? rows : undefined;
    });
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.body)![1];
    await api.graphql.data(`mutation A($t: String!) { acceptInvitation(input: { token: $t, password: "joiner password 1", displayName: "Joiner" }) { __typename } }`, { t: token });
    const [joined] = await env.db.query(`SELECT details FROM audit_log WHERE action = 'membership.created' AND subject_organization_id = $1`, [admin.organizationId]);
    expect(joined.details).toMatchObject({ role: 'factory_member', invitedBy: admin.userId });

    await expect(env.db.query(`UPDATE audit_log SET action = 'membership.nothing' WHERE subject_id = $1`, [second.id])).rejects.toThrow(/append-only/);
    await expect(env.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(env.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it("shows designers who accessed their own parts' CAD files, and nobody else's", async () => {
    const designer = await given.designer(api.graphql);
    const stranger = await given.designer(api.graphql);
    const factory = await given.factory(api.graphql);
    const partId = '6f1c0a7e-2b1d-4c59-9a51-3f0d7d1c2b10';
    // what the parts context records when a factory opens a preview (called with the factory's request context)
    const factoryCtx = new RequestContext(api.app.get(DataSource), {
      userId: factory.userId,
      sessionId: 'n/a',
      organizationId: factory.organizationId,
      organizationKind: 'factory',
      role: 'factory_admin',
    });
    await api.app.get(AuditTrail).recordCadAccess(factoryCtx, { partId, ownerOrganizationId: designer.organizationId, previewLevel: 'mesh_preview', what: 'preview' });

    const LOG = `query L($id: ID!) { partAccessLog(partId: $id, first: 10) { totalCount edges { node { actorUserId actorOrganizationId actorRole createdAt details } } } }`;
    const own = (await api.graphql.data(LOG, { id: partId }, designer.accessToken)).partAccessLog;
    expect(own.totalCount).toBe(1);
    expect(own.edges[0].node).toMatchObject({ actorUserId: factory.userId, actorOrganizationId: factory.organizationId, actorRole: 'factory_admin' });
    expect(JSON.parse(own.edges[0].node.details)).toMatchObject({ previewLevel: 'mesh_preview', what: 'preview' });
    expect((await api.graphql.data(LOG, { id: partId }, stranger.accessToken)).partAccessLog.totalCount).toBe(0);
    expect((await api.graphql.data(LOG, { id: partId }, operator.accessToken)).partAccessLog.totalCount).toBe(1);
    expect((await api.graphql.request(LOG, { id: partId }, factory.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
