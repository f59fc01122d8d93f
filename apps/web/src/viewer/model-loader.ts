import { freshAccessToken } from '../api/apollo';
import { parseBinaryStl, type MeshBuffers } from './stl';

const loading = new Map<string, Promise<MeshBuffers>>();

/**
 * Fetches and parses a preview once per page: the part page starts it as soon as it knows the preview's
 * path, so the download overlaps with loading the viewer's chunk, and the viewer picks up the same promise.
 */
export function loadModel(src: string): Promise<MeshBuffers> {
  let model = loading.get(src);
  if (!model) {
    performance.mark('viewer-requested');
    model = (async () => {
      const token = await freshAccessToken();
      const response = await fetch(src, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const bytes = await response.arrayBuffer();
      performance.mark('viewer-fetched');
      const mesh = parseBinaryStl(bytes);
      performance.mark('viewer-parsed');
      return mesh;
    })();
    model.catch(() => loading.delete(src)); // a failed load may be retried by the next visit
    loading.set(src, model);
    if (loading.size > 4) loading.delete(loading.keys().next().value!); // keep memory bounded: meshes are large
  }
  return model;
}
