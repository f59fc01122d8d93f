import { RequestContext, type EnvironmentSource } from '@partsmith/platform';
import { LineSplitting, SourcingJobHandlers, SourcingJobRow, SourcingJobs, type SplitDecision } from '@partsmith/sourcing';
import { DataSource } from 'typeorm';
import { approvedFactory } from '../factories/factory-support';
import { boxStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';
import { PaymentsWorld } from '../payments/payments-world';
import type { SignedIn } from '../support/given';
import { eventually } from '../support/harness';

export const ERR = '... on ErrorResult { errorCode message }';
export const OFFER_FIELDS = 'id jobLineId factoryId status priceMinor currency shipBy expiresAt counterPriceMinor counterShipBy counterNote';
export const AWARD_FIELDS = 'id jobLineId factoryId mode payoutMinor currency ndaAcceptedAt ndaAcceptedBy';
export const ACCEPT = `mutation A($id: ID!) { acceptOffer(offerId: $id) { __typename ... on Award { ${AWARD_FIELDS} } ${ERR} } }`;
export const DECLINE = `mutation D($id: ID!) { declineOffer(offerId: $id, reason: "no capacity") { __typename ... on Offer { ${OFFER_FIELDS} } ${ERR} } }`;
export const COUNTER = `mutation C($input: CounterOfferInput!) { counterOffer(input: $input) { __typename ... on Offer { ${OFFER_FIELDS} } ${ERR} ... on InputValidationError { field } } }`;
export const ACCEPT_COUNTER = `mutation A($id: ID!) { acceptCounteroffer(offerId: $id) { __typename ... on Award { ${AWARD_FIELDS} } ${ERR} } }`;
export const REJECT_COUNTER = `mutation R($id: ID!) { rejectCounteroffer(offerId: $id) { __typename ... on Offer { ${OFFER_FIELDS} } ${ERR} } }`;
export const MY_OFFERS = `query { myOffers { ${OFFER_FIELDS} } }`;
export const JOB = `query J($id: ID!) { sourcingJob(jobLineId: $id) { id status payoutMinor currency previewLevel offers { ${OFFER_FIELDS} } award { ${AWARD_FIELDS} }
  part { previewLevel volumeMm3 triangles bbox { size } findings { code } previewPath awardedToYou } } }`;
export const boardQuery = (first: number) => `query B($after: String, $process: String, $material: String, $sort: JobBoardSort, $minValueMinor: Float, $offeredOnly: Boolean) {
  jobBoard(first: ${first}, after: $after, process: $process, material: $material, sort: $sort, minValueMinor: $minValueMinor, offeredOnly: $offeredOnly) {
    totalCount counts { offeredToYou byProcess { value count } byMaterial { value count } }
    pageInfo { hasNextPage endCursor }
    edges { node { id status process material payoutMinor dueDate } } } }`;
export const BOARD = boardQuery(10);
export const NDA = `mutation N($id: ID!) { acceptNda(jobLineId: $id) { __typename ... on Award { ${AWARD_FIELDS} } ${ERR} } }`;
export const LINK = `mutation L($id: ID!) { cadDownloadLink(jobLineId: $id) { __typename ... on CadDownloadLink { url expiresAt } ${ERR} } }`;

const REQUEST_QUOTE = `mutation Q($input: RequestQuoteInput!) { requestQuote(input: $input) { __typename ... on Quote { id status } ${ERR} } }`;
const QUOTE = `query Q($id: ID!) { quote(id: $id) { id status breaks { quantity totalMinor } } }`;
const RELEASE = `mutation R($id: ID!) { releaseQuote(quoteId: $id, note: "checked by a test") { id status } }`;
const PLACE = `mutation P($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename ... on Order { id payment { stripePaymentIntentId } } ${ERR} } }`;
const HOUR = 3_600_000;
const ORDER = `query O($id: ID!) { order(id: $id) { id status lines { jobLine { id status } } } }`;

export interface ReadyFactory extends SignedIn {
  factoryId: string;
}

/** A PaymentsWorld plus what sourcing needs: factories that can be awarded, and paid orders whose lines are in sourcing. */
export class SourcingWorld extends PaymentsWorld {
  private quantity = 5;

  override async start(overrides: EnvironmentSource = {}): Promise<this> {
    return super.start({ SOURCING_SWEEP_CRON: 'off', SOURCING_BATCH_CRON: 'off', ...overrides });
  }

  gql(query: string, variables: Record<string, unknown>, token: string) {
    return this.api.graphql.data(query, variables, token);
  }

  systemCtx(): RequestContext {
    return RequestContext.system(this.worker.get(DataSource));
  }

  /** Runs the sourcing sweep (the orders → sourcing hook) now. */
  sweep() {
    return this.worker.get(SourcingJobHandlers).sweep(this.systemCtx());
  }

  /** Approved, CNC 3-axis aluminium, ISO 9001 verified; payouts enabled unless `payouts: false`. */
  async factory(options: { payouts?: boolean; certificate?: Record<string, unknown> | null; profile?: Record<string, unknown> } = {}): Promise<ReadyFactory> {
    const account = options.payouts === false ? await this.plainFactory() : await this.onboardedFactory();
    const made = await approvedFactory(this.api, account.accessToken, this.operator.accessToken, {
      profile: { processes: ['cnc_milling_3axis'], materials: ['aluminum_6061'], finishes: ['as_machined'], ...options.profile },
      machine: { process: 'cnc_milling_3axis' },
      certificate: options.certificate === undefined ? { kind: 'iso_9001' } : options.certificate,
    });
    return { ...account, factoryId: made.factoryId };
  }

  private async plainFactory(): Promise<SignedIn> {
    const { given } = await import('../support/given');
    return given.factory(this.api.graphql);
  }

  async analysedPart(owner: SignedIn, size: [number, number, number] = [50, 30, 10]): Promise<{ partId: string; revisionId: string }> {
    const upload = await uploadPart(this.api.url, owner.accessToken, 'bracket.stl', boxStl(size));
    await this.untilAnalysed(upload.body.revisionId);
    return { partId: upload.body.partId, revisionId: upload.body.revisionId };
  }

  /** Waits for the geometry worker: the revision analysed and its low-poly preview written. */
  untilAnalysed(revisionId: string, timeoutMs = 30_000) {
    return eventually(async () => {
      const [row] = await this.env.db.query(`SELECT status, preview_keys FROM part_revisions WHERE id = $1`, [revisionId]);
      return row.status === 'analyzed' && row.preview_keys.low_poly ? true : undefined;
    }, timeoutMs, 'analysis and previews');
  }

  /** Requests a quote and waits until it is priced (an operator releases it when it needs review); throws unless it ends ready. */
  async readyQuote(designer: SignedIn, input: Record<string, unknown>): Promise<{ id: string; status: string; breaks: Array<{ quantity: number; totalMinor: number }> }> {
    const { requestQuote } = await this.gql(REQUEST_QUOTE, { input }, designer.accessToken);
    if (requestQuote.__typename !== 'Quote') throw new Error(JSON.stringify(requestQuote));
    let quote = await eventually(async () => {
      const q = (await this.gql(QUOTE, { id: requestQuote.id }, designer.accessToken)).quote;
      return q.status === 'pending' ? undefined : q;
    }, 20_000, 'quote');
    if (quote.status === 'needs_review') {
      await this.gql(RELEASE, { id: quote.id }, this.operator.accessToken);
      quote = (await this.gql(QUOTE, { id: quote.id }, designer.accessToken)).quote;
    }
    if (quote.status !== 'ready') throw new Error(`quote is ${quote.status}`);
    return quote;
  }

  /** Quote → order → pay; returns the job line ids (in sourcing). */
  async paidJobLine(
    designer: SignedIn,
    partId: string,
    extra: Record<string, unknown> = {},
    options: { quantity?: number; quote?: Record<string, unknown> } = {},
  ): Promise<{ orderId: string; jobLineId: string; totalMinor: number }> {
    const quantity = options.quantity ?? ++this.quantity;
    const quoteInput = { partId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [quantity], ...options.quote };
    const quote = await this.readyQuote(designer, quoteInput);
    const input = {
      lines: [{ quoteId: quote.id, quantity }],
      shippingAddress: { name: 'Receiving', line1: 'Kungsgatan 1', city: 'Stockholm', postalCode: '111 43', country: 'SE' },
      requiredCertificates: ['iso_9001'],
      exportControlled: false,
      allowSplitting: false,
      previewLevelBeforeAward: 'low_poly',
      ...extra,
    };
    const placed = (await this.gql(PLACE, { input }, designer.accessToken)).placeOrder;
    if (placed.__typename !== 'Order') throw new Error(JSON.stringify(placed));
    await this.stripe.paymentIntents.confirm(placed.payment.stripePaymentIntentId, { payment_method: 'pm_card_visa' });
    const order = await eventually(async () => {
      const current = (await this.gql(ORDER, { id: placed.id }, designer.accessToken)).order;
      return current.status === 'paid' && current.lines[0].jobLine ? current : undefined;
    }, 20_000, 'order to be paid');
    return { orderId: placed.id, jobLineId: order.lines[0].jobLine.id, totalMinor: quote.breaks[0].totalMinor };
  }

  /**
   * Test-only time travel: moves a line's due date (as if ordered with a shorter lead time) and returns the
   * split sourcing would make now.
   */
  async splitDecisionIfDueIn(jobLineId: string, ms: number): Promise<SplitDecision> {
    const due = new Date(Date.now() + ms);
    await this.env.db.query(`UPDATE job_lines SET due_date = $2 WHERE id = $1`, [jobLineId, due]);
    await this.env.db.query(`UPDATE sourcing_jobs SET due_date = $2 WHERE job_line_id = $1`, [jobLineId, due]);
    const ctx = this.systemCtx();
    return this.worker.get(LineSplitting).decide(ctx, await ctx.db.findOneByOrFail(SourcingJobRow, { jobLineId }));
  }

  /** Moves the due date to the shortest (from 2 h, ×1.3 steps) at which the eligible factories together, but none alone, make the line in time. */
  async clusterOnlyDue(jobLineId: string): Promise<SplitDecision> {
    await this.worker.get(SourcingJobs).open(this.systemCtx(), jobLineId);
    for (let ms = 2 * HOUR; ms < 90 * 24 * HOUR; ms *= 1.3) {
      const decision = await this.splitDecisionIfDueIn(jobLineId, ms);
      if (decision.result?.status === 'optimal' && decision.result.parts.length >= 2) return decision;
    }
    throw new Error('no due date makes the cluster, but no single factory, able to ship the line');
  }

  /** Forgets the sourcing job so the sweep meets the line as freshly paid. */
  async asFreshlyPaid(jobLineId: string) {
    await this.env.db.query(`DELETE FROM sourcing_candidates WHERE job_line_id = $1`, [jobLineId]);
    await this.env.db.query(`DELETE FROM sourcing_jobs WHERE job_line_id = $1`, [jobLineId]);
  }

  async openOffer(jobLineId: string) {
    const [row] = await this.env.db.query(`SELECT id, factory_id FROM offers WHERE job_line_id = $1 AND status IN ('open', 'countered')`, [jobLineId]);
    return row as { id: string; factory_id: string } | undefined;
  }
}
