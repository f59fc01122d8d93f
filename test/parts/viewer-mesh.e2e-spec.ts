import { gunzipSync } from 'node:zlib';
import { decodeViewerMesh } from '../../apps/web/src/viewer/viewer-mesh';
import { boxStl, cubeStl } from '../fixtures/meshes';
import { given, givenOperator, type SignedIn } from '../support/given';
import { eventually, useMarketplace } from '../support/harness';
import { uploadPart } from './upload-client';

const REVISION = `query P($id: ID!) { part(id: $id) { currentRevision { id status previews { lowPoly full } } } }`;

describe('the web viewer mesh: GET /parts/:partId/mesh/:level', () => {
  const world = useMarketplace();

  const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${world.api.url}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  /** the body is a gzip file (the format, not a transfer encoding) */
  const meshOf = async (response: Response) => {
    const file = gunzipSync(Buffer.from(await response.arrayBuffer()));
    return decodeViewerMesh(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  };

  async function partWithPreviews(designer: SignedIn, bytes: Buffer, fields: Record<string, string> = {}) {
    const upload = await uploadPart(world.api.url, designer.accessToken, 'bracket.stl', bytes, fields);
    expect(upload.status).toBe(201);
    const revision = await eventually(async () => {
      const current = (await world.api.graphql.data(REVISION, { id: upload.body.partId }, designer.accessToken)).part.currentRevision;
      return current.id === upload.body.revisionId && current.previews.full ? current : undefined;
    }, 20_000, 'previews');
    return { partId: upload.body.partId as string, revisionId: revision.id as string };
  }

  it('serves the current revision as a gzip file, revalidates with 304, and logs every look', async () => {
    const designer = await given.designer(world.api.graphql);
    const { partId, revisionId } = await partWithPreviews(designer, boxStl([20, 30, 40]));

    const response = await get(`/parts/${partId}/mesh/full`, designer.accessToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/vnd.partsmith.mesh+gzip');
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('x-revision-id')).toBe(revisionId);
    const mesh = await meshOf(response);
    expect(mesh).toMatchObject({ triangles: 12, min: [0, 0, 0], max: [20, 30, 40] });
    expect(mesh.positions.length).toBe(8 * 3); // welded: a box has 8 corners

    const again = await get(`/parts/${partId}/mesh/full`, designer.accessToken, { 'if-none-match': response.headers.get('etag')! });
    expect(again.status).toBe(304);
    const small = await get(`/parts/${partId}/mesh/low_poly`, designer.accessToken, { 'if-none-match': response.headers.get('etag')! }); // another level: another tag
    expect(small.status).toBe(200);
    expect((await meshOf(small)).triangles).toBe(12);

    const log = await world.api.graphql.data(`query L($id: ID!) { partAccessLog(partId: $id, first: 10) { edges { node { actorUserId details } } } }`, { id: partId }, designer.accessToken);
    const looks = log.partAccessLog.edges.map((edge: { node: { details: string } }) => JSON.parse(edge.node.details));
    expect(looks).toEqual([
      expect.objectContaining({ what: 'preview', previewLevel: 'low_poly', revisionId }),
      expect.objectContaining({ what: 'preview', previewLevel: 'full', revisionId }),
      expect.objectContaining({ what: 'preview', previewLevel: 'full', revisionId }),
    ]);
  });

  it('answers for the revision asked for, and only for revisions of that part', async () => {
    const designer = await given.designer(world.api.graphql);
    const first = await partWithPreviews(designer, cubeStl(10));
    const second = await partWithPreviews(designer, cubeStl(25), { partId: first.partId });
    const current = await get(`/parts/${first.partId}/mesh/full`, designer.accessToken);
    expect(current.headers.get('x-revision-id')).toBe(second.revisionId);
    expect((await meshOf(current)).max).toEqual([25, 25, 25]);
    const older = await get(`/parts/${first.partId}/mesh/full?revision=${first.revisionId}`, designer.accessToken);
    expect(older.headers.get('x-revision-id')).toBe(first.revisionId);
    expect((await meshOf(older)).max).toEqual([10, 10, 10]);

    const elsewhere = await partWithPreviews(designer, cubeStl(12));
    expect((await get(`/parts/${first.partId}/mesh/full?revision=${elsewhere.revisionId}`, designer.accessToken)).status).toBe(404);
    expect((await get(`/parts/${first.partId}/mesh/full?revision=nope`, designer.accessToken)).status).toBe(400);
    expect((await get(`/parts/${first.partId}/mesh/bbox`, designer.accessToken)).status).toBe(400);
  });

  it('is for the owning organisation and operators only, like the STL preview', async () => {
    const designer = await given.designer(world.api.graphql);
    const { partId } = await partWithPreviews(designer, cubeStl(15));
    const path = `/parts/${partId}/mesh/full`;
    expect((await get(path)).status).toBe(401);
    expect((await get(path, (await given.designer(world.api.graphql)).accessToken)).status).toBe(403);
    expect((await get(path, (await given.factory(world.api.graphql)).accessToken)).status).toBe(403); // factories: /sourcing/jobs/:id/preview, at the designer's level
    expect((await get(path, (await givenOperator(world.env.db, world.api.graphql)).accessToken)).status).toBe(200);
    expect((await get(`/parts/00000000-0000-4000-8000-000000000000/mesh/full`, designer.accessToken)).status).toBe(404);
  });

  it('says where the STL preview is for a revision built before viewer meshes existed', async () => {
    const designer = await given.designer(world.api.graphql);
    const { partId, revisionId } = await partWithPreviews(designer, cubeStl(18));
    await world.env.db.query(`UPDATE part_revisions SET preview_keys = preview_keys - 'full_mesh' - 'low_poly_mesh' WHERE id = $1`, [revisionId]);
    const response = await get(`/parts/${partId}/mesh/full`, designer.accessToken);
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain(`/parts/revisions/${revisionId}/preview/full`);
  });
});
