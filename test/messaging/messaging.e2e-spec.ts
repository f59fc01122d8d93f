import { EMAIL_MASK, PHONE_MASK } from '@partsmith/messaging';
import { eventually } from '../support/harness';
import type { SignedIn } from '../support/given';
import { ACCEPT, SourcingWorld, type ReadyFactory } from '../sourcing/sourcing-world';

const ERR = '... on ErrorResult { __typename errorCode message } ... on InputValidationError { field }';
const THREAD_FIELDS = 'id kind jobLineId youAppearAs canPost unreadCount';
const MESSAGE_FIELDS = 'id threadId authorLabel fromYourOrganization authorOrganizationId body contactDetailsRemoved inReplyToId createdAt';
const QA = `query Q($id: ID!) { sourcingQuestions(jobLineId: $id) { ${THREAD_FIELDS} } }`;
const JOB_THREAD = `query T($id: ID!) { jobLineThread(jobLineId: $id) { ${THREAD_FIELDS} } }`;
const THREAD = `query T($id: ID!, $first: Int, $after: String) { messageThread(id: $id) { ${THREAD_FIELDS}
  messages(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${MESSAGE_FIELDS} } } } } }`;
const THREADS = `query L($jobLineId: ID) { messageThreads(jobLineId: $jobLineId) { ${THREAD_FIELDS} } unreadMessageCount }`;
const POST = `mutation P($threadId: ID!, $body: String!, $inReplyToId: ID) { postMessage(threadId: $threadId, body: $body, inReplyToId: $inReplyToId) {
  __typename ... on Message { ${MESSAGE_FIELDS} } ${ERR} } }`;
const READ = `mutation R($threadId: ID!) { markMessageThreadRead(threadId: $threadId) { ${THREAD_FIELDS} } }`;
const NOTIFICATIONS = `query { notifications(first: 50) { edges { node { type subjectId subjectStatus title path } } } }`;

