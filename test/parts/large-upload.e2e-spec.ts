import { connect, type Socket } from 'node:net';
import { given } from '../support/given';
import { bootApi, createTestEnvironment, type RunningApi, type TestEnvironment } from '../support/harness';
import { uploadPart } from './upload-client';

const MB = 1024 ** 2;

/** A binary STL of `triangles` facets (50 bytes each): a 1 M-triangle part is ~50 MB. Bytes vary, so no reuse. */
function binaryStl(triangles: number, seed: number): Buffer {
  const buffer = Buffer.alloc(84 + 50 * triangles);
  buffer.write('binary STL for the large-upload test', 0, 'ascii');
  buffer.writeUInt32LE(triangles, 80);
  for (let i = 0; i < triangles; i++) {
    const at = 84 + i * 50 + 12;
    buffer.writeFloatLE(i % 1000, at);
    buffer.writeFloatLE(Math.floor(i / 1000), at + 16);
    buffer.writeFloatLE(seed, at + 32);
  }
  return buffer;
}

/**
 * One keep-alive connection used the way a pooled HTTP client uses it: a request, then `idleMs` of
 * silence, then the multipart upload on the same socket. Resolves with the status line and body, or
 * rejects with the socket error (EPIPE / ECONNRESET) when the server dropped the connection meanwhile.
 */
async function uploadOnReusedConnection(baseUrl: string, token: string, stl: Buffer, idleMs: number): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(baseUrl);
  const socket: Socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true }); // like a pooled client that has not read the FIN yet
  socket.setNoDelay(true);
  let received = '';
  let failed: Error | undefined;
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', (error) => (failed = error));
  socket.on('close', () => (closed = true));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));

  const response = async () => {
    for (;;) {
      if (failed) throw failed;
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0) {
        const length = Number(/content-length: *(\d+)/i.exec(received.slice(0, end))?.[1] ?? 0);
        if (received.length >= end + 4 + length) {
          const status = Number(received.slice(9, 12));
          const body = received.slice(end + 4, end + 4 + length);
          received = received.slice(end + 4 + length);
          return { status, body: body ? JSON.parse(body) : null };
        }
      }
      if (closed) throw new Error(`connection closed by the server without a (complete) response: ${JSON.stringify(received.slice(0, 200))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  try {
    socket.write(`GET /health/live HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: keep-alive\r\n\r\n`);
    expect((await response()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, idleMs));

    const boundary = `----partsmith${Date.now()}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="terrain-1m.stl"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const write = (data: Buffer | string) =>
      new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
    await write(
      `POST /parts/upload HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${head.length + stl.length + tail.length}\r\n\r\n`,
    );
    await write(head);
    for (let at = 0; at < stl.length; at += 256 * 1024) await write(stl.subarray(at, at + 256 * 1024));
    await write(tail);
    return await response();
  } finally {
    socket.destroy();
  }
}

describe('large part uploads (tens of MB over a real socket)', () => {
  let env: TestEnvironment;
  let api: RunningApi;

  beforeAll(async () => {
    env = await createTestEnvironment({ UPLOAD_MAX_BYTES: String(60 * MB) });
    api = await bootApi(env.config);
  });

  afterAll(async () => {
    await api?.close();
    await env?.teardown();
  });

  it('accepts a 1 M-triangle (50 MB) binary STL sent on a keep-alive connection that sat idle past Node’s 5 s default', async () => {
    // The reported reset: a client signs in, spends > 5 s building its 50 MB file (its event loop busy, so it
    // cannot notice the server closing the idle pooled connection), then writes the upload into that
    // closed socket: EPIPE / ECONNRESET, no response, nothing in the API log. 6 s of idleness reproduces it.
    const designer = await given.designer(api.graphql);
    const stl = binaryStl(1_000_000, 1);
    expect(stl.length).toBeGreaterThan(50_000_000);
    const upload = await uploadOnReusedConnection(api.url, designer.accessToken, stl, 6_000);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ name: 'terrain-1m', revision: 1, status: 'uploaded', sizeBytes: stl.length });
  }, 60_000);

  it('accepts a 50 MB upload through fetch, and answers one over the cap with a clean 413 and a message', async () => {
    const designer = await given.designer(api.graphql);
    const stl = binaryStl(1_000_000, 2);
    const upload = await uploadPart(api.url, designer.accessToken, 'part.stl', stl);
    expect(upload.status).toBe(201);
    expect(upload.body.sizeBytes).toBe(stl.length);

    const tooBig = await uploadPart(api.url, designer.accessToken, 'huge.stl', binaryStl(1_400_000, 3)); // 70 MB > 60 MB
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than the 60 MB upload limit' });
    // the connection is still good for the next request
    expect((await uploadPart(api.url, designer.accessToken, 'small.stl', binaryStl(1000, 4))).status).toBe(201);
  }, 60_000);
});
