import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NotificationsFanoutJob, verifyWebhookSignature } from '@partsmith/notifications';
import { domainEventJobId, QueueRegistry } from '@partsmith/platform';
import { cubeStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';
import { given, givenOperator, type SignedIn } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';

const NOTIFICATIONS = `query N($unreadOnly: Boolean) {
  unreadNotificationCount
  notifications(first: 20, unreadOnly: $unreadOnly) { totalCount edges { node { id type category subjectId subjectStatus title body path readAt } } }
}`;
const CREATE_WEBHOOK = `mutation C($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) {
    __typename
    ... on WebhookSubscriptionCreated { secret subscription { id url eventTypes } }
    ... on InputValidationError { field message }
  }
}`;
const WEBHOOKS = `{ webhookSubscriptions { id disabledAt disabledReason consecutiveFailures
  deliveries(first: 10) { edges { node { id eventType status attempts lastStatusCode lastError attemptLog { attempt statusCode error } } } } } }`;

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A subscriber's endpoint on 127.0.0.1 that answers from a script per path (then 200). */
class Receiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, number[]>();
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const script = this.scripts.get(path);
        res.statusCode = script && script.length > 1 ? script.shift()! : (script?.[0] ?? 200);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Status codes to answer, in order; the last one repeats. */
  script(path: string, statuses: number[]): void {
    this.scripts.set(path, [...statuses]);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The body of a text/plain quoted-printable message, decoded (headers untouched). */
function decodeQuotedPrintable(eml: string): string {
  const split = eml.indexOf('\r\n\r\n');
  const body = eml.slice(split).replace(/=\r\n/g, '').replace(/(=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
  return eml.slice(0, split) + body;
}

describe('notifications: in-app, e-mail and signed webhooks from domain events', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    env = await createTestEnvironment({ WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_MAX_ATTEMPTS: '5', WEBHOOK_DISABLE_AFTER_FAILURES: '3', WEBHOOK_TIMEOUT_MS: '2000' });
    api = await bootApi(env.config);
    worker = await bootWorker(env.config);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
    await receiver.close();
  });

  const gql = (query: string, variables: Record<string, unknown>, who: SignedIn) => api.graphql.data(query, variables, who.accessToken);

  /** Uploads a file and waits until its revision has published `outcome`; returns the revision id. */
  async function settledUpload(designer: SignedIn, fileName: string, bytes: Buffer, outcome: 'analyzed' | 'rejected'): Promise<string> {
    const upload = await uploadPart(api.url, designer.accessToken, fileName, bytes);
    expect(upload.status).toBe(201);
    const revisionId: string = upload.body.revisionId;
    await eventually(async () => {
      const [row] = await env.db.query(`SELECT 1 FROM domain_events WHERE type = $1 AND subject_id = $2`, [`part.revision.${outcome}`, revisionId]);
      return row;
    }, 20_000, `the revision to be ${outcome}`);
    return revisionId;
  }

  /** A cube, analysed. */
  const analysedPart = (designer: SignedIn, size = 20) => settledUpload(designer, `cube-${size}.stl`, cubeStl(size), 'analyzed');

  /** A truncated STL, rejected. */
  const rejectedPart = (designer: SignedIn) => settledUpload(designer, 'broken.stl', cubeStl(20).subarray(0, 300), 'rejected');

  /** Waits until the notifications fan-out of one domain event has completed in the worker. */
  async function fanoutCompleted(eventId: string): Promise<void> {
    const queue = worker.get(QueueRegistry).queue(NotificationsFanoutJob.queue);
    const jobId = domainEventJobId(eventId, NotificationsFanoutJob.name);
    await eventually(async () => ((await (await queue.getJob(jobId))?.isCompleted()) ? true : undefined), 15_000, `the fan-out of event ${eventId}`);
  }

  /** The domain event a change published; its id keys the subscribers' jobs. */
  async function eventOf(type: string, subjectId: string): Promise<string> {
    const [row] = await env.db.query(`SELECT id::text AS id FROM domain_events WHERE type = $1 AND subject_id = $2`, [type, subjectId]);
    return row.id;
  }

  /** The e-mail jobs a notification caused (the fan-out adds them in its own transaction). */
  const emailJobsOf = (notificationId: string) =>
    env.db.query(`SELECT 1 FROM outbox WHERE name = 'notifications.email.send' AND payload->>'notificationId' = $1`, [notificationId]);

  /** Waits until the job born in the outbox with a payload matching `match` has completed in the worker. */
  async function jobCompleted(name: string, match: (payload: Record<string, unknown>) => boolean): Promise<void> {
    const row = await eventually(async () => {
      const rows: Array<{ id: string; payload: Record<string, unknown> }> = await env.db.query(`SELECT id::text AS id, payload FROM outbox WHERE name = $1 AND sent_at IS NOT NULL`, [name]);
      return rows.find((r) => match(r.payload));
    }, 15_000, `a ${name} job`);
    const queue = worker.get(QueueRegistry).queue(name.split('.')[0]);
    await eventually(async () => ((await (await queue.getJob(`outbox-${row.id}`))?.isCompleted()) ? true : undefined), 15_000, `${name} ${row.id} to complete`);
  }

  function emlFilesTo(email: string): string[] {
    let files: string[];
    try {
      files = readdirSync(join(env.dataDir, 'mail'));
    } catch {
      return [];
    }
    return files
      .filter((f) => f.endsWith('.eml'))
      .map((f) => readFileSync(join(env.dataDir, 'mail', f), 'utf8'))
      .filter((text) => text.includes(`\r\nTo: ${email}\r\n`))
      .map(decodeQuotedPrintable);
  }

  it('tells the designer — and nobody else — once that their file could not be analysed, in-app and by e-mail', async () => {
    const designer = await given.designer(api.graphql);
    const other = await given.designer(api.graphql);
    const revisionId = await rejectedPart(designer);

    const mine = await eventually(async () => {
      const data = await gql(NOTIFICATIONS, {}, designer);
      return data.notifications.totalCount > 0 && data.unreadNotificationCount > 0 ? data : undefined;
    }, 15_000, 'the notification');
    expect(mine.unreadNotificationCount).toBe(1);
    expect(mine.notifications.edges[0].node).toMatchObject({
      type: 'part.revision.rejected',
      category: 'parts',
      subjectId: revisionId,
      title: 'Your part could not be analysed',
      path: `/parts/revisions/${revisionId}`,
      readAt: null,
    });

    const [mail] = await eventually(async () => {
      const files = emlFilesTo(designer.email);
      return files.length > 0 ? files : undefined;
    }, 15_000, 'the .eml file');
    expect(mail).toMatch(/\r\nSubject: Your part could not be analysed\r\n/);
    expect(mail).toContain(`/parts/revisions/${revisionId}`);
    // the file is written inside the delivery's transaction: the mail-log row is visible once it commits
    const [logged] = await eventually(async () => {
      const rows = await env.db.query(`SELECT to_address FROM sent_emails WHERE idempotency_key = $1`, [`notification:${mine.notifications.edges[0].node.id}`]);
      return rows.length > 0 ? rows : undefined;
    }, 15_000, 'the mail-log row');
    expect(logged.to_address).toBe(designer.email);

    // The same event published again (a replayed or duplicated publication) notifies nobody twice.
    const [replay] = await env.db.query(
      `INSERT INTO domain_events (type, organization_id, subject_id, status) VALUES ('part.revision.rejected', $1, $2, 'rejected') RETURNING id::text AS id`,
      [designer.organizationId, revisionId],
    );
    await fanoutCompleted(replay.id);
    const after = await gql(NOTIFICATIONS, {}, designer);
    expect(after.notifications.totalCount).toBe(1);
    expect(emlFilesTo(designer.email)).toHaveLength(1);

    const theirs = await gql(NOTIFICATIONS, {}, other);
    expect(theirs).toEqual({ unreadNotificationCount: 0, notifications: { totalCount: 0, edges: [] } });
    expect(emlFilesTo(other.email)).toHaveLength(0);

    // Marking read: another user's ids change nothing; one's own do.
    const id = mine.notifications.edges[0].node.id;
    expect((await gql(`mutation M($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [id] }, other)).markNotificationsRead).toBe(0);
    expect((await gql(`mutation M($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [id] }, designer)).markNotificationsRead).toBe(1);
    const read = await gql(NOTIFICATIONS, { unreadOnly: true }, designer);
    expect(read).toEqual({ unreadNotificationCount: 0, notifications: { totalCount: 0, edges: [] } });
    expect((await gql(`mutation { markAllNotificationsRead }`, {}, designer)).markAllNotificationsRead).toBe(0);
  });

  it('keeps the in-app notification but sends no e-mail once the user switches the category off', async () => {
    const designer = await given.designer(api.graphql);
    const prefs = await gql(`mutation { setNotificationPreference(category: parts, emailEnabled: false) { category emailEnabled } }`, {}, designer);
    expect(prefs.setNotificationPreference).toContainEqual({ category: 'parts', emailEnabled: false });
    expect(prefs.setNotificationPreference).toContainEqual({ category: 'orders', emailEnabled: true });

    await rejectedPart(designer);
    const notification = await eventually(async () => (await gql(NOTIFICATIONS, {}, designer)).notifications.edges[0]?.node, 15_000, 'the notification');
    expect(await emailJobsOf(notification.id)).toHaveLength(1); // the rule e-mails; the preference stops it at delivery
    await jobCompleted('notifications.email.send', (p) => p.notificationId === notification.id);
    expect(emlFilesTo(designer.email)).toHaveLength(0);
    expect(await env.db.query(`SELECT 1 FROM sent_emails WHERE idempotency_key = $1`, [`notification:${notification.id}`])).toEqual([]);
  });

  it('keeps what answers the designer within seconds in-app: no e-mail for an analysed part', async () => {
    const designer = await given.designer(api.graphql);
    const revisionId = await analysedPart(designer);
    await fanoutCompleted(await eventOf('part.revision.analyzed', revisionId));
    const { notifications } = await gql(NOTIFICATIONS, {}, designer);
    expect(notifications.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      expect.objectContaining({ type: 'part.revision.analyzed', subjectId: revisionId, title: 'Your part is analysed', readAt: null }),
    ]);
    expect(await emailJobsOf(notifications.edges[0].node.id)).toEqual([]);
    expect(emlFilesTo(designer.email)).toHaveLength(0);
  });

  it('delivers a signed webhook that verifies, retrying after a 500 until the endpoint accepts it', async () => {
    const designer = await given.designer(api.graphql);
    receiver.script('/flaky', [500, 200]);
    const created = (await gql(CREATE_WEBHOOK, { input: { url: `${receiver.url}/flaky`, eventTypes: ['part.revision.analyzed'] } }, designer)).createWebhookSubscription;
    expect(created.__typename).toBe('WebhookSubscriptionCreated');
    expect(created.secret).toMatch(/^whsec_/);

    const revisionId = await analysedPart(designer);
    const deliveries = await eventually(async () => (receiver.at('/flaky').length >= 2 ? receiver.at('/flaky') : undefined), 15_000, 'two delivery attempts');
    for (const delivery of deliveries) {
      expect(verifyWebhookSignature(created.secret, delivery.body, delivery.headers['x-partsmith-signature'] as string)).toEqual({ valid: true });
      expect(verifyWebhookSignature('whsec_wrong', delivery.body, delivery.headers['x-partsmith-signature'] as string).valid).toBe(false);
    }
    const payload = JSON.parse(deliveries[1].body);
    expect(payload).toEqual({ id: expect.any(String), type: 'part.revision.analyzed', createdAt: expect.any(String), data: { id: revisionId, status: 'analyzed' } });
    expect(JSON.parse(deliveries[0].body).id).toBe(payload.id);

    const log = await eventually(async () => {
      const [subscription] = (await gql(WEBHOOKS, {}, designer)).webhookSubscriptions;
      const node = subscription.deliveries.edges[0]?.node;
      return node?.status === 'succeeded' && subscription.consecutiveFailures === 0 ? { subscription, node } : undefined;
    }, 10_000, 'the delivery log');
    expect(log.node).toMatchObject({ id: payload.id, eventType: 'part.revision.analyzed', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(log.node.attemptLog).toEqual([
      { attempt: 1, statusCode: 500, error: 'the endpoint answered HTTP 500' },
      { attempt: 2, statusCode: 200, error: null },
    ]);
    expect(log.subscription).toMatchObject({ consecutiveFailures: 0, disabledAt: null });

    // Another organisation neither sees the subscription nor its deliveries.
    const other = await given.designer(api.graphql);
    expect((await gql(WEBHOOKS, {}, other)).webhookSubscriptions).toEqual([]);
    const stolen = await api.graphql.request(`mutation D($id: ID!) { deleteWebhookSubscription(id: $id) { id } }`, { id: created.subscription.id }, other.accessToken);
    expect(stolen.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('switches a subscription off after repeated failures', async () => {
    const designer = await given.designer(api.graphql);
    receiver.script('/down', [503]);
    const created = (await gql(CREATE_WEBHOOK, { input: { url: `${receiver.url}/down`, eventTypes: ['part.revision.analyzed'] } }, designer)).createWebhookSubscription;
    await analysedPart(designer);
    const subscription = await eventually(async () => {
      const [s] = (await gql(WEBHOOKS, {}, designer)).webhookSubscriptions;
      return s.disabledAt && s.deliveries.edges[0]?.node.status === 'failed' ? s : undefined;
    }, 15_000, 'the subscription to be disabled');
    expect(subscription.consecutiveFailures).toBe(3);
    expect(subscription.disabledReason).toMatch(/3 failed attempts in a row; last: the endpoint answered HTTP 503/);
    expect(subscription.deliveries.edges[0].node).toMatchObject({ attempts: 3, lastStatusCode: 503 });
    expect(receiver.at('/down')).toHaveLength(3);

    // While disabled, new events are not delivered; enabling resumes.
    const later = await analysedPart(designer, 21);
    await fanoutCompleted(await eventOf('part.revision.analyzed', later));
    expect(receiver.at('/down')).toHaveLength(3);
    const enabled = await gql(`mutation E($id: ID!) { enableWebhookSubscription(id: $id) { disabledAt consecutiveFailures } }`, { id: created.subscription.id }, designer);
    expect(enabled.enableWebhookSubscription).toEqual({ disabledAt: null, consecutiveFailures: 0 });
  });

  it('accepts only designers, http(s) URLs and known event types', async () => {
    const designer = await given.designer(api.graphql);
    const factory = await given.factory(api.graphql);
    const bad = async (input: Record<string, unknown>) => (await gql(CREATE_WEBHOOK, { input }, designer)).createWebhookSubscription;
    expect(await bad({ url: 'ftp://example.com/x', eventTypes: ['order.status'] })).toMatchObject({ __typename: 'InputValidationError', field: 'url' });
    expect(await bad({ url: 'https://example.com/x', eventTypes: ['sourcing.offer'] })).toMatchObject({ __typename: 'InputValidationError', field: 'eventTypes' });
    expect(await bad({ url: 'https://example.com/x', eventTypes: [] })).toMatchObject({ __typename: 'InputValidationError', field: 'eventTypes' });
    const refused = await api.graphql.request(CREATE_WEBHOOK, { input: { url: 'https://example.com/x', eventTypes: ['order.status'] } }, factory.accessToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('notifications: events published while no worker runs', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await bootApi(env.config);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  it('are delivered when a worker starts, to the designers and — for a quote needing review — every operator', async () => {
    const designer = await given.designer(api.graphql);
    const operator = await givenOperator(env.db, api.graphql);
    const quoteId = '00000000-0000-4000-8000-000000000001';
    // What DomainEvents.publish writes in the quote's transaction; no worker is listening yet.
    await env.db.query(`INSERT INTO domain_events (type, organization_id, subject_id, status) VALUES ('quote.priced', $1, $2, 'needs_review')`, [designer.organizationId, quoteId]);

    worker = await bootWorker(env.config);
    const list = `{ notifications(first: 5) { edges { node { type subjectId title } } } }`;
    for (const who of [designer, operator]) {
      const [edge] = await eventually(async () => {
        const edges = (await api.graphql.data(list, {}, who.accessToken)).notifications.edges;
        return edges.length > 0 ? edges : undefined;
      }, 15_000, 'the notification');
      expect(edge.node).toEqual({ type: 'quote.priced', subjectId: quoteId, title: 'A quote needs review' });
    }
    const [row] = await env.db.query(`SELECT dispatched_at FROM domain_events WHERE subject_id = $1`, [quoteId]);
    expect(row.dispatched_at).not.toBeNull();
  });
});
