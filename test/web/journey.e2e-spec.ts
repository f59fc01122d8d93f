import type { Browser, BrowserContext, Page } from 'playwright-core';
import { boxStl } from '../fixtures/meshes';
import { SourcingWorld, type ReadyFactory } from '../sourcing/sourcing-world';
import { buildWebApp, launchChromium, snapshot } from './browser';

/**
 * The marketplace as its users meet it, in Debian's Chromium driving the production build the API serves:
 * a designer signs up, uploads an STL, sees it in the 3D viewer, gets a quote and pays with the emulator's
 * test card; a factory accepts the job, posts milestones and ships; the designer accepts the delivery; the
 * operator sees the transfer to the factory in the ledger view. Screenshots: test-artifacts/web/.
 */
describe('web app: the whole journey in a browser', () => {
  const world = new SourcingWorld();
  let browser: Browser;
  let factory: ReadyFactory;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildWebApp(); // before the API boots: it serves apps/web/dist
    await world.start();
    factory = await world.factory();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await world.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  async function signIn(page: Page, email: string, password: string, home: RegExp) {
    await page.goto(`${world.api.url}/sign-in`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(home);
  }

  it('designer → factory → designer → operator', async () => {
    try {
      await journey();
    } catch (error) {
      for (const [i, context] of contexts.entries()) for (const page of context.pages()) await snapshot(page, `failed-${i}`).catch(() => undefined);
      throw error;
    }
  }, 300_000);

  async function journey() {
    // Designer: sign up
    const designer = await newPage();
    await designer.goto(`${world.api.url}/`);
    await designer.waitForURL(/\/sign-in$/);
    await designer.getByRole('link', { name: 'Create one' }).click();
    await designer.getByLabel('Your name').fill('Ada Designer');
    await designer.getByLabel('E-mail').fill(`ada-${Date.now()}@example.test`);
    await designer.getByLabel('Password').fill('a long enough password');
    await designer.getByLabel('Company (or your own name)').fill('Ada Robotics');
    await designer.getByLabel('Country (two letters, e.g. VN)').fill('SE');
    await designer.getByRole('button', { name: 'Create account' }).click();
    await designer.waitForURL(/\/designer\/parts$/);
    await designer.getByRole('heading', { name: 'Parts', exact: true }).waitFor();
    await snapshot(designer, '01-designer-signed-up');

    // Upload an STL (the file input behind the drop zone) and watch its status turn "Analysed" live
    await designer.getByTestId('file-input').setInputFiles({ name: 'bracket.stl', mimeType: 'model/stl', buffer: boxStl([50, 30, 10]) });
    await designer.getByText('bracket.stl uploaded — analysing').or(designer.getByText('bracket.stl: same file as before')).waitFor();
    const row = designer.getByTestId('parts-table').getByRole('row', { name: /bracket/ });
    await row.getByText('Analysed').waitFor();
    await snapshot(designer, '02-designer-uploaded');

    // The part page: metrics, and the model in the lazily loaded viewer with its bounding box
    await row.getByRole('link', { name: 'Open bracket' }).click();
    await designer.getByTestId('part-metrics').getByText('50 × 30 × 10 mm').waitFor();
    await designer.locator('[data-testid="part-viewer"][data-ready="true"]').waitFor({ timeout: 45_000 });
    expect(await designer.getByTestId('viewer-dimensions').textContent()).toContain('50 × 30 × 10 mm');
    expect(await designer.locator('[data-testid="part-viewer"] canvas').count()).toBe(1);
    await snapshot(designer, '03-designer-viewer');

    // The quote for the default configuration (CNC 3-axis) arrives by itself, with its breakdown
    const quote = designer.getByTestId('quote-result');
    await quote.waitFor({ timeout: 45_000 });
    expect(await quote.getAttribute('data-status')).toBe('ready');
    await designer.getByTestId('quote-breakdown').waitFor();
    await designer.getByTestId('quote-confidence').waitFor();
    await quote.getByRole('radio', { name: 'Quantity to order: 10', exact: true }).check();
    await snapshot(designer, '04-designer-quote');
    await quote.getByRole('button', { name: 'Add 10 to cart' }).click();

    // Cart and checkout
    await designer.getByRole('link', { name: 'Cart (1)' }).click();
    await designer.getByTestId('cart-table').getByText('bracket').waitFor();
    await designer.getByLabel('Name or company').fill('Ada Robotics');
    await designer.getByLabel('Street and number').fill('Kungsgatan 1');
    await designer.getByLabel('City').fill('Stockholm');
    await designer.getByLabel('Postal code').fill('111 43');
    await designer.getByLabel('Country (two letters)').fill('SE');
    await designer.getByRole('button', { name: 'Place order' }).click();
    await designer.waitForURL(/\/designer\/orders\/[0-9a-f-]+$/);
    const orderId = designer.url().split('/').pop()!;

    // A declined test card is explained in words; the good one pays through the emulator
    const card = designer.getByTestId('test-card-form');
    await card.getByLabel('Expiry (MM/YY)').fill('12/34');
    await card.getByLabel('CVC').fill('123');
    await card.getByLabel('Card number').fill('4000000000000002');
    await card.getByRole('button', { name: /^Pay / }).click();
    await card.getByRole('alert').getByText('The card was declined').waitFor();
    await card.getByLabel('Card number').fill('4242424242424242');
    expect(await card.getByLabel('Card number').inputValue()).toBe('4242 4242 4242 4242');
    await card.getByRole('button', { name: /^Pay / }).click();
    await designer.getByTestId('payment-succeeded').waitFor();
    await snapshot(designer, '05-designer-paid');

    // The sourcing sweep (a minutely cron outside tests) offers the job to the one eligible factory
    await world.settle();
    await world.sweep();

    // Factory: job board → job → accept → milestones → ship → delivered
    const shop = await newPage();
    await signIn(shop, factory.email, factory.password, /\/factory\/jobs$/);
    await shop.getByTestId('payouts-ready').waitFor();
    const job = shop.getByTestId('job-board').getByRole('link', { name: /Open job/ });
    await job.first().click();
    await shop.getByRole('button', { name: 'Accept the job' }).click();
    await shop.getByTestId('awarded').waitFor();
    await snapshot(shop, '06-factory-accepted');
    const production = shop.getByTestId('production-panel');
    for (const [n, label] of ['Material received', 'In production', 'Quality check', 'Packed'].entries()) {
      expect(await production.getByLabel('Milestone').locator('option:checked').textContent()).toBe(label);
      await production.getByRole('button', { name: 'Post milestone' }).click();
      await production.locator('.timeline li').nth(n).getByText(label).waitFor();
    }
    await production.getByLabel('Carrier').fill('DHL Express');
    await production.getByLabel('Tracking number').fill('JD014600006281120426');
    await production.getByRole('button', { name: 'Mark shipped' }).click();
    await production.getByRole('button', { name: 'Mark delivered' }).click();
    await shop.getByTestId('delivered').waitFor();
    await snapshot(shop, '07-factory-shipped');

    // Designer: the order page shows production and shipment; accept the delivery
    await designer.reload();
    const tracking = designer.getByTestId('job-line-tracking');
    await tracking.getByTestId('shipment').getByText('DHL Express').waitFor();
    expect(await tracking.locator('.timeline li').count()).toBe(4);
    await tracking.getByRole('button', { name: 'Accept delivery' }).click();
    await designer.getByTestId('delivery-accepted').waitFor();
    await designer.getByTestId('order-timeline').getByText('Line 1: Delivered → Accepted').waitFor();
    await snapshot(designer, '08-designer-accepted');

    // Operator: the transfer to the factory in the ledger view
    await world.settle();
    const [transfer] = await world.env.db.query(`SELECT amount_minor::int AS amount, currency, status FROM factory_transfers WHERE order_id = $1`, [orderId]);
    expect(transfer.status).toBe('created');
    const operator = await newPage();
    await signIn(operator, world.operator.email, world.operator.password, /\/operator\/ledger$/);
    const transfers = operator.getByTestId('transfers-table');
    const transferRow = transfers.getByRole('row', { name: new RegExp(orderId.slice(0, 8)) });
    await transferRow.getByText('Sent').waitFor();
    const amount = new Intl.NumberFormat('en-GB', { style: 'currency', currency: transfer.currency }).format(transfer.amount / 100);
    await transferRow.getByText(amount).waitFor();
    expect(await transferRow.textContent()).toContain(factory.organizationId.slice(0, 8));
    await operator.getByTestId('ledger-table').waitFor();
    expect(await operator.getByText('Debits equal credits for each currency shown.').count()).toBe(1);
    await snapshot(operator, '09-operator-ledger');
  }
});
