import * as zlib from 'node:zlib';
import type { TestMesh } from './solids';

/** Binary STL with a header that starts with "solid" (as many exporters write) and garbage attribute bytes. */
export function toBinaryStl(mesh: TestMesh, header = 'solid but actually binary'): Buffer {
  const triangles = mesh.indices.length / 3;
  const bytes = Buffer.alloc(84 + 50 * triangles);
  bytes.write(header.slice(0, 80), 0, 'latin1');
  bytes.writeUInt32LE(triangles, 80);
  for (let t = 0; t < triangles; t++) {
    const base = 84 + 50 * t;
    bytes.writeFloatLE(0, base); // normals left zero: readers must not trust them
    for (let k = 0; k < 3; k++) {
      const v = mesh.indices[t * 3 + k] * 3;
      for (let axis = 0; axis < 3; axis++) bytes.writeFloatLE(mesh.positions[v + axis], base + 12 + k * 12 + axis * 4);
    }
    bytes.writeUInt16LE((t * 7919) & 0xffff, base + 48);
  }
  return bytes;
}

/** ASCII STL with one `solid` block per mesh, keywords in alternating case, ragged whitespace, exponents. */
export function toAsciiStl(meshes: TestMesh[], mixedCase = true): Buffer {
  const word = (w: string, i: number): string => (mixedCase ? (i % 2 ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)) : w);
  const lines: string[] = [];
  meshes.forEach((mesh, m) => {
    lines.push(`${word('solid', m)} part_${m} with a name`);
    for (let t = 0; t < mesh.indices.length / 3; t++) {
      lines.push(`  ${word('facet', t)}  normal 0 0 0`);
      lines.push(`\t${word('outer', t)} ${word('loop', t)}`);
      for (let k = 0; k < 3; k++) {
        const v = mesh.indices[t * 3 + k] * 3;
        const xyz = [0, 1, 2].map((axis) => (t % 3 === 0 ? mesh.positions[v + axis].toExponential(9) : String(mesh.positions[v + axis])));
        lines.push(`      ${word('vertex', k)}   ${xyz.join('  ')}`);
      }
      lines.push(`    ${word('endloop', t)}`);
      lines.push(`  ${word('endfacet', t)}`);
    }
    lines.push(`${word('endsolid', m)} part_${m}`);
  });
  return Buffer.from(lines.join(m_eol(meshes.length)) + '\n', 'latin1');
}

function m_eol(count: number): string {
  return count > 1 ? '\r\n' : '\n';
}

/**
 * OBJ with groups, comments, texture/normal index forms and negative (relative) indices; pairs of triangles
 * that share an edge are written as one quad when `quads` is set.
 */
export function toObj(mesh: TestMesh, options: { negative?: boolean; quads?: boolean } = {}): Buffer {
  const lines = ['# generated for tests', 'mtllib nothing.mtl', 'o part', 'g body'];
  const vertexCount = mesh.positions.length / 3;
  for (let v = 0; v < vertexCount; v++) lines.push(`v ${mesh.positions[v * 3]} ${mesh.positions[v * 3 + 1]} ${mesh.positions[v * 3 + 2]}`);
  lines.push('vt 0 0', 'vn 0 0 1', 's off');
  const ref = (v: number, t: number): string => {
    const index = options.negative ? String(v - vertexCount) : String(v + 1);
    return t % 3 === 0 ? index : t % 3 === 1 ? `${index}/1` : `${index}//1`;
  };
  const faces = mesh.indices.length / 3;
  for (let t = 0; t < faces; t++) {
    const [a, b, c] = mesh.indices.slice(t * 3, t * 3 + 3);
    if (options.quads && t + 1 < faces) {
      const [d, e, f] = mesh.indices.slice(t * 3 + 3, t * 3 + 6);
      // triangles (a,b,c),(a,c,x) form the quad a,b,c,x
      const quad = d === a && e === c ? [a, b, c, f] : d === c && e === b ? [a, b, f, c] : null;
      if (quad) {
        lines.push(`f ${quad.map((v) => ref(v, t)).join(' ')}`);
        t++;
        continue;
      }
    }
    lines.push(`f ${ref(a, t)} ${ref(b, t)} ${ref(c, t)}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** 0 stored, 8 deflate (default). */
  method?: number;
  /** Lie about the uncompressed size (zip-bomb tests). */
  declaredSize?: number;
}

/** A minimal ZIP writer (local headers, central directory, end record) for building 3MF packages. */
export function zip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const method = entry.method ?? 8;
    const payload = method === 8 ? zlib.deflateRawSync(data) : data;
    const name = Buffer.from(entry.name, 'utf8');
    const crc = zlib.crc32(data) >>> 0;
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, payload);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + payload.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/></Types>`;

export function relsFor(target = '/3D/3dmodel.model'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Target="${target}" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/></Relationships>`;
}

export function meshObjectXml(id: number, mesh: TestMesh, type = 'model'): string {
  const vertices: string[] = [];
  for (let v = 0; v < mesh.positions.length / 3; v++) vertices.push(`<vertex x="${mesh.positions[v * 3]}" y="${mesh.positions[v * 3 + 1]}" z="${mesh.positions[v * 3 + 2]}"/>`);
  const triangles: string[] = [];
  for (let t = 0; t < mesh.indices.length / 3; t++) triangles.push(`<triangle v1="${mesh.indices[t * 3]}" v2="${mesh.indices[t * 3 + 1]}" v3="${mesh.indices[t * 3 + 2]}"/>`);
  return `<object id="${id}" type="${type}"><mesh><vertices>\n${vertices.join('\n')}\n</vertices><triangles>\n${triangles.join('\n')}\n</triangles></mesh></object>`;
}

export function modelXml(unit: string, resources: string, build: string, prolog = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}
<!-- written by the Partsmith test helpers -->
<model unit="${unit}" xml:lang="en-US" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02" xmlns:p="http://schemas.microsoft.com/3dmanufacturing/production/2015/06">
<metadata name="Title">Test &amp; part</metadata>
<resources>${resources}</resources>
<build>${build}</build>
</model>`;
}

/** A complete 3MF package around one model part. */
export function threeMf(model: string, extra: ZipInput[] = []): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: relsFor() },
    { name: '3D/3dmodel.model', data: model },
    ...extra,
  ]);
}
