import type { INestApplicationContext } from '@nestjs/common';
import { boxStl } from '../fixtures/meshes';
import { uploadPart } from '../parts/upload-client';
import { given, givenOperator, type SignedIn } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';

const REQUEST = `mutation Q($input: RequestQuoteInput!) { requestQuote(input: $input) {
  __typename ... on Quote { id revision status } ... on ErrorResult { errorCode message } ... on InputValidationError { field } } }`;
const QUOTE = `query Q($id: ID!) { quote(id: $id) { id revision status currency catalogVersion expired reviewNote failureReason
  configuration { process material finish tolerance leadTier quantities }
  confidenceDetail { score needsReview reasons { code message } }
  notManufacturableReasons { code message }
  breaks { quantity unitPriceMinor totalMinor leadTimeDays breakdown { line amountMinor } unitBreakdown { line amountMinor } leadTimes { tier businessDays unitPriceMinor selected } carbon { totalKg materialKg shippingKg } } } }`;

describe('instant quotes through the API and the quoting worker', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext;
  let designer: SignedIn;
  let bracketId: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    api = await bootApi(env.config);
    worker = await bootWorker(env.config);
    designer = await given.designer(api.graphql);
    bracketId = await analysedPart(designer, 'bracket.stl', boxStl([50, 30, 10]));
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  async function analysedPart(owner: SignedIn, name: string, bytes: Buffer): Promise<string> {
    const upload = await uploadPart(api.url, owner.accessToken, name, bytes);
    await eventually(async () => {
      const rows = await env.db.query(`SELECT status FROM part_revisions WHERE id = $1`, [upload.body.revisionId]);
      return rows[0].status === 'analyzed' ? true : undefined;
    });
    return upload.body.partId;
  }

  const priced = (id: string, token = designer.accessToken) =>
    eventually(async () => {
      const quote = (await api.graphql.data(QUOTE, { id }, token)).quote;
      return quote.status === 'pending' ? undefined : quote;
    }, 15_000, `quote ${id} to be priced`);

  const sum = (lines: Array<{ amountMinor: number }>) => lines.reduce((total, line) => total + line.amountMinor, 0);

  it('answers at once with a pending quote, then prices every quantity break with an exact breakdown', async () => {
    const request = await api.graphql.data(
      REQUEST,
      { input: { partId: bracketId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [100, 1, 10] } },
      designer.accessToken,
    );
    expect(request.requestQuote).toMatchObject({ __typename: 'Quote', status: 'pending', revision: 1 });
    const quote = await priced(request.requestQuote.id);
    expect(['ready', 'needs_review']).toContain(quote.status);
    expect(quote.configuration).toMatchObject({ process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 10, 100], leadTier: 'standard' });
    expect(quote.currency).toBe('EUR');
    expect(quote.catalogVersion).toMatch(/^db-\d+$/);
    expect(quote.breaks.map((b: { quantity: number }) => b.quantity)).toEqual([1, 10, 100]);
    for (const qb of quote.breaks) {
      expect(sum(qb.breakdown)).toBe(qb.totalMinor);
      expect(sum(qb.unitBreakdown)).toBe(qb.unitPriceMinor);
      expect(qb.totalMinor).toBe(qb.unitPriceMinor * qb.quantity);
      expect(qb.carbon.totalKg).toBeGreaterThan(0);
      expect(qb.leadTimes.filter((option: { selected: boolean }) => option.selected)).toHaveLength(1);
    }
    const units = quote.breaks.map((qb: { unitPriceMinor: number }) => qb.unitPriceMinor);
    expect(units[1]).toBeLessThan(units[0]);
    expect(units[2]).toBeLessThan(units[1]);
    expect(quote.expired).toBe(false);
  });

  it('does not recompute an identical request, and makes a new revision for a new configuration', async () => {
    const input = { partId: bracketId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 10, 100] };
    const first = (await api.graphql.data(REQUEST, { input }, designer.accessToken)).requestQuote;
    const jobs = Number((await env.db.query(`SELECT count(*) AS n FROM outbox WHERE name = 'quote.price'`))[0].n);
    const again = (await api.graphql.data(REQUEST, { input: { ...input, quantities: [10, 1, 100, 10] } }, designer.accessToken)).requestQuote;
    expect(again.id).toBe(first.id);
    expect(Number((await env.db.query(`SELECT count(*) AS n FROM outbox WHERE name = 'quote.price'`))[0].n)).toBe(jobs);

    const expedited = (await api.graphql.data(REQUEST, { input: { ...input, leadTier: 'expedited' } }, designer.accessToken)).requestQuote;
    expect(expedited.id).not.toBe(first.id);
    expect(expedited.revision).toBeGreaterThan(first.revision);
    const [standard, fast] = await Promise.all([priced(first.id), priced(expedited.id)]);
    expect(fast.breaks[0].unitPriceMinor).toBeGreaterThanOrEqual(standard.breaks[0].unitPriceMinor);
    expect(fast.breaks[0].leadTimeDays).toBeLessThanOrEqual(standard.breaks[0].leadTimeDays);
  });

  it('names bad configurations at once and refuses parts that are not analysed', async () => {
    const bad = (input: Record<string, unknown>) => api.graphql.data(REQUEST, { input: { partId: bracketId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1], ...input } }, designer.accessToken);
    expect((await bad({ material: 'unobtainium' })).requestQuote).toMatchObject({ __typename: 'InputValidationError', field: 'material' });
    expect((await bad({ process: 'laser_sintering_on_mars' })).requestQuote).toMatchObject({ __typename: 'InputValidationError', field: 'process' });
    expect((await bad({ quantities: [0] })).requestQuote).toMatchObject({ __typename: 'InputValidationError', field: 'quantities' });
    expect((await bad({ quantities: [] })).requestQuote).toMatchObject({ field: 'quantities' });
    expect((await bad({ finish: 'gold_leaf' })).requestQuote).toMatchObject({ field: 'finish' });

    const broken = await uploadPart(api.url, designer.accessToken, 'broken.stl', boxStl([10, 10, 10]).subarray(0, 200));
    const notReady = await api.graphql.data(REQUEST, { input: { partId: broken.body.partId, process: 'fdm', material: 'pla', quantities: [1] } }, designer.accessToken);
    expect(notReady.requestQuote).toMatchObject({ __typename: 'PartNotReadyError', errorCode: 'PART_NOT_READY' });

    const stranger = await given.designer(api.graphql);
    const foreign = await api.graphql.request(REQUEST, { input: { partId: bracketId, process: 'fdm', material: 'pla', quantities: [1] } }, stranger.accessToken);
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('sends low-confidence quotes to the operator, who adjusts a line with a note and releases it', async () => {
    // 1.5 mm across: probably drawn in inches, so the price may be for the wrong size
    const tiny = await analysedPart(designer, 'inch-part.stl', boxStl([1.8, 1.5, 1.2]));
    const request = (await api.graphql.data(REQUEST, { input: { partId: tiny, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [5] } }, designer.accessToken)).requestQuote;
    const quote = await priced(request.id);
    expect(quote.failureReason).toBeNull();
    expect(quote.status).toBe('needs_review');
    expect(quote.confidenceDetail.needsReview).toBe(true);
    expect(quote.confidenceDetail.reasons.map((r: { code: string }) => r.code)).toContain('UNIT_WARNING');

    const operator = await givenOperator(env.db, api.graphql);
    const queue = await api.graphql.data(`{ quoteReviewQueue(first: 20) { totalCount edges { node { id status } } } }`, {}, operator.accessToken);
    expect(queue.quoteReviewQueue.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(quote.id);
    const denied = await api.graphql.request(`{ quoteReviewQueue(first: 5) { totalCount } }`, {}, designer.accessToken);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const adjust = `mutation A($input: AdjustQuoteLineInput!) { adjustQuoteLine(input: $input) { status breaks { unitPriceMinor totalMinor unitBreakdown { line amountMinor } breakdown { line amountMinor } } } }`;
    const adjusted = (await api.graphql.data(adjust, { input: { quoteId: quote.id, quantity: 5, line: 'postProcessing', unitAmountMinor: 4_000, note: 'Open mesh: manual repair before printing' } }, operator.accessToken)).adjustQuoteLine;
    const qb = adjusted.breaks[0];
    expect(qb.unitBreakdown.find((l: { line: string }) => l.line === 'postProcessing').amountMinor).toBe(4_000);
    expect(sum(qb.unitBreakdown)).toBe(qb.unitPriceMinor);
    expect(sum(qb.breakdown)).toBe(qb.totalMinor);
    expect(qb.totalMinor).toBe(qb.unitPriceMinor * 5);

    const release = `mutation R($id: ID!, $note: String!) { releaseQuote(quoteId: $id, note: $note) { status reviewNote } }`;
    expect((await api.graphql.data(release, { id: quote.id, note: 'Checked the mesh repair' }, operator.accessToken)).releaseQuote).toEqual({ status: 'ready', reviewNote: 'Checked the mesh repair' });
    const twice = await api.graphql.request(release, { id: quote.id, note: 'again' }, operator.accessToken);
    expect(twice.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');

    // the designer hears of the release (hours later, in real life): in-app, and an e-mail goes out
    const notifications = `{ notifications(first: 20) { edges { node { id type subjectId title } } } }`;
    const reviewed = await eventually(async () => {
      const edges = (await api.graphql.data(notifications, {}, designer.accessToken)).notifications.edges;
      return edges.find((e: { node: { type: string; subjectId: string } }) => e.node.type === 'quote.reviewed' && e.node.subjectId === quote.id)?.node;
    }, 15_000, 'the release notification');
    expect(reviewed.title).toBe('Your quote was reviewed');
    await eventually(
      async () => {
        const rows = await env.db.query(`SELECT 1 FROM outbox WHERE name = 'notifications.email.send' AND payload->>'notificationId' = $1`, [reviewed.id]);
        return rows.length > 0 ? rows : undefined;
      },
      15_000,
      'the release e-mail job', // fails the test when none is queued
    );
  });

  it('prices with the catalog operators edit, and refuses edits from anyone else or of the wrong shape', async () => {
    const operator = await givenOperator(env.db, api.graphql);
    const edit = `mutation E($input: CatalogNumbersInput!, $note: String!) { updateCatalogNumbers(kind: material, code: "aluminum_6061", input: $input, note: $note) { priceMinorPerKg } }`;
    const denied = await api.graphql.request(edit, { input: { priceMinorPerKg: 1 }, note: 'x' }, designer.accessToken);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const input = { partId: bracketId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [10] };
    const before = await priced((await api.graphql.data(REQUEST, { input }, designer.accessToken)).requestQuote.id);
    const edited = await api.graphql.data(edit, { input: { priceMinorPerKg: 8_000 }, note: 'Aluminium shortage' }, operator.accessToken);
    expect(edited.updateCatalogNumbers.priceMinorPerKg).toBe(8_000);
    const after = await priced((await api.graphql.data(REQUEST, { input }, designer.accessToken)).requestQuote.id);
    expect(after.catalogVersion).not.toBe(before.catalogVersion);
    const material = (q: typeof before) => q.breaks[0].unitBreakdown.find((l: { line: string }) => l.line === 'material').amountMinor;
    expect(material(after)).toBeGreaterThan(material(before));

    const wrongShape = await api.graphql.request(
      `mutation { setCatalogEntry(kind: material, code: "pla", specJson: "{\\"code\\":\\"pla\\",\\"name\\":\\"PLA\\"}", note: "oops") { code } }`,
      {},
      operator.accessToken,
    );
    expect(wrongShape.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^Not a valid material: spec\.\w+ is missing/) });
    const history = await env.db.query(`SELECT kind, code, note FROM catalog_changes ORDER BY id`);
    expect(history).toEqual([{ kind: 'material', code: 'aluminum_6061', note: 'Aluminium shortage' }]);
  });

  it('says when a part cannot be made by a process, with the reason', async () => {
    const huge = await analysedPart(designer, 'beam.stl', boxStl([3000, 100, 100]));
    const request = (await api.graphql.data(REQUEST, { input: { partId: huge, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1] } }, designer.accessToken)).requestQuote;
    const quote = await priced(request.id);
    expect(quote.status).toBe('not_manufacturable');
    expect(quote.notManufacturableReasons.map((r: { code: string }) => r.code)).toContain('EXCEEDS_ENVELOPE');
    expect(quote.notManufacturableReasons[0].message).toMatch(/\d/);
    expect(quote.breaks).toEqual([]);
  });

  it('refuses an open mesh it cannot price, with the reason', async () => {
    const openPart = await analysedPart(designer, 'open-box.stl', boxStl([40, 40, 20], { dropFaces: 2 }));
    const request = (await api.graphql.data(REQUEST, { input: { partId: openPart, process: 'sls', material: pickMaterial('sls'), quantities: [5] } }, designer.accessToken)).requestQuote;
    const quote = await priced(request.id);
    expect(quote.status).toBe('failed');
    expect(quote.failureReason).toMatch(/encloses no volume.*watertight/);
  });

  it('compares every process for the part, cheapest first, with reasons for those that cannot make it', async () => {
    const compare = `query C($id: ID!) { compareProcesses(partId: $id, quantities: [1, 100]) { rankedAtQuantity
      options { process material breaks { quantity unitPriceMinor } carbonPerPartKg }
      incompatible { process reasons { code message } } } }`;
    const result = (await api.graphql.data(compare, { id: bracketId }, designer.accessToken)).compareProcesses;
    expect(result.rankedAtQuantity).toBe(1);
    expect(result.options.length).toBeGreaterThan(3);
    const prices = result.options.map((o: { breaks: Array<{ unitPriceMinor: number }> }) => o.breaks[0].unitPriceMinor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(result.options.map((o: { process: string }) => o.process)).toContain('cnc_milling_3axis');
    const listed = [...result.options.map((o: { process: string }) => o.process), ...result.incompatible.map((i: { process: string }) => i.process)];
    expect(new Set(listed).size).toBeGreaterThanOrEqual(10);
    const stranger = await given.designer(api.graphql);
    expect((await api.graphql.request(compare, { id: bracketId }, stranger.accessToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps an ordered quote immutable in the database', async () => {
    const [row] = await env.db.query(`SELECT id FROM quotes WHERE status = 'ready' LIMIT 1`);
    await env.db.query(`UPDATE quotes SET status = 'ordered', ordered_at = now() WHERE id = $1`, [row.id]);
    await expect(env.db.query(`UPDATE quotes SET result = NULL WHERE id = $1`, [row.id])).rejects.toThrow(/is ordered and cannot change/);
  });
});

function pickMaterial(process: string): string {
  // first material the default catalog offers for the process
  const { DEFAULT_CATALOG } = jest.requireActual('@partsmith/pricing') as typeof import('@partsmith/pricing');
  return DEFAULT_CATALOG.materials.find((material) => material.processes.includes(process))!.code;
}