describe('messaging: anonymous pre-award Q&A and the job-line thread (API, worker, real PostgreSQL and Redis)', () => {
  const world = new SourcingWorld();
  let designer: SignedIn;
  let otherDesigner: SignedIn;
  let a: ReadyFactory;
  let b: ReadyFactory;
  let ineligible: ReadyFactory;
  let jobLineId: string;
  let qaThreadId: string;
  let part: { partId: string };

  beforeAll(async () => {
    await world.start();
    designer = await world.designer();
    otherDesigner = await world.designer();
    [a, b] = [await world.factory(), await world.factory()];
    ineligible = await world.factory({ payouts: false }); // approved and capable, but cannot be paid: never a candidate
    part = await world.analysedPart(designer);
    ({ jobLineId } = await world.paidJobLine(designer, part.partId));
    await world.sweep();
  }, 180_000);
  afterAll(() => world.stop());

  const request = (query: string, variables: Record<string, unknown>, who: SignedIn) => world.api.graphql.request(query, variables, who.accessToken);
  const gql = (query: string, variables: Record<string, unknown>, who: SignedIn) => world.gql(query, variables, who.accessToken);
  const messageCount = async () => (await world.env.db.query(`SELECT count(*)::int AS n FROM messages`))[0].n as number;
  const codeOf = async (query: string, variables: Record<string, unknown>, who: SignedIn) => (await request(query, variables, who)).errors?.[0].extensions?.code;

  it('eligible factories ask under stable aliases, the designer answers as "Designer", contact details are masked, nobody else gets in', async () => {
    // Before award there is no job-line thread, for anyone.
    expect(await codeOf(JOB_THREAD, { id: jobLineId }, designer)).toBe('NOT_FOUND');

    const seenByA = (await gql(QA, { id: jobLineId }, a)).sourcingQuestions;
    expect(seenByA).toMatchObject({ kind: 'pre_award_qa', jobLineId, canPost: true, youAppearAs: null, unreadCount: 0 });
    qaThreadId = seenByA.id;
    expect((await gql(QA, { id: jobLineId }, designer)).sourcingQuestions).toMatchObject({ id: qaThreadId, youAppearAs: 'Designer', canPost: true });

    // Not eligible, another designer organisation: the thread does not exist for them, by job or by id.
    for (const outsider of [ineligible, otherDesigner]) {
      expect(await codeOf(QA, { id: jobLineId }, outsider)).toBe('NOT_FOUND');
      expect(await codeOf(THREAD, { id: qaThreadId }, outsider)).toBe('NOT_FOUND');
      expect(await codeOf(POST, { threadId: qaThreadId, body: 'hello?' }, outsider)).toBe('NOT_FOUND');
      expect(await codeOf(READ, { threadId: qaThreadId }, outsider)).toBe('NOT_FOUND');
      expect((await gql(THREADS, {}, outsider)).messageThreads).toEqual([]);
    }
    expect(await messageCount()).toBe(0);

    const question = (await gql(POST, {
      threadId: qaThreadId,
      body: 'Is ISO 2768-m fine on the 12.5 x 40 mm face, ship by 2026-11-22? Call +49 30 12345678 or mail anna at shop dot de',
    }, a)).postMessage;
    expect(question).toMatchObject({
      __typename: 'Message',
      authorLabel: 'Factory A',
      fromYourOrganization: true,
      authorOrganizationId: null,
      contactDetailsRemoved: true,
      body: `Is ISO 2768-m fine on the 12.5 x 40 mm face, ship by 2026-11-22? Call ${PHONE_MASK} or mail ${EMAIL_MASK}`,
    });
    // The original text is kept nowhere.
    expect(await world.env.db.query(`SELECT id FROM messages WHERE body LIKE '%12345678%' OR body LIKE '%shop%'`)).toEqual([]);
    expect(await world.env.db.query(`SELECT details->>'phones' AS phones, details->>'emails' AS emails FROM audit_log WHERE action = 'message.contact_details_removed'`))
      .toEqual([{ phones: '1', emails: '1' }]);

    expect((await gql(POST, { threadId: qaThreadId, body: 'Which anodising colour?' }, b)).postMessage).toMatchObject({ authorLabel: 'Factory B', fromYourOrganization: true });
    expect((await gql(POST, { threadId: qaThreadId, body: 'And the thread depth?' }, a)).postMessage).toMatchObject({ authorLabel: 'Factory A' });
    expect((await gql(QA, { id: jobLineId }, a)).sourcingQuestions.youAppearAs).toBe('Factory A');
    expect((await gql(QA, { id: jobLineId }, b)).sourcingQuestions.youAppearAs).toBe('Factory B');

    // B reads A's questions as "Factory A", never A's organisation; its own as its own.
    const byB = (await gql(THREAD, { id: qaThreadId }, b)).messageThread;
    expect(byB.messages.edges.map((e: any) => [e.node.authorLabel, e.node.fromYourOrganization, e.node.authorOrganizationId])).toEqual([
      ['Factory A', false, null],
      ['Factory B', true, null],
      ['Factory A', false, null],
    ]);
    expect(JSON.stringify(byB)).not.toContain(a.organizationId);

    // The designer has three unread questions; answering one.
    expect((await gql(THREADS, {}, designer))).toMatchObject({ unreadMessageCount: 3, messageThreads: [{ id: qaThreadId, unreadCount: 3 }] });
    const answer = (await gql(POST, { threadId: qaThreadId, body: 'Yes, ISO 2768-m is fine. Clear anodising.', inReplyToId: question.id }, designer)).postMessage;
    expect(answer).toMatchObject({ __typename: 'Message', authorLabel: 'Designer', inReplyToId: question.id, contactDetailsRemoved: false });

    // Bad input: a typed error and nothing stored.
    const before = await messageCount();
    expect((await gql(POST, { threadId: qaThreadId, body: '   ' }, designer)).postMessage).toMatchObject({ __typename: 'InputValidationError', field: 'body' });
    expect((await gql(POST, { threadId: qaThreadId, body: 'x'.repeat(4001) }, a)).postMessage).toMatchObject({ __typename: 'InputValidationError', field: 'body' });
    expect((await gql(POST, { threadId: qaThreadId, body: 'ok', inReplyToId: '00000000-0000-4000-8000-000000000000' }, designer)).postMessage).toMatchObject({
      __typename: 'InputValidationError',
      field: 'inReplyToId',
    });
    expect(await messageCount()).toBe(before);

    // Operators read everything, with the real organisations, and do not post.
    const byOperator = (await gql(THREAD, { id: qaThreadId }, world.operator)).messageThread;
    expect(byOperator.youAppearAs).toBeNull();
    expect(byOperator.canPost).toBe(false);
    expect(byOperator.messages.edges.map((e: any) => e.node.authorOrganizationId)).toEqual([designer.organizationId, a.organizationId, b.organizationId, a.organizationId]);
    expect(await codeOf(POST, { threadId: qaThreadId, body: 'operator here' }, world.operator)).toBe('FORBIDDEN');
    expect(await messageCount()).toBe(before);

    // Relay pagination, newest first.
    const first = (await gql(THREAD, { id: qaThreadId, first: 3 }, b)).messageThread.messages;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await gql(THREAD, { id: qaThreadId, first: 3, after: first.pageInfo.endCursor }, b)).messageThread.messages;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...rest.edges].map((e: any) => e.node.id)).toEqual([answer.id, expect.any(String), expect.any(String), question.id]);

    // Unread per user (writing in a thread marks what was there read): B has A's second question and the
    // answer; reading clears them, for B only.
    expect((await gql(THREADS, {}, b)).unreadMessageCount).toBe(2);
    expect((await gql(READ, { threadId: qaThreadId }, b)).markMessageThreadRead.unreadCount).toBe(0);
    expect((await gql(THREADS, {}, b)).unreadMessageCount).toBe(0);
    expect((await gql(THREADS, {}, a)).unreadMessageCount).toBe(1);

    // The designer's answer reaches every factory that may read the Q&A; the questions reached the designer.
    const notified = async (who: SignedIn, subjectStatus: string) =>
      eventually(async () => {
        const edges = (await gql(NOTIFICATIONS, {}, who)).notifications.edges;
        return edges.find((e: any) => e.node.type === 'message.sourcing_qa' && e.node.subjectStatus === subjectStatus)?.node;
      }, 20_000, `message notification for ${who.email}`);
    for (const factory of [a, b]) expect(await notified(factory, answer.id)).toMatchObject({ subjectId: qaThreadId, path: `/messages/${qaThreadId}` });
    await notified(designer, question.id);
    const leaked = (await gql(NOTIFICATIONS, {}, ineligible)).notifications.edges.filter((e: any) => e.node.type.startsWith('message.'));
    expect(leaked).toEqual([]);
  }, 120_000);

  it('after award the Q&A closes and the designer and the awarded factory talk in the job line’s thread, which the loser never sees', async () => {
    const offer = (await world.openOffer(jobLineId))!;
    const winner = offer.factory_id === a.factoryId ? a : b;
    const loser = winner === a ? b : a;
    expect((await gql(ACCEPT, { id: offer.id }, winner)).acceptOffer).toMatchObject({ __typename: 'Award' });

    const before = await messageCount();
    expect((await gql(QA, { id: jobLineId }, loser)).sourcingQuestions.canPost).toBe(false);
    expect((await gql(POST, { threadId: qaThreadId, body: 'one more question' }, loser)).postMessage).toMatchObject({ __typename: 'MessageThreadClosedError', errorCode: 'MESSAGE_THREAD_CLOSED' });
    expect((await gql(POST, { threadId: qaThreadId, body: 'late answer' }, designer)).postMessage).toMatchObject({ __typename: 'MessageThreadClosedError' });
    expect(await messageCount()).toBe(before);

    const thread = (await gql(JOB_THREAD, { id: jobLineId }, designer)).jobLineThread;
    expect(thread).toMatchObject({ kind: 'job_line', jobLineId, youAppearAs: 'Designer', canPost: true, unreadCount: 0 });
    expect((await gql(JOB_THREAD, { id: jobLineId }, winner)).jobLineThread).toMatchObject({ id: thread.id, youAppearAs: 'Factory', canPost: true });
    for (const outsider of [loser, ineligible, otherDesigner]) {
      expect(await codeOf(JOB_THREAD, { id: jobLineId }, outsider)).toBe('NOT_FOUND');
      expect(await codeOf(THREAD, { id: thread.id }, outsider)).toBe('NOT_FOUND');
      expect(await codeOf(POST, { threadId: thread.id, body: 'let me in' }, outsider)).toBe('NOT_FOUND');
      expect((await gql(THREADS, { jobLineId }, outsider)).messageThreads.map((t: any) => t.id)).not.toContain(thread.id);
    }
    expect(await messageCount()).toBe(before);

    const fromDesigner = (await gql(POST, { threadId: thread.id, body: 'Please confirm the ship date. Reach me at anna.berg@aurora.example or 0176 1234567.' }, designer)).postMessage;
    expect(fromDesigner).toMatchObject({ authorLabel: 'Designer', body: `Please confirm the ship date. Reach me at ${EMAIL_MASK} or ${PHONE_MASK}.`, contactDetailsRemoved: true });
    const unreadBefore = (await gql(THREADS, {}, winner)).unreadMessageCount;
    expect((await gql(THREAD, { id: thread.id }, winner)).messageThread.unreadCount).toBe(1);
    const reply = (await gql(POST, { threadId: thread.id, body: 'Confirmed: PN 4471-2209-01 ships 22.11.2026.', inReplyToId: fromDesigner.id }, winner)).postMessage;
    expect(reply).toMatchObject({ authorLabel: 'Factory', body: 'Confirmed: PN 4471-2209-01 ships 22.11.2026.', contactDetailsRemoved: false });
    expect((await gql(THREAD, { id: thread.id }, designer)).messageThread).toMatchObject({ unreadCount: 1 });
    expect((await gql(THREADS, { jobLineId }, winner)).messageThreads.find((t: any) => t.id === thread.id).unreadCount).toBe(0);
    expect((await gql(THREADS, {}, winner)).unreadMessageCount).toBe(unreadBefore - 1);

    // Operators read it; the job line's threads are both listed for them and for the designer.
    const operatorView = (await gql(THREAD, { id: thread.id }, world.operator)).messageThread;
    expect(operatorView.messages.edges.map((e: any) => e.node.authorOrganizationId)).toEqual([winner.organizationId, designer.organizationId]);
    expect((await gql(THREADS, { jobLineId }, world.operator)).messageThreads.map((t: any) => t.kind).sort()).toEqual(['job_line', 'pre_award_qa']);
    expect((await gql(THREADS, { jobLineId }, designer)).messageThreads.map((t: any) => t.kind).sort()).toEqual(['job_line', 'pre_award_qa']);

    await eventually(async () => {
      const edges = (await gql(NOTIFICATIONS, {}, winner)).notifications.edges;
      return edges.find((e: any) => e.node.type === 'message.job_line' && e.node.subjectStatus === fromDesigner.id) ? true : undefined;
    }, 20_000, 'the factory to be told of the designer’s message');
    const loserHeard = (await gql(NOTIFICATIONS, {}, loser)).notifications.edges.filter((e: any) => e.node.type === 'message.job_line');
    expect(loserHeard).toEqual([]);
  }, 120_000);

  it('factories asking at the same moment each get one alias of their own, kept for every later question', async () => {
    const { jobLineId: line } = await world.paidJobLine(designer, part.partId);
    await world.sweep();
    const threadId = (await gql(QA, { id: line }, a)).sourcingQuestions.id;
    const posts = await Promise.all(
      [a, b, a, b, a, b].map((who, i) => gql(POST, { threadId, body: `question ${i}` }, who).then((data) => ({ who, message: data.postMessage }))),
    );
    const labelsOf = (who: SignedIn) => new Set(posts.filter((p) => p.who === who).map((p) => p.message.authorLabel));
    expect(labelsOf(a).size).toBe(1);
    expect(labelsOf(b).size).toBe(1);
    expect([...labelsOf(a), ...labelsOf(b)].sort()).toEqual(['Factory A', 'Factory B']);
    expect(await world.env.db.query(`SELECT count(*)::int AS n FROM message_thread_aliases WHERE thread_id = $1`, [threadId])).toEqual([{ n: 2 }]);
    const seen = (await gql(THREAD, { id: threadId, first: 10 }, designer)).messageThread.messages.edges.map((e: any) => e.node.authorLabel);
    expect(seen).toHaveLength(6);
    expect(new Set(seen)).toEqual(new Set(['Factory A', 'Factory B']));
  }, 120_000);
});
