import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { boxStl } from '../fixtures/meshes';
import { ERR, JOB, SourcingWorld, type ReadyFactory } from '../sourcing/sourcing-world';
import type { SignedIn } from '../support/given';
import { buildWebApp, launchChromium, snapshot } from './browser';

const MILESTONE = `mutation M($id: ID!) { postMilestone(jobLineId: $id, kind: in_production) { __typename ${ERR} } }`;
const SHIP = `mutation S($id: ID!) { shipJobLine(jobLineId: $id, carrier: "DHL Express", trackingNumber: "JD0146") { __typename ${ERR} } }`;
const DELIVERED = `mutation D($id: ID!) { markDelivered(jobLineId: $id) { __typename ${ERR} } }`;
const ACCEPT_DELIVERY = `mutation A($id: ID!) { acceptDelivery(jobLineId: $id) { __typename ${ERR} } }`;
const REVIEW_ID = `query R($id: ID!) { jobLineReview(jobLineId: $id) { id } }`;
const RESPOND = `mutation R($id: ID!) { respondToReview(reviewId: $id, response: "Thank you — we have sped up our anodising supplier.") { __typename ${ERR} } }`;

/**
 * Issue #10's pages in Debian's Chromium: before award a factory asks in the anonymous Q&A and
 * counteroffers; the designer answers and accepts the counteroffer; the factory accepts the NDA and
 * downloads the file through the signed link; designer and factory write in the job line's thread (unread
 * count); after acceptance the designer reviews the factory (validation, read-only with the answer); the
 * part page lists the download; the operator finds the NDA acceptance in the audit log.
 * Screenshots: test-artifacts/web/1x-*.png.
 */
