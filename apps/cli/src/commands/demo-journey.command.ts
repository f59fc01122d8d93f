import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { EventStreamClient, processEnvironment } from '@partsmith/platform';
import Stripe from 'stripe';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { oneLine } from './cli-io';
import { RUN_FILE } from './start.command';

const step = (n: number, role: string, text: string) => process.stdout.write(`\n[${n}] ${role.padEnd(9)} ${text}\n`);
const show = (text: string) => process.stdout.write(`              ${text}\n`);
const money = (minor: number, currency: string) => `${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} ${currency}`;

/** A closed 60 × 40 × 12 mm block as binary STL: the part the demo designer uploads. */
function demoPartStl(): Buffer {
  const [x, y, z] = [60, 40, 12];
  const v = [[0, 0, 0], [x, 0, 0], [x, y, 0], [0, y, 0], [0, 0, z], [x, 0, z], [x, y, z], [0, y, z]];
  const faces = [[0, 2, 1], [0, 3, 2], [4, 5, 6], [4, 6, 7], [0, 1, 5], [0, 5, 4], [1, 2, 6], [1, 6, 5], [2, 3, 7], [2, 7, 6], [3, 0, 4], [3, 4, 7]];
  const stl = Buffer.alloc(84 + 50 * faces.length);
  stl.writeUInt32LE(faces.length, 80);
  faces.forEach((face, i) => face.forEach((vertex, k) => v[vertex].forEach((c, axis) => stl.writeFloatLE(c, 84 + i * 50 + 12 + k * 12 + axis * 4))));
  return stl;
}

class Api {
  constructor(readonly url: string) {}

  async graphql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }

  async login(email: string): Promise<string> {
    const data = await this.graphql(`mutation L($i: LoginInput!) { login(input: $i) { __typename ... on AuthPayload { accessToken } ... on ErrorResult { message } } }`, {
      i: { email, password: DEMO_PASSWORD },
    });
    if (data.login.__typename !== 'AuthPayload') throw new Error(`${email} cannot sign in: ${data.login.message} (is the demo seeded?)`);
    return data.login.accessToken;
  }
}

/**
 * `npm run demo:journey`: drives a running `npm start` through the marketplace over GraphQL, as a
 * designer, an operator and a factory would, printing each step. Grows with the platform: the steps after
 * payment (sourcing, production, delivery, payout) join as those capabilities land.
 */
