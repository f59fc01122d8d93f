import { GeometryParseError, formatCount } from '../geometry.errors';
import type { Mesh } from '../geometry.types';
import { DEFAULT_MAX_TRIANGLES } from '../mesh/mesh-builder';
import { invalid3mf, readModelPart, type ComponentRef, type ModelDocument, type ModelObject, type Transform3x4 } from './threemf-model.reader';
import { tokenizeXml } from './xml.tokenizer';
import { DEFAULT_ZIP_LIMITS, ZipReader, normalisePartName, type ZipLimits } from './zip.reader';

export interface ThreeMfParseOptions {
  zipLimits?: Partial<ZipLimits>;
  maxTriangles?: number;
  /** Most model parts (production extension) one package may pull in. */
  maxModelParts?: number;
}

const MODEL_RELATIONSHIP = 'http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel';
const IDENTITY: Transform3x4 = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
const SINGULAR_DETERMINANT = 1e-12;
const MAX_INSTANCES = 1_000_000;

/**
 * 3MF: a ZIP (OPC package) whose `_rels/.rels` names the start model part. Build items instance objects;
 * objects are meshes or components (other objects under a transform, possibly in other model parts). The
 * result is one mesh of every printed instance, in the unit the model declares.
 */
export function parse3mf(bytes: Uint8Array, options: ThreeMfParseOptions = {}): Mesh {
  const zip = new ZipReader(bytes, { ...DEFAULT_ZIP_LIMITS, ...options.zipLimits });
  const startPart = findStartPart(zip);
  const maxParts = options.maxModelParts ?? 64;
  const documents = new Map<string, ModelDocument>();
  const loadPart = (partName: string): ModelDocument => {
    const key = normalisePartName(partName);
    const loaded = documents.get(key);
    if (loaded) return loaded;
    if (documents.size >= maxParts) invalid3mf(`it references more than ${maxParts} model parts`);
    const entry = zip.find(partName);
    if (!entry) invalid3mf(`the model part "${partName}" is referenced but missing from the package`);
    const doc = readModelPart(zip.read(entry), entry.name);
    documents.set(key, doc);
    return doc;
  };

  const root = loadPart(startPart);
  if (root.build.length === 0) invalid3mf('its <build> has no items, so nothing would be manufactured');
  const resolve = (ref: ComponentRef, from: ModelDocument, where: string): { doc: ModelDocument; object: ModelObject } => {
    const doc = ref.path ? loadPart(ref.path) : from;
    const object = doc.objects.get(ref.objectId);
    if (!object) invalid3mf(`${where} refers to object ${ref.objectId}, which ${doc.partName} does not define`);
    return { doc, object };
  };

  // Measure the instanced geometry first (memoised per object, cycles detected) so a component tree that
  // multiplies out to billions of triangles or instances is refused before anything is allocated.
  const sizes = new Map<string, InstanceSize>();
  const visiting = new Set<string>();
  const measure = (doc: ModelDocument, object: ModelObject): InstanceSize => {
    const key = `${doc.partName}#${object.id}`;
    const known = sizes.get(key);
    if (known) return known;
    if (visiting.has(key)) invalid3mf(`object ${object.id} contains itself through its components (a cycle)`);
    visiting.add(key);
    const size: InstanceSize = { triangles: 0, vertices: 0, instances: 1 };
    if (object.type !== 'support' && object.type !== 'other') {
      size.triangles = object.triangles ? object.triangles.length / 3 : 0;
      size.vertices = object.vertices ? object.vertices.length / 3 : 0;
      for (const component of object.components) {
        const child = measure(...spread(resolve(component, doc, `a component of object ${object.id}`)));
        size.triangles += child.triangles;
        size.vertices += child.vertices;
        size.instances += child.instances;
      }
    }
    visiting.delete(key);
    sizes.set(key, size);
    return size;
  };
  const items = root.build.map((item, i) => ({ item, ...resolve(item, root, `build item ${i + 1}`) }));
  const maxTriangles = options.maxTriangles ?? DEFAULT_MAX_TRIANGLES;
  const totals: InstanceSize = { triangles: 0, vertices: 0, instances: 0 };
  for (const { doc, object } of items) {
    const size = measure(doc, object);
    totals.triangles += size.triangles;
    totals.vertices += size.vertices;
    totals.instances += size.instances;
  }
  if (totals.triangles > maxTriangles || totals.vertices > 3 * maxTriangles || totals.instances > MAX_INSTANCES) {
    throw new GeometryParseError(
      'TOO_MANY_TRIANGLES',
      `The 3MF build instances ${formatCount(totals.triangles)} triangles in ${formatCount(totals.instances)} objects, more than Partsmith analyses (${formatCount(maxTriangles)} triangles, ${formatCount(MAX_INSTANCES)} objects).`,
    );
  }
  const total = totals.triangles;
  if (total === 0) throw new GeometryParseError('NO_TRIANGLES', 'The 3MF build contains no triangles: there is no geometry to analyse.');

  const vertexTotal = totals.vertices;
  const positions = new Float32Array(vertexTotal * 3);
  const indices = new Uint32Array(total * 3);
  const notes = new Set<string>();
  let vertexCursor = 0;
  let indexCursor = 0;
  const emit = (doc: ModelDocument, object: ModelObject, transform: Transform3x4): void => {
    if (object.type === 'support' || object.type === 'other') return;
    if (object.vertices && object.triangles) {
      const det = determinant(transform);
      if (Math.abs(det) < SINGULAR_DETERMINANT) notes.add(`object ${object.id} is placed with a transform that flattens it (determinant 0); its volume counts as zero.`);
      else if (det < 0) notes.add(`object ${object.id} is placed with a mirroring transform; its triangle winding was reversed to keep the surface facing outward.`);
      const base = vertexCursor;
      const v = object.vertices;
      const m = transform;
      for (let i = 0; i < v.length; i += 3) {
        const x = v[i];
        const y = v[i + 1];
        const z = v[i + 2];
        positions[vertexCursor * 3] = x * m[0] + y * m[3] + z * m[6] + m[9];
        positions[vertexCursor * 3 + 1] = x * m[1] + y * m[4] + z * m[7] + m[10];
        positions[vertexCursor * 3 + 2] = x * m[2] + y * m[5] + z * m[8] + m[11];
        vertexCursor++;
      }
      const t = object.triangles;
      const mirror = det < 0;
      for (let i = 0; i < t.length; i += 3) {
        indices[indexCursor++] = base + t[i];
        indices[indexCursor++] = base + (mirror ? t[i + 2] : t[i + 1]);
        indices[indexCursor++] = base + (mirror ? t[i + 1] : t[i + 2]);
      }
    }
    for (const component of object.components) {
      const child = resolve(component, doc, `a component of object ${object.id}`);
      emit(child.doc, child.object, component.transform ? compose(component.transform, transform) : transform);
    }
  };
  for (const { item, doc, object } of items) emit(doc, object, item.transform ?? IDENTITY);
  return { format: '3mf', positions, indices, declaredUnit: root.unit, notes: [...notes] };
}

