/** A closed, watertight test solid as binary STL, with about `triangleTarget` triangles (distinct bytes per seed). */
export function boxWithRipples(triangleTarget: number, seed: number): Buffer {
  // a closed, watertight "terrain" box: a grid top, flat bottom, walls — about triangleTarget triangles
  const n = Math.max(2, Math.floor(Math.sqrt(triangleTarget / 4)));
  const size = 60;
  const height = (i: number, j: number) => 10 + 2 * Math.sin((i + seed) / 5) * Math.cos((j + seed) / 7);
  const tris: number[][] = [];
  const p = (i: number, j: number, top: boolean) => [(i / n) * size, (j / n) * size, top ? height(i, j) : 0];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      tris.push([...p(i, j, true), ...p(i + 1, j, true), ...p(i + 1, j + 1, true)], [...p(i, j, true), ...p(i + 1, j + 1, true), ...p(i, j + 1, true)]);
      tris.push([...p(i, j, false), ...p(i + 1, j + 1, false), ...p(i + 1, j, false)], [...p(i, j, false), ...p(i, j + 1, false), ...p(i + 1, j + 1, false)]);
    }
  }
  for (let k = 0; k < n; k++) {
    const wall = (a: number[], b: number[], c: number[], d: number[]) => tris.push([...a, ...b, ...c], [...a, ...c, ...d]);
    wall(p(k, 0, false), p(k + 1, 0, false), p(k + 1, 0, true), p(k, 0, true));
    wall(p(k + 1, n, false), p(k, n, false), p(k, n, true), p(k + 1, n, true));
    wall(p(0, k + 1, false), p(0, k, false), p(0, k, true), p(0, k + 1, true));
    wall(p(n, k, false), p(n, k + 1, false), p(n, k + 1, true), p(n, k, true));
  }
  const buffer = Buffer.alloc(84 + 50 * tris.length);
  buffer.writeUInt32LE(tris.length, 80);
  tris.forEach((t, i) => t.forEach((v, k) => buffer.writeFloatLE(v, 84 + i * 50 + 12 + k * 4)));
  return buffer;
}
