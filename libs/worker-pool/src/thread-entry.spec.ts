// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transferables } = require('./thread-entry.js') as { transferables: (value: unknown) => Set<ArrayBuffer> };

describe('transferables (what a thread result hands over instead of copying)', () => {
  it('takes typed arrays that own their whole buffer, anywhere in plain objects and arrays', () => {
    const stl = new Uint8Array(1_000);
    const positions = new Float32Array(30);
    const found = transferables({ previews: { full: { stl, viewerMeshGzip: Buffer.alloc(64 * 1024) } }, list: [positions], n: 3, text: 'x' });
    expect(found.has(stl.buffer)).toBe(true);
    expect(found.has(positions.buffer)).toBe(true);
    expect(found.size).toBe(3);
  });

  it('leaves views into a larger or pooled buffer alone: transferring those would empty memory others use', () => {
    const whole = new Uint8Array(100);
    const pooled = Buffer.from('small strings share the Buffer pool');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    expect(transferables({ part: whole.subarray(10, 20), pooled, shared: new Uint8Array(new SharedArrayBuffer(8)) }).size).toBe(0);
  });

  it('looks inside plain objects only, not class instances', () => {
    class Holder {
      bytes = new Uint8Array(8);
    }
    expect(transferables(new Holder()).size).toBe(0);
  });
});
