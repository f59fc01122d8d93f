import { gunzipSync } from 'node:zlib';
import { analyzeFile } from '../analyze-file';
import { box, sphere } from '../__fixtures__/solids';
import { toBinaryStl } from '../__fixtures__/writers';
import { GeometryParseError } from '../geometry.errors';
import { GeometryPool } from './geometry-pool';

describe('GeometryPool (worker threads)', () => {
  const pool = new GeometryPool({ size: 2 });
  afterAll(() => pool.close());

  it('returns exactly what the library computes in-process', async () => {
    const bytes = toBinaryStl(box(20, 30, 40));
    const [threaded, direct] = await Promise.all([pool.analyze(bytes, 'box.stl', { units: 'mm' }), analyzeFile(bytes, 'box.stl', { units: 'mm' })]);
    expect(threaded).toEqual(direct);
    expect(threaded.volumeMm3).toBeCloseTo(24_000, 6);
  });

  it('moves the file to the thread instead of copying it when asked to hand it over, with the same answer', async () => {
    const bytes = toBinaryStl(box(20, 30, 40));
    const expected = await analyzeFile(bytes, 'box.stl', { units: 'mm' });
    const owned = new Uint8Array(bytes); // a view that owns its whole buffer
    const report = pool.analyze(owned, 'box.stl', { units: 'mm', handOver: true });
    expect(await report).toEqual(expected);
    expect(owned.byteLength).toBe(0); // the memory went to the thread
    const shared = new Uint8Array(bytes.byteLength + 16);
    const view = shared.subarray(8, 8 + bytes.byteLength);
    view.set(bytes);
    expect(await pool.analyze(view, 'box.stl', { units: 'mm', handOver: true })).toEqual(expected);
    expect(view.byteLength).toBe(bytes.byteLength); // a view into a larger buffer is copied: the rest of it is not ours to move
  });

  it('builds binary STL previews and the gzipped viewer meshes of the same triangles', async () => {
    const previews = await pool.previews(toBinaryStl(sphere(10, 64, 32)), 'ball.stl', ['low_poly', 'full'], { maxTriangles: 500 });
    const triangles = (stl: Uint8Array) => new DataView(stl.buffer, stl.byteOffset).getUint32(80, true);
    expect(triangles(previews.full.stl)).toBe(64 * 32 * 2 - 2 * 64);
    expect(triangles(previews.low_poly.stl)).toBeLessThanOrEqual(500);
    for (const level of ['low_poly', 'full']) {
      const mesh = gunzipSync(previews[level].viewerMeshGzip);
      expect(mesh.subarray(0, 4).toString('latin1')).toBe('PSVM');
      expect(mesh.readUInt32LE(12)).toBe(triangles(previews[level].stl));
    }
  });

  it('warms up every thread, then still answers as the library does', async () => {
    const warmed = new GeometryPool({ size: 2 });
    try {
      expect(warmed.threads).toBe(0);
      await warmed.warmUp();
      expect(warmed.threads).toBe(2);
      await warmed.warmUp(); // threads already running: nothing more to start
      expect(warmed.threads).toBe(2);
      const bytes = toBinaryStl(sphere(5, 32, 16));
      expect(await warmed.analyze(bytes, 'ball.stl')).toEqual(await analyzeFile(bytes, 'ball.stl'));
    } finally {
      await warmed.close();
    }
  });

  it('rejects a bad file with the typed error and keeps serving', async () => {
    const error = await pool.analyze(new Uint8Array(300).fill(7), 'junk.stl').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeometryParseError);
    expect((error as GeometryParseError).code).toBe('STL_SIZE_MISMATCH');
    await expect(pool.analyze(toBinaryStl(box(1, 1, 1)), 'ok.stl')).resolves.toMatchObject({ triangles: 12 });
  });

  it('serves waiting analyses before waiting preview builds', async () => {
    const single = new GeometryPool({ size: 1 });
    try {
      const finished: string[] = [];
      const ball = toBinaryStl(sphere(10, 120, 60));
      const jobs = [
        single.previews(ball, 'a.stl', ['low_poly', 'full']).then(() => finished.push('previews-1')),
        single.previews(ball, 'b.stl', ['low_poly', 'full']).then(() => finished.push('previews-2')),
        single.analyze(toBinaryStl(box(1, 1, 1)), 'c.stl').then(() => finished.push('analysis')),
      ];
      await Promise.all(jobs);
      expect(finished).toEqual(['previews-1', 'analysis', 'previews-2']); // the first was already running
    } finally {
      await single.close();
    }
  });

  it('stops a task that runs past its time limit and replaces the thread', async () => {
    const impatient = new GeometryPool({ size: 1, taskTimeoutMs: 5 });
    try {
      const error = await impatient.analyze(toBinaryStl(sphere(10, 400, 200)), 'big.stl').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ANALYSIS_TIMEOUT' });
    } finally {
      await impatient.close();
    }
    await expect(pool.analyze(toBinaryStl(box(2, 2, 2)), 'after.stl')).resolves.toMatchObject({ triangles: 12 });
  });
});
