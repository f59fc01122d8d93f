import type { PreviewKeys } from './entities';

/** The media type of the viewer's mesh (libs/geometry previewToViewerMesh) in a gzip file, as stored and served. */
export const VIEWER_MESH_CONTENT_TYPE = 'application/vnd.partsmith.mesh+gzip';

/** Both levels in both forms. Revisions built before the viewer mesh existed have only the STL files. */
export function hasAllPreviews(keys: PreviewKeys): boolean {
  return Boolean(keys.low_poly && keys.full && keys.low_poly_mesh && keys.full_mesh);
}
