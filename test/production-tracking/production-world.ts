import type { EnvironmentSource } from '@partsmith/platform';
import { PDF } from '../factories/factory-support';
import { postFile } from '../parts/upload-client';
import { ACCEPT, SourcingWorld, type ReadyFactory } from '../sourcing/sourcing-world';
import type { SignedIn } from '../support/given';
import { eventually } from '../support/harness';

export const ERR = '... on ErrorResult { __typename errorCode message }';
export const FILE_FIELDS = 'id jobLineId purpose inspectionKind milestoneId disputeId uploaderSide fileName contentType sizeBytes sha256 downloadPath';
export const DISPUTE_FIELDS = `id jobLineId reason measurements { feature nominalMm measuredMm toleranceMm } factoryResponse respondedAt resolution decision factoryPercent refundMinor factoryPayoutMinor decidedAt evidence { ${FILE_FIELDS} }`;
export const PROGRESS_FIELDS = `jobLineId orderId status inspectionLevel requiredInspectionReport acceptBy factoryId
  milestones { id kind photos { ${FILE_FIELDS} } } shipment { carrier trackingNumber deliveredAt }
  dispute { ${DISPUTE_FIELDS} } cancellation { reason compensationMinor refundMinor currency }`;
export const PROGRESS = `query P($id: ID!) { jobLineProgress(jobLineId: $id) { ${PROGRESS_FIELDS} files { ${FILE_FIELDS} } } }`;
export const MILESTONE = `mutation M($id: ID!, $kind: MilestoneKind!) { postMilestone(jobLineId: $id, kind: $kind) { __typename ... on JobLineMilestone { id kind } ${ERR} } }`;
export const SHIP = `mutation S($id: ID!) { shipJobLine(jobLineId: $id, carrier: "DHL Express", trackingNumber: "JD014600003828") { __typename ... on JobLineProgress { status } ${ERR} } }`;
export const DELIVERED = `mutation D($id: ID!) { markDelivered(jobLineId: $id) { __typename ... on JobLineProgress { status acceptBy } ${ERR} } }`;
export const ACCEPT_DELIVERY = `mutation A($id: ID!) { acceptDelivery(jobLineId: $id) { __typename ... on JobLineProgress { status } ${ERR} } }`;
export const DISPUTE = `mutation D($id: ID!, $reason: String!, $measurements: [DisputeMeasurementInput!]) {
  openDispute(jobLineId: $id, reason: $reason, measurements: $measurements) { __typename ... on JobLineProgress { status dispute { ${DISPUTE_FIELDS} } } ${ERR} ... on InputValidationError { field } } }`;
export const RESPOND = `mutation R($id: ID!, $response: String!) { respondToDispute(disputeId: $id, response: $response) { __typename ... on JobLineDispute { ${DISPUTE_FIELDS} } ${ERR} } }`;
export const RESOLVE = `mutation R($input: ResolveJobLineDisputeInput!) { resolveJobLineDispute(input: $input) { __typename ... on JobLineDispute { ${DISPUTE_FIELDS} } ${ERR} ... on InputValidationError { field } } }`;
export const CANCEL_LINE = `mutation C($input: CancelJobLineInput!) { cancelJobLine(input: $input) { __typename ... on JobLineCancellation { jobLineId reason compensationMinor refundMinor currency } ${ERR} ... on InputValidationError { field } } }`;

/** The smallest PNG and JPEG headers the content check recognises (followed by a few bytes of body). */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR photo of a milled bracket')]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF measuring the bore')]);
export { PDF };

export interface AwardedLine {
  orderId: string;
  jobLineId: string;
  totalMinor: number;
  winner: ReadyFactory;
  loser: ReadyFactory;
}

/** A SourcingWorld with two ready factories, a designer and a part, and the steps of production as one-liners. */
export class ProductionWorld extends SourcingWorld {
  /** The ordering designer, and a designer of another organisation. */
  buyer!: SignedIn;
  otherBuyer!: SignedIn;
  factories: ReadyFactory[] = [];
  part!: { partId: string; revisionId: string };

