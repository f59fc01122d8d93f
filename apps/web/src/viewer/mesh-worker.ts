/// <reference lib="webworker" />
import { parseBinaryStl } from './stl';
import { decodeViewerMesh, type MeshBuffers } from './viewer-mesh';

/** Asked of the worker: download `url` (a viewer mesh or, for old previews, binary STL) and decode it. */
export interface MeshRequest {
  id: number;
  url: string;
  token: string | null;
  format: 'mesh' | 'stl';
}

export type MeshReply =
  | { id: number; ok: true; mesh: MeshBuffers; revisionId: string | null; fetchedAt: number; parsedAt: number }
  | { id: number; ok: false; status: number | null; message: string };

/**
 * Downloads and decodes the viewer's model off the main thread: the page stays responsive while tens of
 * megabytes are decoded, and the buffers are handed over (transferred, not copied). Times are absolute
 * (timeOrigin-based), since a worker's performance clock starts at its own birth.
 */
addEventListener('message', (event: MessageEvent<MeshRequest>) => {
  const { id, url, token, format } = event.data;
  const now = () => performance.timeOrigin + performance.now();
  (async () => {
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      const reply: MeshReply = { id, ok: false, status: response.status, message: body?.error?.message ?? `${response.status} ${response.statusText}` };
      postMessage(reply);
      return;
    }
    const bytes = await response.arrayBuffer();
    const fetchedAt = now();
    const mesh = format === 'mesh' ? decodeViewerMesh(bytes) : parseBinaryStl(bytes);
    const reply: MeshReply = { id, ok: true, mesh, revisionId: response.headers.get('x-revision-id'), fetchedAt, parsedAt: now() };
    postMessage(reply, { transfer: mesh.indices ? [mesh.positions.buffer, mesh.indices.buffer] : [mesh.positions.buffer] });
  })().catch((error: unknown) => {
    const reply: MeshReply = { id, ok: false, status: null, message: error instanceof Error ? error.message : String(error) };
    postMessage(reply);
  });
});