describe('web app: messages, counteroffer, NDA and download, review, access log', () => {
  const world = new SourcingWorld();
  let browser: Browser;
  let factory: ReadyFactory;
  let designer: SignedIn;
  let partId: string;
  let orderId: string;
  let jobLineId: string;
  let totalMinor: number;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildWebApp(); // before the API boots: it serves apps/web/dist
    await world.start();
    factory = await world.factory();
    designer = await world.designer();
    ({ partId } = await world.analysedPart(designer));
    ({ orderId, jobLineId, totalMinor } = await world.paidJobLine(designer, partId));
    await world.sweep(); // offers the line to the one eligible factory
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await world.stop();
  });

  async function signedIn(account: { email: string; password: string }, home: RegExp): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${world.api.url}/sign-in`);
    await page.getByLabel('E-mail').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(home);
    return page;
  }

  it('factory ↔ designer before and after award, then the review and the access log', async () => {
    try {
      await story();
    } catch (error) {
      for (const [i, context] of contexts.entries()) for (const page of context.pages()) await snapshot(page, `failed-collaboration-${i}`).catch(() => undefined);
      throw error;
    }
  }, 300_000);

  it('the designer asks for sealed bids; the factory bids; the designer picks a bid at close', async () => {
    try {
      await sealedBids();
    } catch (error) {
      for (const [i, context] of contexts.entries()) for (const page of context.pages()) await snapshot(page, `failed-bids-${i}`).catch(() => undefined);
      throw error;
    }
  }, 300_000);

  async function sealedBids() {
    const rfq = await world.paidJobLine(designer, partId);
    await world.sweep();
    const { sourcingJob } = await world.gql(JOB, { id: rfq.jobLineId }, designer.accessToken);

    // Designer: switch the line to a sealed-bid RFQ closing in 40 s (datetime-local, the browser is in UTC)
    const buyer = await signedIn(designer, /\/designer\/parts$/);
    await buyer.goto(`${world.api.url}/designer/orders/${rfq.orderId}`);
    const sourcing = buyer.getByTestId('line-sourcing');
    const form = sourcing.getByTestId('award-mode-form');
    await form.getByLabel('How to find the factory').selectOption({ label: 'Sealed-bid request for quotes' });
    await form.getByRole('button', { name: 'Use this way' }).click();
    await form.getByRole('alert').getByText('Choose when bidding closes.').waitFor();
    const closes = new Date(Date.now() + 40_000);
    await form.getByLabel('Bidding closes (your time)').fill(closes.toISOString().slice(0, 19));
    await form.getByRole('button', { name: 'Use this way' }).click();
    await buyer.locator('[data-testid="line-sourcing"][data-mode="sealed_bid"]').getByText(/Factories are bidding until/).waitFor();

    // Factory: a sealed bid, checked before it is sent
    const shop = await signedIn(factory, /\/factory\/jobs$/);
    await shop.goto(`${world.api.url}/factory/jobs/${rfq.jobLineId}`);
    const panel = shop.getByTestId('bid-panel');
    await panel.getByLabel(/^Price/).fill((sourcingJob.payoutMinor / 100).toFixed(2));
    await panel.getByLabel(/^Lead time/).fill('400');
    await panel.getByRole('button', { name: 'Place the bid' }).click();
    await panel.getByRole('alert').getByText('The lead time is a whole number of days from 1 to 365.').waitFor();
    await panel.getByLabel(/^Lead time/).fill('6');
    await panel.getByLabel('Note (optional)').fill('Two setups; we hold the stock.');
    await panel.getByRole('button', { name: 'Place the bid' }).click();
    await panel.getByTestId('your-bid').getByText(/6 days — active/).waitFor();
    await snapshot(shop, '19-factory-sealed-bid');

    // Designer: at close the bids open, ranked; pick the first
    const bids = sourcing.getByTestId('bids');
    await bids.getByRole('button', { name: 'Pick bid 1' }).waitFor({ timeout: 90_000 });
    expect(await bids.getByRole('row', { name: /Two setups; we hold the stock\./ }).count()).toBe(1);
    await snapshot(buyer, '20-designer-bids');
    await bids.getByRole('button', { name: 'Pick bid 1' }).click();
    await buyer.getByTestId('order-line-1').getByTestId('message-thread').waitFor();
  }

  async function story() {
    const { sourcingJob } = await world.gql(JOB, { id: jobLineId }, designer.accessToken);
    const counterMinor = Math.min(totalMinor, sourcingJob.payoutMinor + 1_000);

    // Factory, before award: an anonymous question (the phone number is masked), then a counteroffer
    const shop = await signedIn(factory, /\/factory\/jobs$/);
    await shop.goto(`${world.api.url}/factory/jobs/${jobLineId}`);
    const qa = shop.getByTestId('qa-thread');
    await qa.getByText('No questions yet.').waitFor();
    await qa.getByLabel('Your question').fill('Is the 2 mm fillet on the inner edge required? Call +49 30 1234 5678.');
    await qa.getByRole('button', { name: 'Ask' }).click();
    await qa.getByText('Contact details were removed from this message.').waitFor();
    expect(await qa.locator('.messages li').first().textContent()).toContain('Factory A');

    const counter = shop.getByTestId('counteroffer-form');
    await counter.getByRole('button', { name: 'Send the counteroffer' }).click();
    await counter.getByRole('alert').getByText('Enter a new price, a new ship-by date, or both.').waitFor();
    await counter.getByLabel(/^Price you ask/).fill((counterMinor / 100).toFixed(2));
    await counter.getByLabel('Note for the designer (optional)').fill('Anodising adds a day of handling.');
    await counter.getByRole('button', { name: 'Send the counteroffer' }).click();
    await shop.getByTestId('counteroffer-sent').waitFor();
    await snapshot(shop, '11-factory-question-and-counteroffer');

    // Designer: answers the question, accepts the counteroffer
    const buyer = await signedIn(designer, /\/designer\/parts$/);
    await buyer.goto(`${world.api.url}/designer/orders/${orderId}`);
    const line = buyer.getByTestId('order-line-1');
    const offer = line.getByTestId('counteroffer');
    await offer.getByText('Its note: “Anodising adds a day of handling.”').waitFor();
    const questions = line.getByTestId('qa-thread');
    await questions.getByRole('button', { name: /Questions from factories · 1 unread/ }).click();
    await questions.getByRole('button', { name: 'Answer Factory A' }).click();
    await questions.getByLabel(/^Your message/).fill('Yes, the fillet matters: it relieves stress at the corner.');
    await questions.getByRole('button', { name: 'Send the answer' }).click();
    await questions.getByText(/Answer to Factory A: “Is the 2 mm fillet/).waitFor();
    await snapshot(buyer, '12-designer-answer-and-counteroffer');
    await offer.getByRole('button', { name: 'Accept the counteroffer' }).click();
    await line.getByTestId('message-thread').waitFor(); // the line is awarded: the thread with the factory opens

    // Factory: the NDA's terms, accept, then the download through the signed link
    await shop.reload();
    const nda = shop.getByTestId('nda-panel');
    await nda.getByText('Mutual non-disclosure agreement (summary)').waitFor();
    await snapshot(shop, '13-factory-nda');
    await nda.getByRole('button', { name: 'I accept the NDA' }).click();
    await nda.getByTestId('nda-accepted').getByText(/NDA partsmith-mutual-nda-v1 accepted/).waitFor();
    const [download] = await Promise.all([shop.waitForEvent('download'), nda.getByRole('button', { name: 'Download the CAD file' }).click()]);
    expect(download.suggestedFilename()).toBe('bracket.stl');
    expect(readFileSync(await download.path()).equals(boxStl([50, 30, 10]))).toBe(true);
    await nda.getByTestId('download-started').waitFor();
    await snapshot(shop, '14-factory-downloaded');

    // Factory writes in the job line's thread; the designer sees it unread, reads and answers
    const thread = shop.getByTestId('message-thread');
    await thread.getByLabel(/^Your message/).fill('Material is in; we start milling tomorrow.');
    await thread.getByRole('button', { name: 'Send' }).click();
    await thread.getByText('Material is in; we start milling tomorrow.').waitFor();
    await buyer.reload();
    await buyer.getByTestId('unread-messages').getByText('✉ 1 unread').waitFor(); // the top bar counts every thread
    const messages = line.getByTestId('message-thread');
    await messages.getByRole('button', { name: 'Messages with the factory · 1 unread' }).click();
    await messages.getByText('Material is in; we start milling tomorrow.').waitFor();
    await messages.getByLabel(/^Your message/).fill('Great, thank you.');
    await messages.getByRole('button', { name: 'Send' }).click();
    await messages.getByText('Great, thank you.').waitFor();
    await snapshot(buyer, '15-designer-thread');

    // Made, shipped, delivered and accepted (through the API: the journey test covers those pages)
    for (const [query, token] of [
      [MILESTONE, factory.accessToken],
      [SHIP, factory.accessToken],
      [DELIVERED, factory.accessToken],
      [ACCEPT_DELIVERY, designer.accessToken],
    ] as const) {
      const result = Object.values(await world.gql(query, { id: jobLineId }, token))[0] as { __typename: string; errorCode?: string };
      expect(result.errorCode).toBeUndefined();
    }

    // Designer: the review form asks for every rating, then shows the review read-only with the factory's answer
    await buyer.reload();
    const review = line.getByTestId('line-review');
    await review.getByRole('group', { name: /^Quality/ }).getByLabel('5 of 5').check();
    await review.getByRole('button', { name: 'Submit the review' }).click();
    await review.getByRole('alert').getByText('Choose a rating from 1 to 5 for “Communication”.').waitFor();
    await review.getByRole('group', { name: /^Communication/ }).getByLabel('4 of 5').check();
    await review.getByRole('group', { name: /^Timeliness/ }).getByLabel('3 of 5').check();
    await review.getByLabel(/^Comment/).fill('Clean parts; one day later than first promised.');
    await review.getByRole('button', { name: 'Submit the review' }).click();
    await review.getByTestId('submitted-review').getByText('Communication: 4 of 5').waitFor();
    const { jobLineReview } = await world.gql(REVIEW_ID, { id: jobLineId }, designer.accessToken);
    expect((await world.gql(RESPOND, { id: jobLineReview.id }, factory.accessToken)).respondToReview.__typename).toBe('JobLineReview');
    await buyer.reload();
    await review.getByTestId('review-response').getByText('we have sped up our anodising supplier').waitFor();
    expect(await review.getByRole('button', { name: 'Submit the review' }).count()).toBe(0);
    await snapshot(buyer, '16-designer-review');

    // The part page: what factories saw before award, and the factory's download in the access log
    await buyer.goto(`${world.api.url}/designer/parts/${partId}`);
    await buyer.getByTestId('preview-shared').getByText(/line 1: A coarse 3D preview/).waitFor();
    const log = buyer.getByTestId('access-log');
    const downloadRow = log.getByRole('row', { name: /downloaded the original file \(through the signed link after the NDA\)/ });
    await downloadRow.waitFor();
    expect(await downloadRow.textContent()).toContain(factory.organizationId.slice(0, 8).toUpperCase());
    await snapshot(buyer, '17-designer-access-log');

    // Operator: the NDA acceptance in the audit log
    const operator = await signedIn(world.operator, /\/operator\/ledger$/);
    await operator.goto(`${world.api.url}/operator/audit`);
    await operator.getByRole('search').getByLabel('Action').fill('sourcing.nda_accepted');
    await operator.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await operator.getByTestId('audit-log').getByRole('row', { name: /sourcing\.nda_accepted/ }).waitFor();
    await snapshot(operator, '18-operator-audit-nda');
  }
});
