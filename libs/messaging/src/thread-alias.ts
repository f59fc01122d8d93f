/**
 * The anonymous name of the n-th factory (0-based) to speak in a pre-award Q&A thread: Factory A … Z,
 * then AA, AB, … (spreadsheet columns). Stable per thread: it is stored the first time the factory posts.
 */
export function factoryAlias(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`alias index must be a whole number ≥ 0, got ${index}`);
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Factory ${letters}`;
}
