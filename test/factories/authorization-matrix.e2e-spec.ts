import type { INestApplicationContext } from '@nestjs/common';
import { AuditTrail, RequestContext } from '@partsmith/platform';
import { DataSource } from 'typeorm';
import { CertificateResolver } from '../../libs/factories/src/certificate.resolver';
import { FactoryResolver } from '../../libs/factories/src/factory.resolver';
import { AuditLogResolver } from '../../libs/moderation/src/audit-log.resolver';
import { given, givenOperator, LOGIN } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, type RunningApi, type TestEnvironment } from '../support/harness';
import { approvedFactory, certificate, machine, PDF, profile, recordScoreEvent, uploadDocument } from './factory-support';

type Role = 'designer' | 'otherFactory' | 'ownAdmin' | 'ownMember' | 'operator' | 'anonymous';
const ROLES: Role[] = ['anonymous', 'designer', 'otherFactory', 'ownMember', 'ownAdmin', 'operator'];

interface Fixture {
  factoryId: string;
  machineId: string;
  spareMachineId: string;
  certificateId: string;
  secondCertificateId: string;
  scoreEventId: string;
  appealId: string;
  vettedFactoryId: string;
  partId: string;
}

interface Operation {
  name: string;
  allowed: Role[];
  /** GraphQL (query + variables), or a REST call answering an HTTP status. */
  graphql?: (f: Fixture) => [string, Record<string, unknown>];
  rest?: (f: Fixture, token: string | undefined) => Promise<number>;
}

const SECRET_MAKE = 'Hermle-own-secret';
const PRIVATE = `id legalName address { line1 } machines { make hourlyRateMinor } certificates { number document { sha256 } } scorecard { score } scoreEvents(first: 5) { totalCount } probation { maxJobValueMinor }`;
const E = '__typename ... on ErrorResult { errorCode }';

