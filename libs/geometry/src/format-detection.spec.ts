import { detectFormat } from './format-detection';
import { GeometryParseError } from './geometry.errors';
import { stepBox } from './__fixtures__/step-box';
import { box } from './__fixtures__/solids';
import { meshObjectXml, modelXml, threeMf, toAsciiStl, toBinaryStl, toObj } from './__fixtures__/writers';

describe('detectFormat', () => {
  it('recognises each format by content and name', () => {
    expect(detectFormat(toBinaryStl(box(1, 1, 1)), 'a.stl')).toBe('stl');
    expect(detectFormat(toAsciiStl([box(1, 1, 1)]), 'a.STL')).toBe('stl');
    expect(detectFormat(toObj(box(1, 1, 1)), 'a.obj')).toBe('obj');
    expect(detectFormat(threeMf(modelXml('millimeter', meshObjectXml(1, box(1, 1, 1)), '<item objectid="1"/>')), 'a.3mf')).toBe('3mf');
    expect(detectFormat(Buffer.from(stepBox([1, 1, 1])), 'a.stp')).toBe('step');
  });

  it('lets self-identifying content win over a wrong extension', () => {
    expect(detectFormat(threeMf(modelXml('millimeter', meshObjectXml(1, box(1, 1, 1)), '<item objectid="1"/>')), 'part.stl')).toBe('3mf');
    expect(detectFormat(Buffer.from(stepBox([1, 1, 1])), 'part.obj')).toBe('step');
    expect(detectFormat(toBinaryStl(box(1, 1, 1)), 'download')).toBe('stl');
    expect(detectFormat(toObj(box(1, 1, 1)), 'download.txt')).toBe('obj');
  });

  it('names the file and the supported formats when it cannot tell', () => {
    try {
      detectFormat(Buffer.from('%PDF-1.7 not a mesh'), 'drawing.pdf');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(GeometryParseError);
      expect((error as GeometryParseError).code).toBe('UNKNOWN_FORMAT');
      expect((error as Error).message).toMatch(/"drawing.pdf" is not a format Partsmith reads; upload STL, OBJ, 3MF, STEP or IGES/);
    }
    expect(() => detectFormat(new Uint8Array(0), 'empty.stl')).toThrow(/empty/);
  });
});
