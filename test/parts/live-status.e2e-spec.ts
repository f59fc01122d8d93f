import { cubeStl } from '../fixtures/meshes';
import { EventStreamClient } from '@partsmith/platform';
import { given } from '../support/given';
import { useMarketplace } from '../support/harness';
import { uploadPart } from './upload-client';

describe('live status: server-sent events as analyses and quotes finish', () => {
  const world = useMarketplace();

  it("tells the organisation — and only it — when a part is analysed and a quote is priced", async () => {
    const designer = await given.designer(world.api.graphql);
    const other = await given.designer(world.api.graphql);
    const mine = await EventStreamClient.open(`${world.api.url}/events`, designer.accessToken);
    const theirs = await EventStreamClient.open(`${world.api.url}/events`, other.accessToken);
    try {
      const upload = await uploadPart(world.api.url, designer.accessToken, 'cube.stl', cubeStl(25));
      const analysed = await mine.next((e) => e.data.id === upload.body.revisionId);
      expect(analysed).toMatchObject({ type: 'part.revision.analyzed', data: { status: 'analyzed' } });

      const request = await world.api.graphql.data(
        `mutation Q($input: RequestQuoteInput!) { requestQuote(input: $input) { ... on Quote { id } } }`,
        { input: { partId: upload.body.partId, process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1] } },
        designer.accessToken,
      );
      const priced = await mine.next((e) => e.type === 'quote.priced' && e.data.id === request.requestQuote.id);
      expect(['ready', 'needs_review']).toContain(priced.data.status);
      expect(theirs.events).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('refuses an unauthenticated stream', async () => {
    const response = await fetch(`${world.api.url}/events`);
    expect(response.status).toBe(401);
  });
});
