/** A PSVM file written by hand: header, delta-coded quantized positions, delta-coded indices. */
export function psvm(quantized: number[][], indices: number[], min: number[], max: number[], indexBytes: 2 | 4 = 2): ArrayBuffer {
  const positionsEnd = 40 + quantized.length * 6;
  const start = Math.ceil(positionsEnd / 4) * 4;
  const buffer = new ArrayBuffer(start + indices.length * indexBytes);
  const view = new DataView(buffer);
  'PSVM'.split('').forEach((c, i) => view.setUint8(i, c.charCodeAt(0)));
  view.setUint8(4, 1);
  view.setUint8(5, indexBytes);
  view.setUint32(8, quantized.length, true);
  view.setUint32(12, indices.length / 3, true);
  [...min, ...max].forEach((v, i) => view.setFloat32(16 + i * 4, v, true));
  let previous = [0, 0, 0];
  quantized.forEach((q, v) => {
    q.forEach((value, axis) => view.setUint16(40 + v * 6 + axis * 2, (value - previous[axis]) & 0xffff, true));
    previous = q;
  });
  let last = 0;
  indices.forEach((index, i) => {
    if (indexBytes === 2) view.setUint16(start + i * 2, (index - last) & 0xffff, true);
    else view.setUint32(start + i * 4, (index - last) >>> 0, true);
    last = index;
  });
  return buffer;
}
