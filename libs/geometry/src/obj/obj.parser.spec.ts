import { analyzeMesh } from '../analysis/analyze-mesh';
import { GeometryParseError } from '../geometry.errors';
import { box, exactMeasures, torus } from '../__fixtures__/solids';
import { toObj } from '../__fixtures__/writers';
import { parseObj } from './obj.parser';

function parseError(text: string): GeometryParseError {
  try {
    parseObj(Buffer.from(text));
  } catch (error) {
    if (error instanceof GeometryParseError) return error;
    throw error;
  }
  throw new Error('expected a GeometryParseError');
}

describe('OBJ', () => {
  it('reads negative indices, v/vt/vn forms and quads into the same solid', () => {
    const solid = torus(20, 5, 24, 12);
    const expected = exactMeasures(solid);
    for (const options of [{}, { negative: true }, { quads: true }, { negative: true, quads: true }]) {
      const mesh = parseObj(toObj(solid, options));
      const report = analyzeMesh(mesh);
      expect(report.watertight).toBe(true);
      expect(report.volumeMm3).toBeCloseTo(expected.volume, -1);
      expect(report.surfaceAreaMm2 / expected.area).toBeCloseTo(1, 5);
    }
  });

  it('writes quads as fewer face lines (the quad path is really exercised)', () => {
    const solid = box(1, 1, 1);
    const plain = toObj(solid).toString().match(/^f /gm)?.length;
    const quads = toObj(solid, { quads: true }).toString().match(/^f /gm)?.length;
    expect(quads).toBeLessThan(plain as number);
    expect(parseObj(toObj(solid, { quads: true })).indices.length / 3).toBe(12);
  });

  it('fan-triangulates polygons and resolves relative indices against vertices defined so far', () => {
    const mesh = parseObj(Buffer.from('v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nv 0 2 0\nf -5 -4 -3 -2 -1\n'));
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2, 0, 2, 3, 0, 3, 4]);
  });

  it('joins lines ending in a backslash', () => {
    const mesh = parseObj(Buffer.from('v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 \\\n 3\n'));
    expect(Array.from(mesh.indices)).toEqual([0, 1, 2]);
  });

  it('ignores comments, groups, objects, materials and texture coordinates', () => {
    const text = '# comment\nmtllib a.mtl\no thing\ng one two\nusemtl red\nv 0 0 0\nvt 0.5 0.5\nvn 0 0 1\nv 1 0 0 1.0\nv 0 1 0 0.2 0.3 0.4\ns 1\nf 1/1/1 2/1/1 3/1/1\nl 1 2\n';
    expect(parseObj(Buffer.from(text)).indices.length).toBe(3);
  });

  it('names the line when a face refers to a vertex that does not exist', () => {
    const error = parseError('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n');
    expect(error.code).toBe('INDEX_OUT_OF_RANGE');
    expect(error.message).toBe('OBJ line 4: face refers to vertex 4, but only 3 vertices are defined so far.');
  });

  it('rejects index 0, short faces, bad numbers and files without faces', () => {
    expect(parseError('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n').message).toMatch(/OBJ indices start at 1/);
    expect(parseError('v 0 0 0\nv 1 0 0\nf 1 2\n').message).toMatch(/at least 3 vertices/);
    expect(parseError('v 0 zero 0\n').code).toBe('OBJ_SYNTAX');
    expect(parseError('v 0 0 0\n').code).toBe('NO_TRIANGLES');
    expect(parseError('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 -7\n').code).toBe('INDEX_OUT_OF_RANGE');
  });
});