async function journey(api: Api, stripeEmulatorUrl: string | null): Promise<void> {
  let n = 0;
  let jobLineId: string | undefined;
  step(++n, 'designer', 'signs in as designer@aurora.test');
  const designer = await api.login('designer@aurora.test');
  const events = await EventStreamClient.open(`${api.url}/events`, designer);
  try {
    step(++n, 'designer', 'uploads bracket.stl (60 × 40 × 12 mm) through POST /parts/upload');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(demoPartStl())]), 'bracket.stl');
    form.append('name', `Demo bracket ${new Date().toISOString().slice(11, 19)}`);
    const uploaded = (await (await fetch(`${api.url}/parts/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${designer}` } })).json()) as {
      partId: string;
      revisionId: string;
      status: string;
      reusedAnalysis: boolean;
    };
    show(`part ${uploaded.partId}, revision status ${uploaded.status}${uploaded.reusedAnalysis ? ' (same bytes seen before: analysis reused)' : ''}`);
    if (!uploaded.reusedAnalysis) await events.next((e) => e.data.id === uploaded.revisionId, 60_000);
    const part = await api.graphql(
      `query P($id: ID!) { part(id: $id) { currentRevision { status analysis { volumeMm3 surfaceAreaMm2 bbox { size } watertight findings { code message } } } } }`,
      { id: uploaded.partId },
      designer,
    );
    const analysis = part.part.currentRevision.analysis;
    show(`analysed: ${analysis.bbox.size.join(' × ')} mm, ${(analysis.volumeMm3 / 1000).toFixed(1)} cm³, watertight ${analysis.watertight}, ${analysis.findings.length} DFM findings`);

    step(++n, 'designer', 'compares every process for 1 / 10 / 100 parts');
    const comparison = await api.graphql(
      `query C($id: ID!) { compareProcesses(partId: $id, quantities: [1, 10, 100]) { options { process material breaks { quantity unitPriceMinor currency leadTimeDays } carbonPerPartKg } incompatible { process } } }`,
      { id: uploaded.partId },
      designer,
    );
    for (const option of comparison.compareProcesses.options.slice(0, 4)) {
      const [one] = option.breaks;
      show(`${option.process.padEnd(20)} ${option.material.padEnd(18)} ${money(one.unitPriceMinor, one.currency).padStart(14)} each at 1, ${one.leadTimeDays} days, ${option.carbonPerPartKg.toFixed(2)} kg CO2e/part`);
    }

    step(++n, 'designer', 'asks for a CNC quote in aluminium 6061 and waits for the quoting worker');
    const requested = await api.graphql(
      `mutation Q($i: RequestQuoteInput!) { requestQuote(input: $i) { __typename ... on Quote { id status } ... on ErrorResult { message } } }`,
      { i: { partId: uploaded.partId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 10, 100] } },
      designer,
    );
    if (requested.requestQuote.__typename !== 'Quote') throw new Error(requested.requestQuote.message);
    if (requested.requestQuote.status === 'pending') await events.next((e) => e.type === 'quote.priced' && e.data.id === requested.requestQuote.id, 60_000);
    const quote = (
      await api.graphql(
        `query Q($id: ID!) { quote(id: $id) { status confidenceDetail { score } breaks { quantity unitPriceMinor totalMinor currency leadTimeDays unitBreakdown { label amountMinor } } } }`,
        { id: requested.requestQuote.id },
        designer,
      )
    ).quote;
    show(`quote ${requested.requestQuote.id}: ${quote.status}, confidence ${quote.confidenceDetail?.score}`);
    for (const qb of quote.breaks) show(`${String(qb.quantity).padStart(4)} parts: ${money(qb.unitPriceMinor, qb.currency)} each, ${money(qb.totalMinor, qb.currency)} total, ${qb.leadTimeDays} days`);
    const ten = quote.breaks.find((qb: { quantity: number }) => qb.quantity === 10);
    show(`per part at 10: ${ten.unitBreakdown.map((l: { label: string; amountMinor: number }) => `${l.label} ${money(l.amountMinor, ten.currency)}`).join(', ')}`);
    if (quote.status !== 'ready') {
      show('the quote waits for an operator review; the journey stops here (release it with releaseQuote and run again)');
      return;
    }

    step(++n, 'designer', 'orders 10 parts (the price comes from the stored quote, not from the client)');
    const placed = await api.graphql(
      `mutation O($i: PlaceOrderInput!) { placeOrder(input: $i) { __typename ... on Order { id status totalMinor currency payment { clientSecret stripePaymentIntentId } } ... on ErrorResult { message } } }`,
      {
        i: {
          lines: [{ quoteId: requested.requestQuote.id, quantity: 10 }],
          shippingAddress: { name: 'Aurora Robotics', line1: 'Kungsgatan 1', city: 'Stockholm', postalCode: '111 43', country: 'SE' },
          previewLevelBeforeAward: 'low_poly',
        },
      },
      designer,
    );
    if (placed.placeOrder.__typename !== 'Order') throw new Error(placed.placeOrder.message);
    const order = placed.placeOrder;
    show(`order ${order.id}: ${order.status}, ${money(order.totalMinor, order.currency)}, payment intent ${order.payment?.stripePaymentIntentId}`);

    step(++n, 'designer', 'pays with a test card');
    if (!stripeEmulatorUrl || !order.payment?.stripePaymentIntentId) {
      show('not the local Stripe emulator: confirm the payment with Stripe.js and the client secret, then run again');
      return;
    }
    const emulator = new URL(stripeEmulatorUrl);
    const stripe = new Stripe('sk_test_emulator', { host: emulator.hostname, port: Number(emulator.port), protocol: 'http' });
    await stripe.paymentIntents.confirm(order.payment.stripePaymentIntentId, { payment_method: 'pm_card_visa' });
    await events.next((e) => e.type === 'order.status' && e.data.id === order.id && e.data.status === 'paid', 60_000);
    const paid = await api.graphql(
      `query O($id: ID!) { order(id: $id) { status payment { status escrow { heldMinor } } lines { jobLine { id status dueDate } } } }`,
      { id: order.id },
      designer,
    );
    show(`order ${paid.order.status}; escrow holds ${money(paid.order.payment.escrow.heldMinor, order.currency)}; job line ${paid.order.lines[0].jobLine.status}, due ${paid.order.lines[0].jobLine.dueDate.slice(0, 10)}`);
    jobLineId = paid.order.lines[0].jobLine.id;
  } finally {
    events.close();
  }

  step(++n, 'operator', 'signs in and looks at the moderation queues');
  const operator = await api.login('operator@partsmith.test');
  const counts = await api.graphql(`{ moderationCounts { factoriesAwaitingReview certificatesAwaitingReview openScoreAppeals } quoteReviewQueue(first: 1) { totalCount } }`, {}, operator);
  show(`factories to vet ${counts.moderationCounts.factoriesAwaitingReview}, certificates to verify ${counts.moderationCounts.certificatesAwaitingReview}, open appeals ${counts.moderationCounts.openScoreAppeals}, quotes to review ${counts.quoteReviewQueue.totalCount}`);

  step(++n, 'factory', 'admin@stuttgart.test looks at its profile and scorecard');
  const factory = await api.login('admin@stuttgart.test');
  const mine = await api.graphql(`{ myFactory { legalName status machines { process make model } scorecard { score } } }`, {}, factory);
  show(`${mine.myFactory.legalName} (${mine.myFactory.status}): ${mine.myFactory.machines.length} machines, score ${mine.myFactory.scorecard.score.toFixed(1)}`);
  if (!jobLineId) return;

  step(++n, 'factory', 'onboards to Stripe Connect (awards go only to factories that can be paid out)');
  const account = await api.graphql(`{ factoryPaymentAccount { transfersCapability } }`, {}, factory);
  if (account.factoryPaymentAccount?.transfersCapability !== 'active') {
    const link = await api.graphql(`mutation { startFactoryOnboarding { __typename ... on FactoryOnboardingLink { url } ... on ErrorResult { message } } }`, {}, factory);
    if (link.startFactoryOnboarding.__typename !== 'FactoryOnboardingLink') throw new Error(link.startFactoryOnboarding.message);
    await fetch(link.startFactoryOnboarding.url, { redirect: 'manual' }); // "completes" onboarding at the emulator
    await waitFor('the transfers capability', 30_000, async () => {
      const now = await api.graphql(`{ factoryPaymentAccount { transfersCapability } }`, {}, factory);
      return now.factoryPaymentAccount?.transfersCapability === 'active' ? true : undefined;
    });
  }
  show('transfers capability active');

  step(++n, 'platform', 'the sourcing sweep offers the job to the best eligible factory that can be paid (runs every minute)');
  const offer = await waitFor('an offer for the job', 150_000, async () => {
    const offers = await api.graphql(`{ myOffers { id jobLineId status priceMinor currency expiresAt } }`, {}, factory);
    return offers.myOffers.find((o: { jobLineId: string; status: string }) => o.jobLineId === jobLineId && o.status === 'open');
  });
  show(`offer ${offer.id}: payout ${money(offer.priceMinor, offer.currency)}, answer by ${offer.expiresAt.slice(0, 16).replace('T', ' ')} UTC`);

  step(++n, 'factory', 'accepts the offer: exactly one award per job line');
  const accepted = await api.graphql(
    `mutation A($id: ID!) { acceptOffer(offerId: $id) { __typename ... on Award { id payoutMinor currency } ... on ErrorResult { message } } }`,
    { id: offer.id },
    factory,
  );
  if (accepted.acceptOffer.__typename !== 'Award') throw new Error(accepted.acceptOffer.message);
  show(`award ${accepted.acceptOffer.id}; the payout ${money(accepted.acceptOffer.payoutMinor, accepted.acceptOffer.currency)} waits in escrow until delivery is accepted`);

  step(++n, 'platform', "the scheduling worker plans the job on the factory's machines and promises a ship date");
  const schedule = await waitFor('a promised date', 60_000, async () => {
    const view = await api.graphql(`query S($id: ID!) { jobLineSchedule(jobLineId: $id) { promisedShipDate atRisk } }`, { id: jobLineId }, designer);
    return view.jobLineSchedule.promisedShipDate ? view.jobLineSchedule : undefined;
  });
  show(`designer sees: promised ship date ${schedule.promisedShipDate.slice(0, 10)}${schedule.atRisk ? ' (at risk: after the due date)' : ''}`);
  const gantt = await api.graphql(`{ factorySchedule { version rows { jobLineId operation machineClass start end } } }`, {}, factory);
  for (const row of gantt.factorySchedule.rows.filter((r: { jobLineId: string }) => r.jobLineId === jobLineId)) {
    show(`factory plan v${gantt.factorySchedule.version}: ${row.operation.padEnd(14)} on ${row.machineClass.padEnd(20)} ${row.start.slice(0, 16).replace('T', ' ')} → ${row.end.slice(11, 16)}`);
  }

  step(++n, 'factory', 'makes the parts: milestones, then ships with a tracking number and marks them delivered');
  const ERR = '... on ErrorResult { message }';
  for (const kind of ['material_received', 'in_production', 'quality_check', 'packed']) {
    const posted = await api.graphql(`mutation M($id: ID!, $kind: MilestoneKind!) { postMilestone(jobLineId: $id, kind: $kind) { __typename ${ERR} } }`, { id: jobLineId, kind }, factory);
    if (posted.postMilestone.__typename !== 'JobLineMilestone') throw new Error(posted.postMilestone.message);
  }
  const shipped = await api.graphql(
    `mutation S($id: ID!) { shipJobLine(jobLineId: $id, carrier: "DHL Express", trackingNumber: "JD014600006281120426") { __typename ... on JobLineProgress { status } ${ERR} } }`,
    { id: jobLineId },
    factory,
  );
  if (shipped.shipJobLine.__typename !== 'JobLineProgress') throw new Error(shipped.shipJobLine.message);
  const delivered = await api.graphql(`mutation D($id: ID!) { markDelivered(jobLineId: $id) { __typename ... on JobLineProgress { status } ${ERR} } }`, { id: jobLineId }, factory);
  if (delivered.markDelivered.__typename !== 'JobLineProgress') throw new Error(delivered.markDelivered.message);
  show(`4 milestones, shipped with DHL Express, ${delivered.markDelivered.status}`);

  step(++n, 'designer', 'accepts the delivery: the escrow is released to the factory');
  const acceptance = await api.graphql(`mutation A($id: ID!) { acceptDelivery(jobLineId: $id) { __typename ... on JobLineProgress { status } ${ERR} } }`, { id: jobLineId }, designer);
  if (acceptance.acceptDelivery.__typename !== 'JobLineProgress') throw new Error(acceptance.acceptDelivery.message);
  const released = await waitFor('the transfer to the factory', 30_000, async () => {
    const transfers = await api.graphql(`{ factoryTransfers { amountMinor currency status } }`, {}, factory);
    return transfers.factoryTransfers.find((t: { status: string }) => t.status !== 'pending');
  });
  show(`job line ${acceptance.acceptDelivery.status}; transfer to the factory's Stripe account: ${money(released.amountMinor, released.currency)} (${released.status})`);
  const score = await api.graphql(`{ myFactory { scorecard { score } } }`, {}, factory);
  show(`the factory's scorecard moves with the on-time, clean delivery: ${score.myFactory.scorecard.score.toFixed(1)}`);
  process.stdout.write('\nThat is the whole journey through the API. The same marketplace is in the web app at the URL `npm start` printed: sign in as any demo login.\n');
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export function registerDemoJourneyCommand(program: Command): void {
  program
    .command('demo-journey')
    .description('walk a running `npm start` through upload → quote → order → payment as the three roles (npm run demo:journey)')
    .option('--api <url>', 'the API (default: the one `npm start` wrote to DATA_DIR/run.json)')
    .action(async (options: { api?: string }) => {
      const runFile = join(resolve(processEnvironment().DATA_DIR || '.data'), RUN_FILE);
      const run = existsSync(runFile) ? (JSON.parse(readFileSync(runFile, 'utf8')) as { apiUrl: string; stripeEmulatorUrl: string | null }) : null;
      const apiUrl = options.api ?? run?.apiUrl;
      if (!apiUrl) {
        process.stderr.write(`partsmith demo-journey: no running marketplace found (${runFile} is missing); start one with \`npm start\` in another terminal, or pass --api <url>\n`);
        process.exitCode = 1;
        return;
      }
      try {
        await journey(new Api(apiUrl), run?.stripeEmulatorUrl ?? null);
      } catch (error) {
        process.stderr.write(`partsmith demo-journey: ${oneLine(error)}\n`);
        process.exitCode = 1;
      }
    });
}
