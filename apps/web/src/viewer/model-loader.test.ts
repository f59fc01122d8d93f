import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBinaryStl } from './stl';
import { psvm } from './test-meshes';
import { decodeViewerMeshFile } from './viewer-mesh';

vi.mock('../api/apollo', () => ({ freshAccessToken: async () => 'the-token' }));

/** The decoder worker, in-process: decodes what it is sent and answers asynchronously, as a worker does. */
class InProcessWorker extends EventTarget {
  postMessage(message: { id: number; bytes: ArrayBuffer; format: 'mesh' | 'stl' }) {
    void (message.format === 'mesh' ? decodeViewerMeshFile(message.bytes) : Promise.resolve(parseBinaryStl(message.bytes))).then((mesh) =>
      this.dispatchEvent(new MessageEvent('message', { data: { id: message.id, ok: true, mesh } })),
    );
  }
}

/** A one-triangle viewer mesh file as the API serves it: gzipped. */
const triangle = (size: number) =>
  new Response(new Response(psvm([[0, 0, 0], [65_535, 0, 0], [0, 65_535, 0]], [0, 1, 2], [0, 0, 0], [size, size, size])).body!.pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
function stl(size: number): ArrayBuffer {
  const buffer = new ArrayBuffer(84 + 50);
  const view = new DataView(buffer);
  view.setUint32(80, 1, true);
  [0, 0, 0, size, 0, 0, 0, size, 0].forEach((v, k) => view.setFloat32(96 + k * 4, v, true));
  return buffer;
}

describe('loading the model of the revision shown', () => {
  let served: Record<string, { status: number; body: ArrayBuffer | string; revision?: string }>;
  let asked: string[];

  beforeEach(() => {
    vi.resetModules(); // a fresh loader (and its cache) per test
    vi.stubGlobal('Worker', InProcessWorker);
    asked = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const path = new URL(url, 'http://app.test').pathname + new URL(url, 'http://app.test').search;
      asked.push(`${path} ${new Headers(init.headers).get('authorization')}`);
      const answer = served[path] ?? { status: 404, body: JSON.stringify({ error: { code: 'NOT_FOUND', message: `nothing at ${path}` } }) };
      return new Response(answer.body, { status: answer.status, headers: answer.revision ? { 'x-revision-id': answer.revision } : {} });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('uses the current-revision download the page started, when it is that revision', async () => {
    served = { '/parts/p1/mesh/full': { status: 200, body: await triangle(10), revision: 'r2' } };
    const { loadModel, loadRevisionModel, viewerMeshPath } = await import('./model-loader');
    const early = loadModel(viewerMeshPath('p1', 'full'));
    const model = await loadRevisionModel('p1', 'r2', 'full', '/parts/revisions/r2/preview/full');
    expect(model).toBe(await early);
    expect(model.mesh.max).toEqual([10, 10, 10]);
    expect(asked).toEqual(['/parts/p1/mesh/full Bearer the-token']);
  });

  it('asks for the revision shown when the current one has moved on', async () => {
    served = {
      '/parts/p1/mesh/full': { status: 200, body: await triangle(10), revision: 'r3' },
      '/parts/p1/mesh/full?revision=r2': { status: 200, body: await triangle(20), revision: 'r2' },
    };
    const { loadRevisionModel } = await import('./model-loader');
    const model = await loadRevisionModel('p1', 'r2', 'full', '/parts/revisions/r2/preview/full');
    expect(model).toMatchObject({ revisionId: 'r2', mesh: { max: [20, 20, 20] } });
  });

  it('falls back to the binary STL preview of a revision built before viewer meshes', async () => {
    served = { '/parts/revisions/r1/preview/low_poly': { status: 200, body: stl(5) } };
    const { loadRevisionModel } = await import('./model-loader');
    const model = await loadRevisionModel('p1', 'r1', 'low_poly', '/parts/revisions/r1/preview/low_poly');
    expect(model.mesh).toMatchObject({ triangles: 1, indices: null, max: [5, 5, 0] });
    expect(asked.map((line) => line.split(' ')[0])).toEqual(['/parts/p1/mesh/low_poly', '/parts/revisions/r1/preview/low_poly']);
  });

  it('reports a refusal with its reason, and tries again next time', async () => {
    served = { '/parts/p1/mesh/full': { status: 403, body: JSON.stringify({ error: { code: 'FORBIDDEN', message: 'This part belongs to another organisation' } }) } };
    const { loadRevisionModel } = await import('./model-loader');
    await expect(loadRevisionModel('p1', 'r1', 'full', '/stl')).rejects.toThrow('This part belongs to another organisation');
    await expect(loadRevisionModel('p1', 'r1', 'full', '/stl')).rejects.toThrow('another organisation');
    expect(asked).toHaveLength(2);
  });
});
