import type { INestApplicationContext } from '@nestjs/common';
import { given, givenOperator, ME, type SignedIn } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';
import {
  ADD_CERTIFICATE,
  ADD_MACHINE,
  APPLY,
  APPROVE,
  approvedFactory,
  certificate,
  ERR,
  machine,
  PDF,
  profile,
  SEARCH,
  START_REVIEW,
  uploadDocument,
  VERIFY,
} from './factory-support';

const QUEUE = `query Q { factories(statuses: [applied, under_review], first: 50) { totalCount edges { node { id legalName status } } } }`;
const MY_FACTORY = `query { myFactory { id status statusReason machines { id model } certificates { id kind status decisionNote document { fileName sha256 sizeBytes downloadPath } } } }`;
const SUSPEND = `mutation S($id: ID!, $reason: String!) { suspendFactory(factoryId: $id, reason: $reason) { __typename ... on Factory { status statusReason } ${ERR} } }`;
const REINSTATE = `mutation R($id: ID!) { reinstateFactory(factoryId: $id, note: "fixed") { status } }`;
const REJECT = `mutation R($id: ID!, $reason: String!) { rejectFactory(factoryId: $id, reason: $reason) { __typename ... on Factory { status statusReason } ${ERR} } }`;
const REJECT_CERT = `mutation R($id: ID!, $note: String!) { rejectCertificate(id: $id, note: $note) { __typename ... on Certificate { status decisionNote } ${ERR} } }`;
const AUDIT = `query A($subjectId: String) { auditLog(subjectId: $subjectId, first: 50) { edges { node { action actorRole actorUserId subjectType details } } } }`;

