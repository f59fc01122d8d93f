import { freshAccessToken } from '../api/apollo';
import type { DecodeReply, DecodeRequest } from './mesh-worker';
import type { MeshBuffers } from './viewer-mesh';

export type PreviewLevel = 'full' | 'low_poly';

/** What the viewer shows: the mesh and the revision it belongs to. */
export interface LoadedModel {
  mesh: MeshBuffers;
  revisionId: string | null;
}

/** A failed download with the HTTP status, when there was one (404: no viewer mesh for that revision). */
export class ModelLoadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** The viewer mesh of a part's current revision (or of `revisionId`): keyed by part, so it can be asked for before the part's data is in. */
export function viewerMeshPath(partId: string, level: PreviewLevel, revisionId?: string): string {
  return `/parts/${partId}/mesh/${level}${revisionId ? `?revision=${revisionId}` : ''}`;
}

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (mesh: MeshBuffers) => void; reject: (error: Error) => void }>();

function decoder(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./mesh-worker.ts', import.meta.url), { type: 'module', name: 'mesh' });
    worker.addEventListener('message', (event: MessageEvent<DecodeReply>) => {
      const reply = event.data;
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) pending?.resolve(reply.mesh);
      else pending?.reject(new ModelLoadError(reply.message, null));
    });
    worker.addEventListener('error', (event) => {
      for (const pending of waiting.values()) pending.reject(new ModelLoadError(`the mesh decoder failed: ${event.message}`, null));
      waiting.clear();
      worker = null;
    });
  }
  return worker;
}

function decode(bytes: ArrayBuffer, format: 'mesh' | 'stl'): Promise<MeshBuffers> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    decoder().postMessage({ id, bytes, format } satisfies DecodeRequest, { transfer: [bytes] });
  });
}

const loading = new Map<string, Promise<LoadedModel>>();

/**
 * Downloads a model and decodes it in a Web Worker, once per page: the part page starts it as soon as its
 * route matches, so the download overlaps with the part's query and the viewer's chunk, and the viewer picks
 * up the same promise. `format` is what `src` serves: the viewer mesh, or binary STL (old previews).
 */
export function loadModel(src: string, format: 'mesh' | 'stl' = 'mesh'): Promise<LoadedModel> {
  let model = loading.get(src);
  if (!model) {
    performance.mark('viewer-requested');
    decoder(); // boots while the bytes download
    model = (async () => {
      const token = await freshAccessToken();
      const response = await fetch(src, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      performance.mark('viewer-headers');
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new ModelLoadError(body?.error?.message ?? `${response.status} ${response.statusText}`, response.status);
      }
      const bytes = await response.arrayBuffer();
      performance.mark('viewer-fetched');
      const mesh = await decode(bytes, format);
      performance.mark('viewer-parsed');
      return { mesh, revisionId: response.headers.get('x-revision-id') };
    })();
    model.catch(() => loading.delete(src)); // a failed load may be retried by the next visit
    loading.set(src, model);
    if (loading.size > 4) loading.delete(loading.keys().next().value!); // keep memory bounded: meshes are large
  }
  return model;
}

/**
 * The model of one revision at `level`: the part's current-revision mesh (likely already on its way), that
 * revision's own mesh when the current revision has moved on, or its binary STL preview when it was built
 * before viewer meshes existed.
 */
export async function loadRevisionModel(partId: string, revisionId: string, level: PreviewLevel, stlPath: string): Promise<LoadedModel> {
  try {
    const current = await loadModel(viewerMeshPath(partId, level));
    if (current.revisionId === revisionId) return current;
    return await loadModel(viewerMeshPath(partId, level, revisionId));
  } catch (error) {
    if (error instanceof ModelLoadError && error.status === 404) return loadModel(stlPath, 'stl');
    throw error;
  }
}
