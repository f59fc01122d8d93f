import type { INestApplicationContext } from '@nestjs/common';
import { DeliverInvitationJob, MailerService } from '@partsmith/identity';
import { OutboxRelay, OutboxService, QueueRegistry, RequestContext, outboxJobId } from '@partsmith/platform';
import { DataSource } from 'typeorm';
import { given } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';

const INVITE = `mutation I($input: InviteMemberInput!) { inviteMember(input: $input) { __typename ... on InvitationCreated { invitation { id email } } ... on ErrorResult { errorCode message } } }`;

describe('outbox → relay → BullMQ → worker', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await bootApi(env.config);
    worker = await bootWorker(env.config, { relay: false }); // the relay is driven by hand here
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  const unsent = async () => Number((await env.db.query(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`))[0].n);
  const identityQueue = () => worker.get(QueueRegistry).queue('identity');

  it('enqueues nothing for a rolled-back transaction', async () => {
    const ctx = RequestContext.system(worker.get(DataSource));
    const before = Number((await env.db.query(`SELECT count(*) AS n FROM outbox`))[0].n);
    await expect(
      ctx.transaction(async () => {
        await worker.get(OutboxService).add(ctx, DeliverInvitationJob, { invitationId: '00000000-0000-0000-0000-000000000000', token: 'never' });
        throw new Error('business rule failed after the job was recorded');
      }),
    ).rejects.toThrow('business rule failed');
    expect(Number((await env.db.query(`SELECT count(*) AS n FROM outbox`))[0].n)).toBe(before);
    expect(await worker.get(OutboxRelay).relayBatch()).toBe(0);
    expect(await identityQueue().getJobCounts()).toMatchObject({ waiting: 0, delayed: 0, active: 0, completed: 0 });
  });

  it('runs a committed job exactly once even when the relay dies between enqueue and marking', async () => {
    const mailer = worker.get(MailerService);
    const send = jest.spyOn(mailer, 'send');
    const designer = await given.designer(api.graphql);
    const invited = await api.graphql.data(INVITE, { input: { email: 'colleague@example.test', role: 'designer' } }, designer.accessToken);
    expect(invited.inviteMember.__typename).toBe('InvitationCreated');
    const [row] = await env.db.query(`SELECT id::text AS id, name FROM outbox WHERE sent_at IS NULL ORDER BY id DESC LIMIT 1`);
    expect(row.name).toBe('identity.invitation.deliver');

    const relay = worker.get(OutboxRelay);
    await expect(
      relay.relayBatch({
        beforeMarkSent: async () => {
          throw new Error('relay process killed');
        },
      }),
    ).rejects.toThrow('relay process killed');
    expect(await unsent()).toBe(1); // the row is still unsent…
    expect(await identityQueue().getJob(outboxJobId(row.id))).toBeDefined(); // …but its job reached Redis

    expect(await relay.reconcile()).toBe(1); // the reconciler re-adds it: same jobId, BullMQ keeps one
    expect(await unsent()).toBe(0);

    const email = await eventually(async () => {
      const rows = await env.db.query(`SELECT to_address, body FROM sent_emails WHERE to_address = 'colleague@example.test'`);
      return rows.length > 0 ? rows : undefined;
    });
    expect(email).toHaveLength(1);
    const job = await identityQueue().getJob(outboxJobId(row.id));
    expect(await job?.getState()).toBe('completed');
    expect(send).toHaveBeenCalledTimes(1);
    const counts = await identityQueue().getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed');
    expect(counts).toEqual({ completed: 1, waiting: 0, active: 0, delayed: 0, failed: 0 });
    send.mockRestore();
  });

  it('delivers through the running relay, and the emailed token lets the invitee join', async () => {
    await worker.get(OutboxRelay).start();
    const designer = await given.designer(api.graphql);
    await api.graphql.data(INVITE, { input: { email: 'new.hire@example.test', role: 'designer' } }, designer.accessToken);
    const [email] = await eventually(async () => {
      const rows = await env.db.query(`SELECT body FROM sent_emails WHERE to_address = 'new.hire@example.test'`);
      return rows.length > 0 ? rows : undefined;
    });
    const token = /token=([A-Za-z0-9_-]+)/.exec(email.body)?.[1];
    expect(token).toBeDefined();
    const accepted = await api.graphql.data(
      `mutation A($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename ... on AuthPayload { role organization { id } } } }`,
      { input: { token, password: 'new hire password', displayName: 'New Hire' } },
    );
    expect(accepted.acceptInvitation).toEqual({ __typename: 'AuthPayload', role: 'designer', organization: { id: designer.organizationId } });
    const reused = await api.graphql.data(
      `mutation A($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename } }`,
      { input: { token, password: 'new hire password', displayName: 'New Hire' } },
    );
    expect(reused.acceptInvitation.__typename).toBe('InvitationInvalidError');
  });
});
