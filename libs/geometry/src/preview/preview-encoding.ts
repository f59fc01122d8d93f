import type { Preview } from './preview';

/** Encodes a preview as a binary STL (mm), the format every viewer opens. */
export function previewToStl(preview: Preview, header = 'Partsmith preview'): Uint8Array {
  const triangles = preview.indices.length / 3;
  const bytes = new Uint8Array(84 + 50 * triangles);
  const view = new DataView(bytes.buffer);
  bytes.set(Buffer.from(header.slice(0, 80), 'latin1'));
  view.setUint32(80, triangles, true);
  const p = preview.positions;
  for (let t = 0; t < triangles; t++) {
    const base = 84 + 50 * t;
    const ia = preview.indices[t * 3] * 3;
    const ib = preview.indices[t * 3 + 1] * 3;
    const ic = preview.indices[t * 3 + 2] * 3;
    const ux = p[ib] - p[ia];
    const uy = p[ib + 1] - p[ia + 1];
    const uz = p[ib + 2] - p[ia + 2];
    const vx = p[ic] - p[ia];
    const vy = p[ic + 1] - p[ia + 1];
    const vz = p[ic + 2] - p[ia + 2];
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    const length = Math.hypot(nx, ny, nz) || 1;
    nx /= length;
    ny /= length;
    nz /= length;
    view.setFloat32(base, nx, true);
    view.setFloat32(base + 4, ny, true);
    view.setFloat32(base + 8, nz, true);
    let offset = base + 12;
    for (const i of [ia, ib, ic]) {
      view.setFloat32(offset, p[i], true);
      view.setFloat32(offset + 4, p[i + 1], true);
      view.setFloat32(offset + 8, p[i + 2], true);
      offset += 12;
    }
  }
  return bytes;
}

export interface PreviewJson {
  level: string;
  bbox: Preview['bbox'];
  /** Base64 of the little-endian Float32 positions (mm). */
  positions: string;
  /** Base64 of the little-endian Uint32 indices. */
  indices: string;
  triangles: number;
}

/** JSON-safe form: the typed arrays as base64, a third of the size of number arrays. */
export function previewToJson(preview: Preview): PreviewJson {
  return {
    level: preview.level,
    bbox: preview.bbox,
    positions: Buffer.from(preview.positions.buffer, preview.positions.byteOffset, preview.positions.byteLength).toString('base64'),
    indices: Buffer.from(preview.indices.buffer, preview.indices.byteOffset, preview.indices.byteLength).toString('base64'),
    triangles: preview.indices.length / 3,
  };
}

export function previewFromJson(json: PreviewJson): Preview {
  const positions = Buffer.from(json.positions, 'base64');
  const indices = Buffer.from(json.indices, 'base64');
  return {
    level: json.level as Preview['level'],
    bbox: json.bbox,
    positions: new Float32Array(positions.buffer.slice(positions.byteOffset, positions.byteOffset + positions.byteLength)),
    indices: new Uint32Array(indices.buffer.slice(indices.byteOffset, indices.byteOffset + indices.byteLength)),
  };
}
