import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { cubeObj, cubeStl } from '../fixtures/meshes';
import { given } from '../support/given';
import { bootApi, bootWorker, createTestEnvironment, eventually, type RunningApi, type TestEnvironment } from '../support/harness';
import { uploadPart } from './upload-client';

const PART = `query P($id: ID!) { part(id: $id) { id name previewLevel currentRevision { id revision status rejectedCode rejectedReason reusedAnalysis
  previews { lowPoly full }
  analysis { format units triangles volumeMm3 surfaceAreaMm2 bbox { min max size } shells watertight nonManifoldEdges findings { code severity message details { key value } } } } } }`;

describe('part intake: upload → geometry worker → analysed part', () => {
  let env: TestEnvironment;
  let api: RunningApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    env = await createTestEnvironment({ UPLOAD_MAX_BYTES: String(64 * 1024) });
    api = await bootApi(env.config);
    worker = await bootWorker(env.config);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
  });

  const settled = (partId: string, token: string) =>
    eventually(async () => {
      const part = (await api.graphql.data(PART, { id: partId }, token)).part;
      return ['analyzed', 'rejected'].includes(part.currentRevision.status) ? part : undefined;
    }, 20_000, `part ${partId} to be analysed`);

  it('measures an uploaded STL exactly and serves its previews', async () => {
    const designer = await given.designer(api.graphql);
    const upload = await uploadPart(api.url, designer.accessToken, 'bracket.stl', cubeStl(20));
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ name: 'bracket', revision: 1, status: 'uploaded', reusedAnalysis: false, sizeBytes: 684 });

    const part = await settled(upload.body.partId, designer.accessToken);
    expect(part.currentRevision).toMatchObject({ status: 'analyzed', reusedAnalysis: false });
    expect(part.currentRevision.analysis).toMatchObject({
      format: 'stl-binary',
      units: 'mm',
      triangles: 12,
      volumeMm3: 8000,
      surfaceAreaMm2: 2400,
      bbox: { min: [0, 0, 0], max: [20, 20, 20], size: [20, 20, 20] },
      shells: 1,
      watertight: true,
      nonManifoldEdges: 0,
    });

    const withPreviews = await eventually(async () => {
      const current = (await api.graphql.data(PART, { id: upload.body.partId }, designer.accessToken)).part.currentRevision;
      return current.previews.lowPoly && current.previews.full ? current : undefined;
    }, 20_000, 'previews');
    const preview = await fetch(`${api.url}${withPreviews.previews.lowPoly}`, { headers: { authorization: `Bearer ${designer.accessToken}` } });
    expect(preview.status).toBe(200);
    const stl = Buffer.from(await preview.arrayBuffer());
    expect(stl.length).toBe(84 + 50 * stl.readUInt32LE(80));
    const original = await fetch(`${api.url}/parts/revisions/${part.currentRevision.id}/file`, { headers: { authorization: `Bearer ${designer.accessToken}` } });
    expect(Buffer.from(await original.arrayBuffer()).equals(cubeStl(20))).toBe(true);

    // every look at the CAD data is in the part's access log, which its designers can read
    const log = await api.graphql.data(
      `query L($id: ID!) { partAccessLog(partId: $id, first: 10) { edges { node { action actorUserId details } } } }`,
      { id: upload.body.partId },
      designer.accessToken,
    );
    const entries = log.partAccessLog.edges.map((edge: { node: { action: string; actorUserId: string; details: string } }) => ({ ...edge.node, details: JSON.parse(edge.node.details) }));
    expect(entries).toEqual([
      { action: 'part.cad_accessed', actorUserId: designer.userId, details: expect.objectContaining({ what: 'file', previewLevel: 'full' }) },
      { action: 'part.cad_accessed', actorUserId: designer.userId, details: expect.objectContaining({ what: 'preview', previewLevel: 'low_poly' }) },
    ]);
  });

  it('reuses the analysis when the same bytes are uploaded again in the same organisation', async () => {
    const designer = await given.designer(api.graphql);
    const first = await uploadPart(api.url, designer.accessToken, 'a.stl', cubeStl(30));
    await settled(first.body.partId, designer.accessToken);
    const jobsBefore = Number((await env.db.query(`SELECT count(*) AS n FROM outbox WHERE name = 'part.analyze'`))[0].n);

    const again = await uploadPart(api.url, designer.accessToken, 'a-copy.stl', cubeStl(30));
    expect(again.body).toMatchObject({ status: 'analyzed', reusedAnalysis: true });
    const part = (await api.graphql.data(PART, { id: again.body.partId }, designer.accessToken)).part;
    expect(part.currentRevision.analysis.volumeMm3).toBe(27000);
    await eventually(async () => {
      const copy = (await api.graphql.data(PART, { id: again.body.partId }, designer.accessToken)).part.currentRevision;
      return copy.previews.lowPoly ? copy : undefined;
    }, 20_000, 'the reused revision to share the previews');
    expect(Number((await env.db.query(`SELECT count(*) AS n FROM outbox WHERE name = 'part.analyze'`))[0].n)).toBe(jobsBefore);

    // another organisation gets its own analysis
    const other = await given.designer(api.graphql);
    const theirs = await uploadPart(api.url, other.accessToken, 'a.stl', cubeStl(30));
    expect(theirs.body).toMatchObject({ status: 'uploaded', reusedAnalysis: false });
  });

  it('rejects a broken file with a reason a designer understands, and keeps working', async () => {
    const designer = await given.designer(api.graphql);
    const truncated = cubeStl(20).subarray(0, 300);
    const broken = await uploadPart(api.url, designer.accessToken, 'broken.stl', truncated);
    expect(broken.status).toBe(201);
    const rejected = await settled(broken.body.partId, designer.accessToken);
    expect(rejected.currentRevision).toMatchObject({ status: 'rejected', analysis: null });
    expect(rejected.currentRevision.rejectedReason).toMatch(/STL declares 12 triangles but the file holds 4/);

    const open = await uploadPart(api.url, designer.accessToken, 'open.obj', cubeObj(10).split('\n').slice(0, -2).join('\n'), { units: 'mm' });
    const openPart = await settled(open.body.partId, designer.accessToken);
    expect(openPart.currentRevision.analysis.watertight).toBe(false);
    expect(openPart.currentRevision.analysis.findings.map((f: { code: string }) => f.code)).toContain('NOT_WATERTIGHT');
  });

  it('reads unitless files in the units given, and re-reads them on request', async () => {
    const designer = await given.designer(api.graphql);
    const upload = await uploadPart(api.url, designer.accessToken, 'tiny.obj', cubeObj(1), { units: 'in', name: 'Inch cube' });
    const part = await settled(upload.body.partId, designer.accessToken);
    expect(part.name).toBe('Inch cube');
    expect(part.currentRevision.analysis.units).toBe('in');
    expect(part.currentRevision.analysis.bbox.size[0]).toBeCloseTo(25.4, 4);

    const mm = await uploadPart(api.url, designer.accessToken, 'tiny.stl', cubeStl(1));
    const small = await settled(mm.body.partId, designer.accessToken);
    const suspicious = small.currentRevision.analysis.findings.find((f: { code: string }) => f.code === 'SUSPICIOUS_SIZE');
    expect(suspicious).toBeDefined();
    const redo = await api.graphql.data(
      `mutation R($id: ID!) { reanalyzePartWithUnits(revisionId: $id, units: in) { revision status } }`,
      { id: small.currentRevision.id },
      designer.accessToken,
    );
    expect(redo.reanalyzePartWithUnits).toEqual({ revision: 2, status: 'uploaded' });
    const redone = await settled(mm.body.partId, designer.accessToken);
    expect(redone.currentRevision.analysis.volumeMm3).toBeCloseTo(25.4 ** 3, 1);
  });

  it('refuses oversize, unsupported and unauthorised uploads without keeping anything', async () => {
    const designer = await given.designer(api.graphql);
    const partsBefore = Number((await env.db.query(`SELECT count(*) AS n FROM parts`))[0].n);
    const huge = await uploadPart(api.url, designer.accessToken, 'huge.stl', Buffer.alloc(200 * 1024, 1));
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('64 KB') });
    const unsupported = await uploadPart(api.url, designer.accessToken, 'drawing.pdf', Buffer.from('%PDF-1.7'));
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error.message).toMatch(/"\.pdf" files are not supported/);
    const badUnits = await uploadPart(api.url, designer.accessToken, 'a.stl', cubeStl(5), { units: 'furlong' });
    expect(badUnits.status).toBe(400);

    const factory = await given.factory(api.graphql);
    expect((await uploadPart(api.url, factory.accessToken, 'a.stl', cubeStl(5))).status).toBe(403);
    expect((await uploadPart(api.url, undefined, 'a.stl', cubeStl(5))).status).toBe(401);

    expect(Number((await env.db.query(`SELECT count(*) AS n FROM parts`))[0].n)).toBe(partsBefore);
    const storageDir = join(env.dataDir, 'storage', 'parts', designer.organizationId, 'incoming');
    expect(readdirSync(storageDir, { recursive: true }).filter((name) => !String(name).includes('/'))).toEqual([]);
  });

  it("keeps one organisation's parts and files from another", async () => {
    const owner = await given.designer(api.graphql);
    const upload = await uploadPart(api.url, owner.accessToken, 'secret.stl', cubeStl(12));
    const stranger = await given.designer(api.graphql);
    const factory = await given.factory(api.graphql);
    for (const caller of [stranger, factory]) {
      const read = await api.graphql.request(PART, { id: upload.body.partId }, caller.accessToken);
      expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const download = await fetch(`${api.url}/parts/revisions/${upload.body.revisionId}/file`, { headers: { authorization: `Bearer ${caller.accessToken}` } });
      expect(download.status).toBe(403);
    }
    const list = await api.graphql.data(`{ parts(first: 10) { totalCount } }`, {}, stranger.accessToken);
    expect(list.parts.totalCount).toBe(0);
  });
});
