/// <reference lib="webworker" />
import { parseBinaryStl } from './stl';
import { decodeViewerMeshFile, type MeshBuffers } from './viewer-mesh';

/** Asked of the worker: decode these bytes (a gzipped viewer mesh or, for old previews, binary STL). */
export interface DecodeRequest {
  id: number;
  bytes: ArrayBuffer;
  format: 'mesh' | 'stl';
}

export type DecodeReply = { id: number; ok: true; mesh: MeshBuffers } | { id: number; ok: false; message: string };

/**
 * Unpacks and decodes the viewer's model off the main thread, so the page stays responsive while tens of
 * megabytes are unpacked; the bytes come in and the buffers go back transferred, not copied. (The download itself stays
 * on the page: it starts at once, while this worker is still booting.)
 */
addEventListener('message', (event: MessageEvent<DecodeRequest>) => {
  const { id, bytes, format } = event.data;
  (format === 'mesh' ? decodeViewerMeshFile(bytes) : Promise.resolve().then(() => parseBinaryStl(bytes))).then(
    (mesh) => {
      const reply: DecodeReply = { id, ok: true, mesh };
      postMessage(reply, { transfer: mesh.indices ? [mesh.positions.buffer, mesh.indices.buffer] : [mesh.positions.buffer] });
    },
    (error: unknown) => {
      const reply: DecodeReply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
      postMessage(reply);
    },
  );
});