  async setUp(overrides: EnvironmentSource = {}): Promise<this> {
    await this.start(overrides);
    this.buyer = await this.designer();
    this.otherBuyer = await this.designer();
    this.factories = [await this.factory(), await this.factory()];
    this.part = await this.analysedPart(this.buyer);
    return this;
  }

  request(query: string, variables: Record<string, unknown>, who: SignedIn) {
    return this.api.graphql.request(query, variables, who.accessToken);
  }

  as(who: SignedIn, query: string, variables: Record<string, unknown> = {}) {
    return this.gql(query, variables, who.accessToken);
  }

  /** The GraphQL error code a caller gets (NOT_FOUND, FORBIDDEN, …). */
  async errorCode(who: SignedIn, query: string, variables: Record<string, unknown>): Promise<string | undefined> {
    return (await this.request(query, variables, who)).errors?.[0].extensions?.code as string | undefined;
  }

  /** A paid line (optionally quoted with an inspection level) awarded to whichever factory its offer went to. */
  async awardedLine(quoteOptions: Record<string, unknown> = {}): Promise<AwardedLine> {
    const paid = await this.paidJobLine(this.buyer, this.part.partId, {}, quoteOptions);
    await this.sweep();
    const offer = (await this.openOffer(paid.jobLineId))!;
    const winner = this.factories.find((f) => f.factoryId === offer.factory_id)!;
    const loser = this.factories.find((f) => f !== winner)!;
    const award = (await this.as(winner, ACCEPT, { id: offer.id })).acceptOffer;
    if (award.__typename !== 'Award') throw new Error(JSON.stringify(award));
    return { ...paid, winner, loser };
  }

  async inProduction(line: AwardedLine): Promise<string> {
    const milestone = (await this.as(line.winner, MILESTONE, { id: line.jobLineId, kind: 'material_received' })).postMilestone;
    if (milestone.__typename !== 'JobLineMilestone') throw new Error(JSON.stringify(milestone));
    return milestone.id;
  }

  async delivered(line: AwardedLine): Promise<void> {
    await this.inProduction(line);
    const shipped = (await this.as(line.winner, SHIP, { id: line.jobLineId })).shipJobLine;
    if (shipped.status !== 'shipped') throw new Error(JSON.stringify(shipped));
    const delivered = (await this.as(line.winner, DELIVERED, { id: line.jobLineId })).markDelivered;
    if (delivered.status !== 'delivered') throw new Error(JSON.stringify(delivered));
  }

  upload(path: string, who: SignedIn | null, fileName: string, bytes: Buffer | string, fields: Record<string, string> = {}) {
    return postFile(`${this.api.url}${path}`, who?.accessToken, fileName, bytes, fields);
  }

  async download(path: string, who: SignedIn): Promise<{ status: number; body: Buffer; contentType: string | null }> {
    const response = await fetch(`${this.api.url}${path}`, { headers: { authorization: `Bearer ${who.accessToken}` } });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
  }

  async jobLineStatus(jobLineId: string): Promise<string> {
    const [row] = await this.env.db.query(`SELECT status FROM job_lines WHERE id = $1`, [jobLineId]);
    return row.status;
  }

  async orderStatus(orderId: string): Promise<string> {
    const [row] = await this.env.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId]);
    return row.status;
  }

  /** Waits for a job line to reach a status (set by a job: auto-acceptance, payout). */
  untilStatus(jobLineId: string, status: string, timeoutMs = 20_000) {
    return eventually(async () => ((await this.jobLineStatus(jobLineId)) === status ? true : undefined), timeoutMs, `job line ${jobLineId} to be ${status}`);
  }

  /** What is still held in escrow for an order (designer_funds_held:<order> is a liability: a credit balance). */
  async held(orderId: string, currency = 'EUR') {
    return 0 - (await this.balance(`designer_funds_held:${orderId}`, currency)) || 0;
  }
}
