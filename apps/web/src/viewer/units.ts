/** Units a unitless file (STL, OBJ) may have been drawn in, with millimetres per unit. */
export const LENGTH_UNITS = { mm: 1, cm: 10, m: 1000, in: 25.4 } as const;
export type LengthUnitCode = keyof typeof LENGTH_UNITS;

/** Most machined and printed parts measure between these (largest side, mm). */
const PLAUSIBLE_MIN_MM = 5;
const PLAUSIBLE_MAX_MM = 1500;

/**
 * For a file without a declared unit, read as `readAs`: the unit it was more likely drawn in, when the size
 * as read is implausible and another unit makes it plausible (a 2.4 mm "bracket" is a 61 mm one drawn in
 * inches). Null when the size already looks right or no unit helps.
 */
export function suggestUnits(sizeAsRead: readonly number[], readAs: LengthUnitCode): { unit: LengthUnitCode; sizeMm: number[] } | null {
  const largest = Math.max(...sizeAsRead);
  if (!(largest > 0)) return null;
  if (largest >= PLAUSIBLE_MIN_MM && largest <= PLAUSIBLE_MAX_MM) return null;
  const perUnitAsRead = LENGTH_UNITS[readAs];
  // inches first: the usual mistake is an imperial file read as millimetres
  for (const unit of ['in', 'mm', 'cm', 'm'] as const) {
    if (unit === readAs) continue;
    const factor = LENGTH_UNITS[unit] / perUnitAsRead;
    const scaled = largest * factor;
    if (scaled >= PLAUSIBLE_MIN_MM && scaled <= PLAUSIBLE_MAX_MM) return { unit, sizeMm: sizeAsRead.map((v) => v * factor) };
  }
  return null;
}
