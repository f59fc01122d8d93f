import fc from 'fast-check';
import { GeometryParseError } from './geometry.errors';
import { parseMesh } from './parse-mesh';
import { box, sphere } from './__fixtures__/solids';
import { meshObjectXml, modelXml, relsFor, threeMf, toAsciiStl, toBinaryStl, toObj, zip } from './__fixtures__/writers';

/** Parsing either succeeds or fails with the typed error — never anything else. */
async function parsesOrFailsTyped(bytes: Uint8Array, name: string): Promise<void> {
  try {
    await parseMesh(bytes, name);
  } catch (error) {
    if (!(error instanceof GeometryParseError)) throw new Error(`${name}: untyped failure ${String(error)}`);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.message).not.toMatch(/\n\s+at /); // no stack traces in messages
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
);

interface Mutation {
  kind: 'flip' | 'truncate' | 'insert';
  at: number;
  value?: number;
  bytes?: Uint8Array;
}

function mutate(source: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Buffer.from(source);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip' && bytes.length > 0) bytes[at] = m.value as number;
    else if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), m.bytes as Uint8Array, bytes.subarray(at)]);
  }
  return bytes;
}

const samples: Array<[string, Uint8Array]> = [
  ['part.stl', toBinaryStl(sphere(3, 8, 4))],
  ['part.stl', toAsciiStl([box(1, 1, 1), box(1, 2, 3, [4, 0, 0])])],
  ['part.obj', toObj(sphere(3, 8, 4), { negative: true, quads: true })],
  ['part.3mf', threeMf(modelXml('inch', meshObjectXml(1, box(1, 1, 1)), '<item objectid="1"/>'))],
];
const modelText = modelXml('millimeter', meshObjectXml(1, box(1, 1, 1)) + '<object id="2"><components><component objectid="1" transform="1 0 0 0 1 0 0 0 1 2 0 0"/></components></object>', '<item objectid="2"/>');

describe('parsers on hostile input', () => {
  it('arbitrary bytes under any supported name fail only with GeometryParseError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('a.stl', 'a.obj', 'a.3mf', 'a.step', 'a.igs', 'a.bin'), async (bytes, name) => {
        await parsesOrFailsTyped(bytes, name);
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary bytes behind a binary STL header and an ASCII "solid" line fail only with the typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (body, ascii) => {
        const head = ascii ? Buffer.from('solid x\nfacet normal 0 0 0\nouter loop\nvertex ') : Buffer.alloc(84);
        if (!ascii) head.writeUInt32LE(Math.floor(body.length / 50), 80);
        await parsesOrFailsTyped(Buffer.concat([head, body]), 'x.stl');
      }),
      { numRuns: 300 },
    );
  });

  it('mutated valid STL, OBJ and 3MF files parse or fail with the typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 4 }), async ([name, bytes], mutations) => {
        await parsesOrFailsTyped(mutate(bytes, mutations), name);
      }),
      { numRuns: 400 },
    );
  });

  it('mutated 3MF XML (stored, so the zip stays valid) parses or fails with the typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const xml = mutate(Buffer.from(modelText), mutations);
        const bytes = zip([{ name: '_rels/.rels', data: relsFor(), method: 0 }, { name: '3D/3dmodel.model', data: Buffer.from(xml), method: 0 }]);
        await parsesOrFailsTyped(bytes, 'x.3mf');
      }),
      { numRuns: 400 },
    );
  });
});
