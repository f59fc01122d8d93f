import type { LengthUnit } from './geometry.types';

export const MM_PER_UNIT: Record<LengthUnit, number> = {
  micron: 0.001,
  mm: 1,
  cm: 10,
  m: 1000,
  in: 25.4,
  ft: 304.8,
};

const THREEMF_UNITS: Record<string, LengthUnit> = {
  micron: 'micron',
  millimeter: 'mm',
  centimeter: 'cm',
  meter: 'm',
  inch: 'in',
  foot: 'ft',
};

/** Maps a 3MF `unit` attribute to a unit, or null when the value is not one the specification allows. */
export function unitFrom3mf(value: string): LengthUnit | null {
  return THREEMF_UNITS[value] ?? null;
}

export const UNIT_NAMES: Record<LengthUnit, string> = {
  micron: 'micrometres',
  mm: 'millimetres',
  cm: 'centimetres',
  m: 'metres',
  in: 'inches',
  ft: 'feet',
};
