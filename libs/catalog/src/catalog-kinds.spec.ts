import { DEFAULT_CATALOG } from '@partsmith/pricing';
import { learnShape, shapeDifference } from './catalog-kinds';

describe('catalog spec validation', () => {
  const materials = learnShape(DEFAULT_CATALOG.materials);
  const aluminium = DEFAULT_CATALOG.materials.find((material) => material.processes.includes('cnc_milling_3axis'))!;

  it('accepts every default entry and an edit that keeps the shape', () => {
    for (const material of DEFAULT_CATALOG.materials) expect(shapeDifference(materials, material)).toBeUndefined();
    for (const process of DEFAULT_CATALOG.processes) expect(shapeDifference(learnShape(DEFAULT_CATALOG.processes), process)).toBeUndefined();
    expect(shapeDifference(materials, { ...aluminium, priceMinorPerKg: aluminium.priceMinorPerKg * 2, exotic: true })).toBeUndefined();
  });

  it('names the first field whose type, presence or value is wrong', () => {
    expect(shapeDifference(materials, { ...aluminium, priceMinorPerKg: '1200' })).toBe('spec.priceMinorPerKg must be a number (got string)');
    expect(shapeDifference(materials, { ...aluminium, priceMinorPerKg: -5 })).toBe('spec.priceMinorPerKg must be a finite number ≥ 0 (got -5)');
    const { densityGPerCm3: _dropped, ...withoutDensity } = aluminium;
    expect(shapeDifference(materials, withoutDensity)).toBe('spec.densityGPerCm3 is missing');
    expect(shapeDifference(materials, { ...aluminium, pricePerKilo: 3 })).toBe('spec.pricePerKilo is not a field of this kind of entry');
    expect(shapeDifference(materials, { ...aluminium, processes: ['cnc_turning', 3] })).toBe('spec.processes[1] must be a string (got number)');
  });
});