interface InstanceSize {
  triangles: number;
  vertices: number;
  instances: number;
}

function spread(resolved: { doc: ModelDocument; object: ModelObject }): [ModelDocument, ModelObject] {
  return [resolved.doc, resolved.object];
}

function findStartPart(zip: ZipReader): string {
  const relsEntry = zip.find('_rels/.rels');
  if (!relsEntry) invalid3mf('the package has no _rels/.rels, so its 3D model cannot be found');
  let target: string | undefined;
  tokenizeXml(zip.read(relsEntry), relsEntry.name, {
    open(name, attributes) {
      if (name === 'Relationship' && target === undefined && attributes.get('Type') === MODEL_RELATIONSHIP) target = attributes.get('Target');
    },
    close() {},
  });
  if (!target) invalid3mf('_rels/.rels names no 3D model start part (expected a relationship to /3D/3dmodel.model)');
  if (!zip.find(target)) invalid3mf(`the start part "${target}" named in _rels/.rels is missing from the package`);
  return target;
}

/** Applies `inner` first, then `outer` (3MF uses row vectors: p' = p · inner · outer). */
export function compose(inner: Transform3x4, outer: Transform3x4): Transform3x4 {
  const r = new Float64Array(12);
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 3; col++) {
      let sum = row === 3 ? outer[9 + col] : 0;
      for (let k = 0; k < 3; k++) sum += inner[row * 3 + k] * outer[k * 3 + col];
      r[row * 3 + col] = sum;
    }
  }
  return r;
}

function determinant(m: Transform3x4): number {
  return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
}
