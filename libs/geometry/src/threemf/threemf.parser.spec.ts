import { analyzeMesh } from '../analysis/analyze-mesh';
import { GeometryParseError } from '../geometry.errors';
import { box, invert, sphere, exactMeasures } from '../__fixtures__/solids';
import { CONTENT_TYPES, meshObjectXml, modelXml, relsFor, threeMf, zip } from '../__fixtures__/writers';
import { parse3mf, type ThreeMfParseOptions } from './threemf.parser';

const cube10 = meshObjectXml(1, box(10, 10, 10));

function report(bytes: Buffer) {
  return analyzeMesh(parse3mf(bytes));
}

function failure(bytes: Buffer, options?: ThreeMfParseOptions): GeometryParseError {
  try {
    parse3mf(bytes, options);
  } catch (error) {
    if (error instanceof GeometryParseError) return error;
    throw error;
  }
  throw new Error('expected a GeometryParseError');
}

describe('3MF', () => {
  it('reads a mesh object in millimetres', () => {
    const r = report(threeMf(modelXml('millimeter', cube10, '<item objectid="1"/>')));
    expect(r.format).toBe('3mf');
    expect(r.unitsDeclared).toBe(true);
    expect(r.volumeMm3).toBeCloseTo(1000, 6);
    expect(r.watertight).toBe(true);
  });

  it.each([
    ['micron', 1e-9],
    ['millimeter', 1],
    ['centimeter', 1000],
    ['inch', 25.4 ** 3],
    ['foot', 304.8 ** 3],
    ['meter', 1e9],
  ])('converts unit="%s" to mm', (unit, mm3PerCubicUnit) => {
    const r = report(threeMf(modelXml(unit, meshObjectXml(1, box(1, 1, 1)), '<item objectid="1"/>')));
    expect(r.volumeMm3 / mm3PerCubicUnit).toBeCloseTo(1, 5);
  });

  it('defaults to millimetres and rejects units the specification does not list', () => {
    const xml = modelXml('millimeter', cube10, '<item objectid="1"/>').replace(' unit="millimeter"', '');
    expect(report(threeMf(xml)).volumeMm3).toBeCloseTo(1000, 6);
    expect(failure(threeMf(modelXml('furlong', cube10, '<item objectid="1"/>'))).message).toMatch(/unit="furlong"/);
  });

  it('instances components under composed transforms', () => {
    const resources = `${cube10}<object id="2"><components><component objectid="1"/><component objectid="1" transform="1 0 0 0 1 0 0 0 1 20 0 0"/></components></object>`;
    const r = report(threeMf(modelXml('millimeter', resources, '<item objectid="2" transform="2 0 0 0 2 0 0 0 2 0 0 5"/>')));
    expect(r.volumeMm3).toBeCloseTo(2 * 20 ** 3, 3);
    expect(r.bbox.min).toEqual([0, 0, 5]);
    expect(r.bbox.max).toEqual([60, 20, 25]);
    expect(r.shells).toBe(2);
  });

  it('reverses winding under a mirroring transform and says so', () => {
    const mesh = parse3mf(threeMf(modelXml('millimeter', cube10, '<item objectid="1" transform="-1 0 0 0 1 0 0 0 1 0 0 0"/>')));
    expect(mesh.notes.join(' ')).toMatch(/mirroring transform/);
    const r = analyzeMesh(mesh);
    expect(r.volumeMm3).toBeCloseTo(1000, 6);
    expect(r.invertedShells).toBe(0);
    expect(r.bbox.min[0]).toBe(-10);
  });

  it('reads objects from other model parts (production extension p:path)', () => {
    const part = modelXml('millimeter', meshObjectXml(7, box(5, 5, 5)), '');
    const root = modelXml('millimeter', '<object id="1"><components><component p:path="/3D/Objects/part.model" objectid="7"/></components></object>', '<item objectid="1"/>');
    const r = report(threeMf(root, [{ name: '3D/Objects/part.model', data: part }]));
    expect(r.volumeMm3).toBeCloseTo(125, 6);
  });

  it('skips support objects', () => {
    const resources = `${cube10}${meshObjectXml(2, box(1, 1, 1, [20, 0, 0]), 'support')}`;
    expect(report(threeMf(modelXml('millimeter', resources, '<item objectid="1"/><item objectid="2"/>'))).volumeMm3).toBeCloseTo(1000, 6);
  });

  it('accepts stored (uncompressed) entries', () => {
    const bytes = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES, method: 0 },
      { name: '_rels/.rels', data: relsFor(), method: 0 },
      { name: '3D/3dmodel.model', data: modelXml('millimeter', cube10, '<item objectid="1"/>'), method: 0 },
    ]);
    expect(report(bytes).volumeMm3).toBeCloseTo(1000, 6);
  });

  describe('conformance: files that must be refused', () => {
    it.each([
      ['a component cycle', `<object id="2"><components><component objectid="3"/></components></object><object id="3"><components><component objectid="2"/></components></object>`, '<item objectid="2"/>', /cycle/],
      ['duplicate object ids', `${cube10}${meshObjectXml(1, box(1, 1, 1))}`, '<item objectid="1"/>', /object id 1 is used twice/],
      ['a build item naming a missing object', cube10, '<item objectid="9"/>', /build item 1 refers to object 9/],
      ['a component naming a missing object', `<object id="2"><components><component objectid="5"/></components></object>`, '<item objectid="2"/>', /refers to object 5/],
      ['an empty build', cube10, '', /no items/],
      ['a repeated vertex in a triangle', meshObjectXml(1, { positions: [0, 0, 0, 1, 0, 0, 0, 1, 0], indices: [0, 1, 1] }), '<item objectid="1"/>', /repeats a vertex/],
      ['a bad transform', cube10, '<item objectid="1" transform="1 0 0"/>', /must be 12 numbers/],
      ['an object with a mesh and components', cube10.replace('</object>', '<components><component objectid="1"/></components></object>'), '<item objectid="1"/>', /both a mesh and components/],
    ])('%s', (_label, resources, build, message) => {
      const error = failure(threeMf(modelXml('millimeter', resources, build)));
      expect(error.message).toMatch(message);
    });

    it('a triangle index out of range', () => {
      const resources = meshObjectXml(1, { positions: [0, 0, 0, 1, 0, 0, 0, 1, 0], indices: [0, 1, 3] });
      const error = failure(threeMf(modelXml('millimeter', resources, '<item objectid="1"/>')));
      expect(error.code).toBe('INDEX_OUT_OF_RANGE');
      expect(error.message).toMatch(/refers to vertex 3, but the object has 3 vertices \(0 to 2\)/);
    });

    it('a package without _rels/.rels or whose start part is missing', () => {
      const model = modelXml('millimeter', cube10, '<item objectid="1"/>');
      expect(failure(zip([{ name: '3D/3dmodel.model', data: model }])).message).toMatch(/no _rels\/\.rels/);
      const wrongTarget = zip([{ name: '_rels/.rels', data: relsFor('/3D/other.model') }, { name: '3D/3dmodel.model', data: model }]);
      expect(failure(wrongTarget).message).toMatch(/start part "\/3D\/other.model" named in _rels\/.rels is missing/);
    });

    it('a DOCTYPE or ENTITY declaration (billion laughs, external entities)', () => {
      const laughs = '<!DOCTYPE model [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';
      const error = failure(threeMf(modelXml('millimeter', cube10, '<item objectid="1"/>', laughs)));
      expect(error.code).toBe('XML_FORBIDDEN_DTD');
      const entityOnly = failure(threeMf(modelXml('millimeter', cube10, '<item objectid="1"/>', '<!ENTITY x SYSTEM "file:///etc/passwd">')));
      expect(entityOnly.code).toBe('XML_FORBIDDEN_DTD');
    });

    it('undefined entities and malformed XML, naming the line', () => {
      const undefinedEntity = modelXml('millimeter', cube10, '<item objectid="1"/>').replace('Test &amp; part', 'x').replace('unit="millimeter"', 'unit="milli&foo;meter"');
      expect(failure(threeMf(undefinedEntity)).message).toMatch(/undefined entity "&foo;"/);
      const unclosed = modelXml('millimeter', cube10, '<item objectid="1"/>').replace('</build>', '');
      const error = failure(threeMf(unclosed));
      expect(error.code).toBe('XML_INVALID');
      expect(error.message).toMatch(/line \d+/);
    });
  });

  describe('zip safety', () => {
    it('refuses an entry whose declared size exceeds the cap before inflating it', () => {
      const zeros = Buffer.alloc(64 * 1024 * 1024); // deflates to ~64 KiB
      const bomb = threeMf(modelXml('millimeter', cube10, '<item objectid="1"/>'), [{ name: '3D/bomb.model', data: zeros }]);
      const root = modelXml('millimeter', '<object id="1"><components><component p:path="/3D/bomb.model" objectid="1"/></components></object>', '<item objectid="1"/>');
      const error = failure(zip([{ name: '_rels/.rels', data: relsFor() }, { name: '3D/3dmodel.model', data: root }, { name: '3D/bomb.model', data: zeros }]), {
        zipLimits: { maxEntryBytes: 16 * 1024 * 1024 },
      });
      expect(error.code).toBe('ZIP_LIMIT_EXCEEDED');
      expect(error.message).toMatch(/unpacks to 64.0 MiB, more than the 16.0 MiB allowed/);
      expect(bomb.length).toBeLessThan(1024 * 1024);
    });

    it('stops inflating when an entry lies about its size', () => {
      const model = modelXml('millimeter', cube10, '<item objectid="1"/>');
      const lying = zip([{ name: '_rels/.rels', data: relsFor() }, { name: '3D/3dmodel.model', data: model, declaredSize: 100 }]);
      expect(failure(lying).code).toBe('ZIP_LIMIT_EXCEEDED');
    });

    it('caps the number of entries and the total unpacked size', () => {
      const bytes = threeMf(modelXml('millimeter', cube10, '<item objectid="1"/>'));
      expect(failure(bytes, { zipLimits: { maxEntries: 2 } }).message).toMatch(/lists 3 files, more than the 2 allowed/);
      expect(failure(bytes, { zipLimits: { maxTotalBytes: 500 } }).code).toBe('ZIP_LIMIT_EXCEEDED');
    });

    it('refuses compression methods other than stored and deflate, and corrupted data', () => {
      const bytes = threeMf(modelXml('millimeter', cube10, '<item objectid="1"/>'));
      const bzip = Buffer.from(bytes);
      const central = bzip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      bzip.writeUInt16LE(12, central + 10);
      expect(failure(bzip).code).toBe('ZIP_UNSUPPORTED');
      const corrupted = Buffer.from(bytes);
      const model = corrupted.indexOf(Buffer.from('3D/3dmodel.model')) + 16 + 40;
      corrupted[model] ^= 0xff;
      expect(['ZIP_INVALID', 'ZIP_LIMIT_EXCEEDED']).toContain(failure(corrupted).code);
      expect(failure(bytes.subarray(0, bytes.length - 30)).code).toBe('ZIP_INVALID');
    });
  });

  it('refuses a component tree that multiplies out past the triangle cap before expanding it (10^11 triangles would never finish)', () => {
    let resources = meshObjectXml(1, sphere(1, 8, 4));
    for (let level = 2; level <= 12; level++) {
      resources += `<object id="${level}"><components>${`<component objectid="${level - 1}"/>`.repeat(10)}</components></object>`;
    }
    expect(failure(threeMf(modelXml('millimeter', resources, '<item objectid="12"/>'))).code).toBe('TOO_MANY_TRIANGLES');
  });

  it('measures an inside-out object correctly', () => {
    const solid = sphere(10, 32, 16);
    const r = report(threeMf(modelXml('millimeter', meshObjectXml(1, invert(solid)), '<item objectid="1"/>')));
    expect(r.volumeMm3).toBeCloseTo(exactMeasures(solid).volume, 1);
    expect(r.invertedShells).toBe(1);
  });
});
