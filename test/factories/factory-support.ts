import { postFile } from '../parts/upload-client';
import { RequestContext } from '@partsmith/platform';
import { ScorecardService, type ScoreEventInput } from '@partsmith/factories';
import { DataSource } from 'typeorm';
import type { RunningApi } from '../support/harness';

export const ERR = '... on ErrorResult { errorCode message } ... on InputValidationError { field }';
export const FACTORY_FIELDS = `id organizationId status statusReason legalName country timeZone languages processes materials finishes
  address { city region country latitude longitude }
  probation { onProbation jobsRequired maxJobValueMinor currency maxOpenJobs }
  exportControl { itarRegistered servesCountries }`;

export const APPLY = `mutation Apply($input: FactoryProfileInput!) { applyAsFactory(input: $input) { __typename ... on Factory { ${FACTORY_FIELDS} } ${ERR} } }`;
export const ADD_MACHINE = `mutation M($input: MachineInput!) { addMachine(input: $input) { __typename ... on Machine { id process envelopeXMm } ${ERR} } }`;
export const ADD_CERTIFICATE = `mutation C($input: CertificateInput!) { addCertificate(input: $input) { __typename ... on Certificate { id status validUntil } ${ERR} } }`;
export const START_REVIEW = `mutation S($id: ID!) { startFactoryReview(factoryId: $id) { id status } }`;
export const APPROVE = `mutation A($id: ID!) { approveFactory(factoryId: $id, note: "looks good") { __typename ... on Factory { id status } ... on ErrorResult { errorCode message } } }`;
export const VERIFY = `mutation V($id: ID!) { verifyCertificate(id: $id, note: "checked with the registrar") { __typename ... on Certificate { id status decisionNote } ${ERR} } }`;
export const SEARCH = `query Search($criteria: EligibilityCriteriaInput!) { searchFactories(criteria: $criteria) { score factory { id legalName } } }`;

export function profile(overrides: Record<string, unknown> = {}) {
  return {
    legalName: 'Testwerk Präzision GmbH',
    address: { line1: 'Industriestraße 12', city: 'Stuttgart', postalCode: '70565', region: 'Baden-Württemberg', country: 'DE', latitude: 48.7258, longitude: 9.1164 },
    timeZone: 'Europe/Berlin',
    languages: ['de', 'en'],
    processes: ['cnc_milling_3axis', 'cnc_milling_5axis'],
    materials: ['aluminum_6061', 'stainless_304'],
    finishes: ['as_machined', 'anodize_type_ii'],
    workingCalendar: { shifts: [{ weekdays: [1, 2, 3, 4, 5], start: '06:00', end: '14:00' }], holidays: [{ date: '2026-12-25', name: 'Weihnachten' }] },
    exportControl: { itarRegistered: false, servesCountries: null },
    ...overrides,
  };
}

export const machine = (overrides: Record<string, unknown> = {}) => ({
  process: 'cnc_milling_5axis',
  make: 'DMG Mori',
  model: 'DMU 50',
  envelopeXMm: 650,
  envelopeYMm: 520,
  envelopeZMm: 475,
  maxPartMassKg: 300,
  toleranceMm: 0.01,
  hourlyRateMinor: 9500,
  currency: 'EUR',
  count: 2,
  ...overrides,
});

export const certificate = (overrides: Record<string, unknown> = {}) => ({
  kind: 'iso_9001',
  number: `Q-${Math.random().toString(36).slice(2, 8)}`,
  issuer: 'TÜV SÜD',
  scope: 'Machining of metal components',
  validFrom: '2025-01-01',
  validUntil: '2030-01-10',
  ...overrides,
});

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export async function uploadDocument(api: RunningApi, certificateId: string, token: string | undefined, body: Buffer = PDF, name = 'iso9001.pdf') {
  return postFile(`${api.url}/factories/certificates/${certificateId}/document`, token, name, body) as Promise<{ status: number; body: Record<string, any> }>;
}

async function ok<T = any>(api: RunningApi, query: string, variables: Record<string, unknown>, token: string, field: string, typename: string): Promise<T> {
  const data = await api.graphql.data(query, variables, token);
  if (data[field].__typename && data[field].__typename !== typename) throw new Error(`${field} returned ${JSON.stringify(data[field])}`);
  return data[field];
}

/** A factory that applied, was reviewed and approved, with a machine and a verified certificate. */
export async function approvedFactory(
  api: RunningApi,
  adminToken: string,
  operatorToken: string,
  options: { profile?: Record<string, unknown>; machine?: Record<string, unknown>; certificate?: Record<string, unknown> | null } = {},
) {
  const factory = await ok(api, APPLY, { input: profile(options.profile) }, adminToken, 'applyAsFactory', 'Factory');
  const added = await ok(api, ADD_MACHINE, { input: machine(options.machine) }, adminToken, 'addMachine', 'Machine');
  let certificateId: string | undefined;
  if (options.certificate !== null) {
    const cert = await ok(api, ADD_CERTIFICATE, { input: certificate(options.certificate ?? {}) }, adminToken, 'addCertificate', 'Certificate');
    certificateId = cert.id;
    const upload = await uploadDocument(api, cert.id, adminToken);
    if (upload.status !== 201) throw new Error(`upload failed: ${JSON.stringify(upload.body)}`);
    await ok(api, VERIFY, { id: cert.id }, operatorToken, 'verifyCertificate', 'Certificate');
  }
  await api.graphql.data(START_REVIEW, { id: factory.id }, operatorToken);
  await ok(api, APPROVE, { id: factory.id }, operatorToken, 'approveFactory', 'Factory');
  return { factoryId: factory.id as string, organizationId: factory.organizationId as string, machineId: added.id as string, certificateId };
}

/** What the orders / production / sourcing contexts will call: the scorecard facade, as the system. */
export function recordScoreEvent(api: RunningApi, input: ScoreEventInput) {
  return api.app.get(ScorecardService).recordEvent(RequestContext.system(api.app.get(DataSource)), input);
}
