/**
 * The neighbourhood both tabu searches use: along a critical path, every maximal block of consecutive
 * operations on one unit yields moves of an inner operation to the block's first or last position, and
 * of the first or last operation to an inner position (N5/N6-style block moves). `add(unit, from, to)` is
 * called once per move, positions within the unit's sequence.
 */
export function forEachBlockMove(
  path: ArrayLike<number>,
  unitOf: ArrayLike<number>,
  pos: ArrayLike<number>,
  add: (unit: number, from: number, to: number) => void,
): void {
  let k = 0;
  while (k < path.length) {
    let e = k;
    while (e + 1 < path.length && unitOf[path[e + 1]] === unitOf[path[k]] && pos[path[e + 1]] === pos[path[e]] + 1) e++;
    if (e > k) {
      const unit = unitOf[path[k]];
      const a = pos[path[k]];
      const b = pos[path[e]];
      for (let i = a + 1; i <= b; i++) add(unit, i, a);
      for (let i = a; i < b; i++) add(unit, i, b);
      for (let i = a + 1; i < b; i++) {
        add(unit, a, i);
        add(unit, b, i);
      }
    }
    k = e + 1;
  }
}