/** Every query and mutation of the factories and moderation contexts, and who may use it. */
const OPERATIONS: Operation[] = [
  { name: 'factoryCapabilityCodes', allowed: ROLES, graphql: () => [`{ factoryCapabilityCodes { processes } }`, {}] },
  { name: 'myFactory', allowed: ['otherFactory', 'ownMember', 'ownAdmin'], graphql: () => [`{ myFactory { ${PRIVATE} } }`, {}] },
  { name: 'factory', allowed: ['ownMember', 'ownAdmin', 'operator'], graphql: (f) => [`query Q($id: ID!) { factory(id: $id) { ${PRIVATE} } }`, { id: f.factoryId }] },
  { name: 'factories', allowed: ['operator'], graphql: () => [`{ factories(first: 5) { totalCount } }`, {}] },
  { name: 'searchFactories', allowed: ['operator'], graphql: () => [`{ searchFactories(criteria: { process: "cnc_milling_5axis" }) { score } }`, {}] },
  { name: 'moderationCounts', allowed: ['operator'], graphql: () => [`{ moderationCounts { factoriesAwaitingReview } }`, {}] },
  { name: 'certificatesAwaitingReview', allowed: ['operator'], graphql: () => [`{ certificatesAwaitingReview(first: 5) { totalCount } }`, {}] },
  { name: 'scoreAppeals', allowed: ['otherFactory', 'ownMember', 'ownAdmin', 'operator'], graphql: () => [`{ scoreAppeals(first: 5) { edges { node { id factoryId reason } } } }`, {}] },
  { name: 'auditLog', allowed: ['operator'], graphql: () => [`{ auditLog(first: 5) { totalCount } }`, {}] },
  { name: 'partAccessLog', allowed: ['designer', 'operator'], graphql: (f) => [`query Q($id: ID!) { partAccessLog(partId: $id, first: 5) { totalCount } }`, { id: f.partId }] },

  { name: 'applyAsFactory', allowed: ['otherFactory', 'ownAdmin'], graphql: () => [`mutation M($i: FactoryProfileInput!) { applyAsFactory(input: $i) { ${E} } }`, { i: profile() }] },
  { name: 'updateFactoryProfile', allowed: ['otherFactory', 'ownAdmin'], graphql: () => [`mutation M($i: FactoryProfileInput!) { updateFactoryProfile(input: $i) { ${E} } }`, { i: profile({ legalName: 'Renamed' }) }] },
  { name: 'addMachine', allowed: ['otherFactory', 'ownAdmin'], graphql: () => [`mutation M($i: MachineInput!) { addMachine(input: $i) { ${E} } }`, { i: machine() }] },
  { name: 'updateMachine', allowed: ['ownAdmin'], graphql: (f) => [`mutation M($id: ID!, $i: MachineInput!) { updateMachine(id: $id, input: $i) { ${E} } }`, { id: f.machineId, i: machine({ make: SECRET_MAKE, count: 3 }) }] },
  { name: 'removeMachine', allowed: ['ownAdmin'], graphql: (f) => [`mutation M($id: ID!) { removeMachine(id: $id) }`, { id: f.spareMachineId }] },
  { name: 'addCertificate', allowed: ['otherFactory', 'ownAdmin'], graphql: () => [`mutation M($i: CertificateInput!) { addCertificate(input: $i) { ${E} } }`, { i: certificate() }] },
  { name: 'verifyCertificate', allowed: ['operator'], graphql: (f) => [`mutation M($id: ID!) { verifyCertificate(id: $id) { ${E} } }`, { id: f.certificateId }] },
  { name: 'rejectCertificate', allowed: ['operator'], graphql: (f) => [`mutation M($id: ID!) { rejectCertificate(id: $id, note: "blurred scan") { ${E} } }`, { id: f.secondCertificateId }] },
  { name: 'startFactoryReview', allowed: ['operator'], graphql: (f) => [`mutation M($id: ID!) { startFactoryReview(factoryId: $id) { status } }`, { id: f.vettedFactoryId }] },
  { name: 'approveFactory', allowed: ['operator'], graphql: (f) => [`mutation M($id: ID!) { approveFactory(factoryId: $id) { ${E} } }`, { id: f.vettedFactoryId }] },
  { name: 'rejectFactory', allowed: ['operator'], graphql: (f) => [`mutation M($id: ID!) { rejectFactory(factoryId: $id, reason: "no") { ${E} } }`, { id: f.vettedFactoryId }] },
  { name: 'setFactoryProbation', allowed: ['operator'], graphql: (f) => [
    `mutation M($id: ID!, $i: ProbationInput!) { setFactoryProbation(factoryId: $id, input: $i) { ${E} } }`,
    { id: f.vettedFactoryId, i: { onProbation: true, jobsRequired: 2, maxJobValueMinor: 50_000, currency: 'EUR', maxOpenJobs: 1 } },
  ] },
  { name: 'suspendFactory', allowed: ['operator'], graphql: (f) => [`mutation M($id: ID!) { suspendFactory(factoryId: $id, reason: "test") { ${E} } }`, { id: f.vettedFactoryId }] },
  { name: 'reinstateFactory', allowed: ['operator'], graphql: (f) => [`mutation M($id: ID!) { reinstateFactory(factoryId: $id) { status } }`, { id: f.vettedFactoryId }] },
  { name: 'appealScoreEvent', allowed: ['ownAdmin'], graphql: (f) => [`mutation M($id: ID!) { appealScoreEvent(scoreEventId: $id, reason: "unfair") { ${E} } }`, { id: f.scoreEventId }] },
  { name: 'decideScoreAppeal', allowed: ['operator'], graphql: (f) => [`mutation M($i: DecideScoreAppealInput!) { decideScoreAppeal(input: $i) { status } }`, { i: { appealId: f.appealId, uphold: false, note: 'stands' } }] },

  { name: 'POST /factories/certificates/:id/document', allowed: ['ownAdmin'], rest: async (f, token) => (await uploadDocument(api, f.secondCertificateId, token, PDF)).status },
  {
    name: 'GET /factories/certificates/:id/document',
    allowed: ['ownMember', 'ownAdmin', 'operator'],
    rest: async (f, token) => {
      const response = await fetch(`${api.url}/factories/certificates/${f.certificateId}/document`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      await response.arrayBuffer();
      return response.status;
    },
  },
];

let api: RunningApi;

describe('authorization matrix: factories and moderation', () => {
  let env: TestEnvironment;
  let worker: INestApplicationContext;
  const tokens = {} as Record<Role, string | undefined>;
  let fixture: Fixture;

  async function fingerprint(): Promise<string> {
    const [row] = await env.db.query(
      `SELECT md5(coalesce(string_agg(t, ',' ORDER BY t), '')) AS print FROM (
         SELECT row_to_json(x)::text AS t FROM factories x UNION ALL SELECT row_to_json(x)::text FROM factory_machines x
         UNION ALL SELECT row_to_json(x)::text FROM factory_certificates x UNION ALL SELECT row_to_json(x)::text FROM factory_score_appeals x
         UNION ALL SELECT row_to_json(x)::text FROM factory_score_events x UNION ALL SELECT row_to_json(x)::text FROM audit_log x
         UNION ALL SELECT row_to_json(x)::text FROM organizations x) s`,
    );
    return row.print;
  }

  beforeAll(async () => {
    env = await createTestEnvironment({ CERTIFICATE_SWEEP_CRON: 'off' });
    api = await bootApi(env.config);
    worker = await bootWorker(env.config);
    const operator = await givenOperator(env.db, api.graphql);
    const designer = await given.designer(api.graphql);
    const own = await given.factory(api.graphql);
    const other = await given.factory(api.graphql);
    const vetted = await given.factory(api.graphql);

    const mine = await approvedFactory(api, own.accessToken, operator.accessToken, { machine: { make: SECRET_MAKE } });
    await approvedFactory(api, other.accessToken, operator.accessToken);
    const vettedFactory = await approvedFactory(api, vetted.accessToken, operator.accessToken, { certificate: null });
    const spare = (await api.graphql.data(`mutation M($i: MachineInput!) { addMachine(input: $i) { ... on Machine { id } } }`, { i: machine() }, own.accessToken)).addMachine;
    const second = (await api.graphql.data(`mutation M($i: CertificateInput!) { addCertificate(input: $i) { ... on Certificate { id } } }`, { i: certificate({ kind: 'iso_14001' }) }, own.accessToken)).addCertificate;
    await uploadDocument(api, second.id, own.accessToken);
    const third = (await api.graphql.data(`mutation M($i: CertificateInput!) { addCertificate(input: $i) { ... on Certificate { id } } }`, { i: certificate({ kind: 'iatf_16949' }) }, own.accessToken)).addCertificate;
    await uploadDocument(api, third.id, own.accessToken);
    await recordScoreEvent(api, { factoryId: mine.factoryId, kind: 'delivery_late', sourceRef: 'matrix-1' });
    await recordScoreEvent(api, { factoryId: mine.factoryId, kind: 'disputed', sourceRef: 'matrix-1' });
    const [late, disputed] = await env.db.query(`SELECT id FROM factory_score_events WHERE factory_id = $1 ORDER BY kind DESC`, [mine.factoryId]);
    const appeal = (await api.graphql.data(`mutation M($id: ID!) { appealScoreEvent(scoreEventId: $id, reason: "carrier") { ... on ScoreAppeal { id } } }`, { id: disputed.id }, own.accessToken)).appealScoreEvent;

    const partId = '0b7f3f8e-5a0e-4d8e-b3c4-8d0a5f4e2a11';
    await api.app.get(AuditTrail).recordCadAccess(RequestContext.system(api.app.get(DataSource)), { partId, ownerOrganizationId: designer.organizationId, previewLevel: 'full' });

    // a factory_member of the same factory
    const argon2 = await import('argon2');
    const hash = await argon2.hash('member password 123', { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const [user] = await env.db.query(`INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'Member', $2) RETURNING id`, [`member-${Date.now()}@example.test`, hash]);
    await env.db.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'factory_member')`, [user.id, own.organizationId]);
    const [{ email }] = await env.db.query(`SELECT email FROM users WHERE id = $1`, [user.id]);
    const member = (await api.graphql.data(LOGIN, { input: { email, password: 'member password 123' } })).login;

    Object.assign(tokens, {
      anonymous: undefined,
      designer: designer.accessToken,
      otherFactory: other.accessToken,
      ownMember: member.accessToken,
      ownAdmin: own.accessToken,
      operator: operator.accessToken,
    });
    fixture = {
      factoryId: mine.factoryId,
      machineId: mine.machineId,
      spareMachineId: spare.id,
      certificateId: mine.certificateId!,
      secondCertificateId: third.id,
      scoreEventId: late.id,
      appealId: appeal.id,
      vettedFactoryId: vettedFactory.factoryId,
      partId,
    };
    expect(second.id).toBeDefined();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  it('covers every query and mutation of the two contexts', () => {
    const resolvers = [FactoryResolver, CertificateResolver, AuditLogResolver];
    const rootFields = resolvers.flatMap((resolver) =>
      Object.getOwnPropertyNames(resolver.prototype)
        .map((method) => (resolver.prototype as unknown as Record<string, unknown>)[method])
        .filter((fn) => ['Query', 'Mutation'].includes(Reflect.getMetadata('graphql:resolver_type', fn as object)))
        .map((fn) => Reflect.getMetadata('graphql:resolver_name', fn as object) as string),
    );
    expect(rootFields.length).toBeGreaterThan(20);
    const covered = new Set(OPERATIONS.map((op) => op.name));
    expect(rootFields.filter((name) => !covered.has(name))).toEqual([]);
  });

  describe.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, operation) => {
    it(`is allowed for ${operation.allowed.join(', ')} only, and denied calls change nothing`, async () => {
      // denied roles first, so the allowed call's changes cannot mask a denied one's
      const order = [...ROLES.filter((role) => !operation.allowed.includes(role)), ...ROLES.filter((role) => operation.allowed.includes(role))];
      const before = await fingerprint();
      let deniedSoFar = true;
      for (const role of order) {
        const token = tokens[role];
        const allowed = operation.allowed.includes(role);
        if (allowed && deniedSoFar) expect({ afterDeniedCalls: await fingerprint() }).toEqual({ afterDeniedCalls: before });
        deniedSoFar &&= !allowed;
        if (operation.rest) {
          const status = await operation.rest(fixture, token);
          expect({ role, status }).toEqual({ role, status: allowed ? expect.any(Number) : role === 'anonymous' ? 401 : 403 });
          if (allowed) expect(status).toBeLessThan(300);
          continue;
        }
        const [query, variables] = operation.graphql!(fixture);
        const result = await api.graphql.request(query, variables, token);
        const code = result.errors?.[0]?.extensions?.code;
        // allowed: no error at all, or a lifecycle refusal (the table calls vetting mutations in a row on one factory)
        if (allowed) expect({ role, code: code === 'ILLEGAL_TRANSITION' ? undefined : code }).toEqual({ role, code: undefined });
        else expect({ role, code, data: Object.values(result.data ?? {}).some((value) => value !== null) ? result.data : null }).toEqual({ role, code: role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN', data: null });
        if (role !== 'ownAdmin' && role !== 'ownMember' && role !== 'operator') {
          const text = JSON.stringify(result.data ?? {});
          expect({ role, leaksOwnFactory: text.includes(fixture.factoryId) || text.includes(SECRET_MAKE) }).toEqual({ role, leaksOwnFactory: false });
        }
      }
      if (deniedSoFar) expect(await fingerprint()).toBe(before);
    });
  });
});