describe('factory onboarding and vetting', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext;
  let operator: SignedIn;

  beforeAll(async () => {
    env = await createTestEnvironment({ CERTIFICATE_SWEEP_CRON: 'off' });
    api = await bootApi(env.config);
    worker = await bootWorker(env.config);
    operator = await givenOperator(env.db, api.graphql);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  it('takes a factory from application through review to approval, with its certificate verified', async () => {
    const admin = await given.factory(api.graphql);
    const applied = (await api.graphql.data(APPLY, { input: profile() }, admin.accessToken)).applyAsFactory;
    expect(applied).toMatchObject({ __typename: 'Factory', status: 'applied', country: 'DE', probation: { onProbation: true, jobsRequired: 5, currency: 'EUR' } });
    const again = (await api.graphql.data(APPLY, { input: profile() }, admin.accessToken)).applyAsFactory;
    expect(again.__typename).toBe('FactoryAlreadyExistsError');

    const queue = (await api.graphql.data(QUEUE, {}, operator.accessToken)).factories;
    expect(queue.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(applied.id);

    expect((await api.graphql.data(START_REVIEW, { id: applied.id }, operator.accessToken)).startFactoryReview.status).toBe('under_review');
    const incomplete = (await api.graphql.data(APPROVE, { id: applied.id }, operator.accessToken)).approveFactory;
    expect(incomplete).toMatchObject({ __typename: 'ApplicationIncompleteError', errorCode: 'APPLICATION_INCOMPLETE' });

    const wrongProcess = (await api.graphql.data(ADD_MACHINE, { input: machine({ process: 'sls' }) }, admin.accessToken)).addMachine;
    expect(wrongProcess).toMatchObject({ __typename: 'InputValidationError', field: 'process' });
    expect((await api.graphql.data(ADD_MACHINE, { input: machine() }, admin.accessToken)).addMachine.__typename).toBe('Machine');

    const cert = (await api.graphql.data(ADD_CERTIFICATE, { input: certificate() }, admin.accessToken)).addCertificate;
    expect(cert).toMatchObject({ __typename: 'Certificate', status: 'pending' });
    const early = (await api.graphql.data(VERIFY, { id: cert.id }, operator.accessToken)).verifyCertificate;
    expect(early.__typename).toBe('CertificateDocumentMissingError');

    const notPdf = await uploadDocument(api, cert.id, admin.accessToken, Buffer.from('just text'), 'cert.txt');
    expect(notPdf).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    const anonymous = await uploadDocument(api, cert.id, undefined);
    expect(anonymous.status).toBe(401);
    const upload = await uploadDocument(api, cert.id, admin.accessToken);
    expect(upload).toMatchObject({ status: 201, body: { status: 'pending', document: { fileName: 'iso9001.pdf', sizeBytes: PDF.length } } });

    const download = await fetch(`${api.url}${upload.body.document.downloadPath}`, { headers: { authorization: `Bearer ${operator.accessToken}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const verified = (await api.graphql.data(VERIFY, { id: cert.id }, operator.accessToken)).verifyCertificate;
    expect(verified).toMatchObject({ __typename: 'Certificate', status: 'verified', decisionNote: 'checked with the registrar' });
    expect((await api.graphql.data(APPROVE, { id: applied.id }, operator.accessToken)).approveFactory).toMatchObject({ __typename: 'Factory', status: 'approved' });

    const mine = (await api.graphql.data(MY_FACTORY, {}, admin.accessToken)).myFactory;
    expect(mine).toMatchObject({ status: 'approved', machines: [{ model: 'DMU 50' }], certificates: [{ kind: 'iso_9001', status: 'verified' }] });

    const audit = (await api.graphql.data(AUDIT, { subjectId: applied.id }, operator.accessToken)).auditLog.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(audit).toEqual(['factory.approved', 'factory.review_started', 'factory.applied']);
    const certAudit = (await api.graphql.data(AUDIT, { subjectId: cert.id }, operator.accessToken)).auditLog.edges.map((e: { node: { action: string; actorUserId: string } }) => e.node);
    expect(certAudit.map((e: { action: string }) => e.action)).toEqual(['certificate.verified', 'certificate.document_uploaded']);
    expect(certAudit[0].actorUserId).toBe(operator.userId);
  });

  it('rejects an application with a reason; the factory corrects it and applies again', async () => {
    const admin = await given.factory(api.graphql);
    const applied = (await api.graphql.data(APPLY, { input: profile() }, admin.accessToken)).applyAsFactory;
    await api.graphql.data(START_REVIEW, { id: applied.id }, operator.accessToken);
    expect((await api.graphql.data(REJECT, { id: applied.id, reason: ' ' }, operator.accessToken)).rejectFactory.__typename).toBe('InputValidationError');
    const rejected = (await api.graphql.data(REJECT, { id: applied.id, reason: 'Address could not be confirmed' }, operator.accessToken)).rejectFactory;
    expect(rejected).toEqual({ __typename: 'Factory', status: 'rejected', statusReason: 'Address could not be confirmed' });
    const reapplied = (await api.graphql.data(APPLY, { input: profile({ legalName: 'Testwerk Präzision GmbH & Co. KG' }) }, admin.accessToken)).applyAsFactory;
    expect(reapplied).toMatchObject({ __typename: 'Factory', id: applied.id, status: 'applied', statusReason: null });
    const skipped = await api.graphql.request(APPROVE, { id: applied.id }, operator.accessToken);
    expect(skipped.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('validates a profile field by field, naming the fix', async () => {
    const admin = await given.factory(api.graphql);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ processes: ['cnc_milling_3axis', 'laser_unicorn'] }, 'processes', /Unknown processes code "laser_unicorn"/],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', /IANA time zone/],
      [{ workingCalendar: { shifts: [{ weekdays: [8], start: '06:00', end: '14:00' }], holidays: [] } }, 'workingCalendar.shifts[0]', /ISO weekdays/],
      [{ address: { ...profile().address, country: 'Germany' } }, 'address.country', /alpha-2/],
    ];
    for (const [overrides, field, message] of cases) {
      const result = (await api.graphql.data(APPLY, { input: profile(overrides) }, admin.accessToken)).applyAsFactory;
      expect(result).toMatchObject({ __typename: 'InputValidationError', field });
      expect(result.message).toMatch(message);
    }
    expect((await api.graphql.data(MY_FACTORY, {}, admin.accessToken)).myFactory).toBeNull();
  });

  it('rejects a certificate with a note; a new document sends it back for review', async () => {
    const admin = await given.factory(api.graphql);
    await api.graphql.data(APPLY, { input: profile() }, admin.accessToken);
    const cert = (await api.graphql.data(ADD_CERTIFICATE, { input: certificate({ kind: 'as9100d' }) }, admin.accessToken)).addCertificate;
    await uploadDocument(api, cert.id, admin.accessToken);
    const rejected = (await api.graphql.data(REJECT_CERT, { id: cert.id, note: 'Scope does not cover 5-axis machining' }, operator.accessToken)).rejectCertificate;
    expect(rejected).toEqual({ __typename: 'Certificate', status: 'rejected', decisionNote: 'Scope does not cover 5-axis machining' });
    expect((await uploadDocument(api, cert.id, admin.accessToken)).body.status).toBe('pending');
  });

  it('finds factories by capability and certificates; suspension signs the factory out and removes it from eligibility at once', async () => {
    const admin = await given.factory(api.graphql);
    const { factoryId, organizationId } = await approvedFactory(api, admin.accessToken, operator.accessToken, { profile: { legalName: 'Eligible Fräserei' } });
    const criteria = { process: 'cnc_milling_5axis', material: 'aluminum_6061', certificates: ['iso_9001'], on: '2029-06-01', partBox: { xMm: 500, yMm: 600, zMm: 100 }, toleranceMm: 0.05 };
    const found = async (extra: Record<string, unknown> = {}) =>
      (await api.graphql.data(SEARCH, { criteria: { ...criteria, ...extra } }, operator.accessToken)).searchFactories.map((r: { factory: { id: string } }) => r.factory.id);

    expect(await found()).toContain(factoryId);
    expect(await found({ partBox: { xMm: 700, yMm: 100, zMm: 100 } })).not.toContain(factoryId); // longer than the longest axis
    expect(await found({ toleranceMm: 0.005 })).not.toContain(factoryId);
    expect(await found({ certificates: ['as9100d'] })).not.toContain(factoryId);
    expect(await found({ on: '2030-01-11' })).not.toContain(factoryId); // past the certificate's last day
    expect(await found({ material: 'titanium_ti6al4v' })).not.toContain(factoryId);
    expect(await found({ jobValueMinor: 10_000_000 })).not.toContain(factoryId); // over the probation cap
    const bad = await api.graphql.request(SEARCH, { criteria: { process: 'teleportation' } }, operator.accessToken);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const suspended = (await api.graphql.data(SUSPEND, { id: factoryId, reason: 'Inspection reports did not match the parts' }, operator.accessToken)).suspendFactory;
    expect(suspended).toEqual({ __typename: 'Factory', status: 'suspended', statusReason: 'Inspection reports did not match the parts' });
    expect((await api.graphql.request(ME, {}, admin.accessToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await found()).not.toContain(factoryId);
    const [mail] = await eventually(async () => {
      const rows = await env.db.query(`SELECT subject, body FROM sent_emails WHERE to_address = $1 AND subject LIKE '%suspended%'`, [admin.email]);
      return rows.length ? rows : undefined;
    });
    expect(mail.body).toContain('Inspection reports did not match the parts');
    const actions = (await env.db.query(`SELECT action FROM audit_log WHERE subject_organization_id = $1 ORDER BY created_at`, [organizationId])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['factory.suspended', 'organization.suspended']));

    expect((await api.graphql.data(REINSTATE, { id: factoryId }, operator.accessToken)).reinstateFactory.status).toBe('approved');
    expect(await found()).toContain(factoryId);
  });
});
