import { GeometryParseError, formatCount } from '../geometry.errors';
import type { LengthUnit } from '../geometry.types';
import { GrowableFloat32, GrowableUint32 } from '../mesh/mesh-builder';
import { unitFrom3mf } from '../units';
import { tokenizeXml, type XmlAttributes } from './xml.tokenizer';

/** Row-major 3x4 affine transform as 3MF writes it: "m00 m01 m02 m10 m11 m12 m20 m21 m22 m30 m31 m32". */
export type Transform3x4 = Float64Array;

export interface ComponentRef {
  objectId: number;
  /** Production-extension path of the model part that holds the object; undefined = same part. */
  path?: string;
  transform: Transform3x4 | null;
}

export interface ModelObject {
  id: number;
  type: string;
  vertices: Float32Array | null;
  triangles: Uint32Array | null;
  components: ComponentRef[];
}

export interface ModelDocument {
  partName: string;
  unit: LengthUnit;
  objects: Map<number, ModelObject>;
  build: ComponentRef[];
}

export function invalid3mf(problem: string): never {
  throw new GeometryParseError('THREEMF_INVALID', `The 3MF file is invalid: ${problem}.`);
}

export function parseTransform(text: string | undefined, where: string): Transform3x4 | null {
  if (text === undefined) return null;
  const parts = text.trim().split(/\s+/);
  const values = parts.map(Number);
  if (parts.length !== 12 || values.some((v) => !Number.isFinite(v))) {
    invalid3mf(`the transform of ${where} must be 12 numbers, found "${text.slice(0, 80)}"`);
  }
  return Float64Array.from(values);
}

/** Reads one 3MF model part (the XML) into objects and build items, checking the core specification's rules. */
export function readModelPart(xml: Uint8Array, partName: string): ModelDocument {
  const doc: ModelDocument = { partName, unit: 'mm', objects: new Map(), build: [] };
  const path: string[] = [];
  let current: ModelObject | null = null;
  let vertices: GrowableFloat32 | null = null;
  let triangles: GrowableUint32 | null = null;
  let vertexCount = 0;

  const idOf = (attributes: XmlAttributes, name: string, element: string): number => {
    const value = attributes.getNumber(name);
    if (value === undefined) invalid3mf(`a <${element}> in ${partName} has no ${name}`);
    if (!Number.isInteger(value) || value < 0) invalid3mf(`a <${element}> in ${partName} has ${name}="${attributes.get(name)}", which is not a whole number`);
    return value;
  };

  tokenizeXml(xml, partName, {
    open(name, attributes) {
      const parent = path[path.length - 1];
      path.push(name);
      if (name === 'model' && path.length === 1) {
        const unitText = attributes.get('unit');
        if (unitText !== undefined) {
          const unit = unitFrom3mf(unitText);
          if (unit === null) invalid3mf(`unit="${unitText}" is not one of micron, millimeter, centimeter, inch, foot, meter`);
          doc.unit = unit;
        }
      } else if (path.length === 1) {
        invalid3mf(`the root element of ${partName} is <${name}>, not <model>`);
      } else if (name === 'object' && parent === 'resources') {
        const id = idOf(attributes, 'id', 'object');
        if (doc.objects.has(id)) invalid3mf(`object id ${id} is used twice in ${partName}`);
        current = { id, type: attributes.get('type') ?? 'model', vertices: null, triangles: null, components: [] };
        doc.objects.set(id, current);
      } else if (name === 'mesh' && parent === 'object' && current) {
        vertices = new GrowableFloat32(3 * 1024);
        triangles = new GrowableUint32(3 * 2048);
        vertexCount = 0;
      } else if (name === 'vertex' && parent === 'vertices' && vertices) {
        const x = attributes.getNumber('x');
        const y = attributes.getNumber('y');
        const z = attributes.getNumber('z');
        if (x === undefined || y === undefined || z === undefined || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
          throw new GeometryParseError(
            'NON_FINITE_COORDINATE',
            `The 3MF file is invalid: vertex ${formatCount(vertexCount)} of object ${current?.id} needs finite numeric x, y and z attributes.`,
          );
        }
        vertices.push3(x, y, z);
        vertexCount++;
      } else if (name === 'triangle' && parent === 'triangles' && triangles) {
        const v1 = attributes.getNumber('v1');
        const v2 = attributes.getNumber('v2');
        const v3 = attributes.getNumber('v3');
        const index = triangles.length / 3;
        for (const v of [v1, v2, v3]) {
          if (v === undefined || !Number.isInteger(v) || v < 0 || v >= vertexCount) {
            throw new GeometryParseError(
              'INDEX_OUT_OF_RANGE',
              `The 3MF file is invalid: triangle ${formatCount(index)} of object ${current?.id} refers to vertex ${v ?? '(missing)'}, but the object has ${formatCount(vertexCount)} vertices (0 to ${formatCount(vertexCount - 1)}).`,
            );
          }
        }
        if (v1 === v2 || v2 === v3 || v1 === v3) {
          invalid3mf(`triangle ${formatCount(index)} of object ${current?.id} repeats a vertex (v1=${v1}, v2=${v2}, v3=${v3}); the 3MF specification requires three distinct vertices`);
        }
        triangles.push3(v1 as number, v2 as number, v3 as number);
      } else if (name === 'component' && parent === 'components' && current) {
        current.components.push({
          objectId: idOf(attributes, 'objectid', 'component'),
          path: attributes.get('path'),
          transform: parseTransform(attributes.get('transform'), `a component of object ${current.id}`),
        });
      } else if (name === 'item' && parent === 'build') {
        const objectId = idOf(attributes, 'objectid', 'item');
        doc.build.push({ objectId, path: attributes.get('path'), transform: parseTransform(attributes.get('transform'), `build item ${objectId}`) });
      }
    },
    close(name) {
      path.pop();
      if (name === 'mesh' && current && vertices && triangles) {
        current.vertices = vertices.toArray();
        current.triangles = triangles.toArray();
        vertices = null;
        triangles = null;
      } else if (name === 'object' && current) {
        const object: ModelObject = current;
        if (object.vertices && object.components.length > 0) invalid3mf(`object ${object.id} has both a mesh and components`);
        if (!object.vertices && object.components.length === 0) invalid3mf(`object ${object.id} has neither a mesh nor components`);
        current = null;
      }
    },
  });
  if (path.length !== 0) invalid3mf(`${partName} ends inside <${path[path.length - 1]}>`);
  return doc;
}
