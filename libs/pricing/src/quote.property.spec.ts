import fc from 'fast-check';
import { box, cap, cylinder, lBracket, plate, pocketedBlock, scaled } from './__fixtures__/parts';
import type { PricingCatalog } from './catalog/catalog.types';
import { DEFAULT_CATALOG } from './catalog/defaults';
import { COST_LINES, type PricingGeometry, type QuoteConfig, type QuoteResult, type QuotedResult } from './pricing.types';
import { quote } from './quote';

const catalog = DEFAULT_CATALOG;
const RUNS = { numRuns: 150 };
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Plausible parts, 5–300 mm, of every shape the models distinguish. */
const geometryArb: fc.Arbitrary<PricingGeometry> = fc.oneof(
  fc.tuple(num(5, 250), num(5, 250), num(5, 150)).map(([x, y, z]) => box(x, y, z)),
  fc.tuple(num(20, 250), num(20, 200), num(8, 80), num(0.2, 0.8), num(0.2, 0.8))
    .map(([x, y, z, px, depth]) => pocketedBlock(x, y, z, { x: x * px, y: y * px, depth: z * depth })),
  fc.tuple(num(30, 400), num(30, 300), fc.constantFrom(1, 1.5, 2, 3, 4), fc.integer({ min: 0, max: 12 })).map(([x, y, t, holes]) => plate(x, y, t, holes)),
  fc.tuple(num(20, 200), num(15, 100), num(15, 100), fc.constantFrom(1, 1.5, 2, 3)).map(([w, a, b, t]) => lBracket(w, a, b, t)),
  fc.tuple(num(5, 120), num(10, 300)).map(([d, l]) => cylinder(d, l)),
  fc.tuple(num(15, 120), num(8, 80), num(1, 4)).map(([d, h, w]) => cap(d, h, w)),
);

/** A process and one of the materials it offers. */
const processMaterialArb = fc.constantFrom(...catalog.processes.map((p) => p.code)).chain((process) =>
  fc.constantFrom(...catalog.materials.filter((m) => m.processes.includes(process)).map((m) => m.code)).map((material) => ({ process, material })),
);
const quantitiesArb = fc.uniqueArray(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 6 });

function priced(geometry: PricingGeometry, config: QuoteConfig, cat: PricingCatalog = catalog): QuoteResult {
  return quote({ geometry, config, catalog: cat });
}
const units = (r: QuotedResult) => r.breaks.map((b) => b.unitPriceMinor);

describe('quote — properties over random parts and configurations', () => {
  it('prices are positive integers and every breakdown sums exactly to its price', () => {
    fc.assert(
      fc.property(geometryArb, processMaterialArb, quantitiesArb, fc.constantFrom('standard', 'cmm_report', 'first_article_as9102'), (geometry, pm, quantities, inspection) => {
        const result = priced(geometry, { ...pm, inspection, tolerance: 'iso2768_c', quantities });
        if (result.status !== 'quoted') return;
        for (const b of result.breaks) {
          expect(Number.isSafeInteger(b.unitPriceMinor) && b.unitPriceMinor > 0).toBe(true);
          expect(b.totalMinor).toBe(b.unitPriceMinor * b.quantity);
          for (const line of COST_LINES) {
            expect(Number.isSafeInteger(b.breakdown[line]) && b.breakdown[line] >= 0).toBe(true);
            expect(Number.isSafeInteger(b.unitBreakdown[line]) && b.unitBreakdown[line] >= 0).toBe(true);
          }
          expect(COST_LINES.reduce((s, l) => s + b.breakdown[l], 0)).toBe(b.totalMinor);
          expect(COST_LINES.reduce((s, l) => s + b.unitBreakdown[l], 0)).toBe(b.unitPriceMinor);
          for (const option of b.leadTimes) expect(option.totalMinor).toBe(option.unitPriceMinor * b.quantity);
          expect(Number.isFinite(b.carbon.totalKg) && b.carbon.totalKg > 0).toBe(true);
        }
        expect(result.confidence.score).toBeGreaterThanOrEqual(0);
        expect(result.confidence.score).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('the unit price never rises as the quantity rises', () => {
    fc.assert(
      fc.property(geometryArb, processMaterialArb, quantitiesArb, (geometry, pm, quantities) => {
        const result = priced(geometry, { ...pm, tolerance: 'iso2768_c', inspection: 'cmm_report', quantities });
        if (result.status !== 'quoted') return;
        const u = units(result);
        for (let i = 1; i < u.length; i++) expect(u[i]).toBeLessThanOrEqual(u[i - 1]);
      }),
      RUNS,
    );
  });

  it('a tighter tolerance, a higher inspection level or a faster lead tier never lowers the price', () => {
    const ranked = <T extends { code: string; rank: number }>(rows: T[]) => [...rows].sort((a, b) => a.rank - b.rank).map((r) => r.code);
    fc.assert(
      fc.property(geometryArb, processMaterialArb, quantitiesArb, (geometry, pm, quantities) => {
        const base: QuoteConfig = { ...pm, tolerance: 'iso2768_c', quantities };
        for (const [field, codes] of [
          ['tolerance', ranked(catalog.tolerances)],
          ['inspection', ranked(catalog.inspections)],
          ['leadTier', ranked(catalog.leadTiers)],
        ] as const) {
          let previous: number[] | null = null;
          for (const code of codes) {
            const result = priced(geometry, { ...base, [field]: code });
            if (result.status !== 'quoted') continue; // e.g. a tolerance the process cannot hold
            const u = units(result);
            if (previous) u.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(previous![i]));
            previous = u;
          }
        }
      }),
      RUNS,
    );
  });

  it('a harder material (lower machinability) never lowers a CNC price', () => {
    fc.assert(
      fc.property(geometryArb, fc.constantFrom('cnc_milling_3axis', 'cnc_milling_5axis', 'cnc_turning'), num(0.05, 0.99), quantitiesArb, (geometry, process, hardness, quantities) => {
        const harder: PricingCatalog = { ...catalog, materials: catalog.materials.map((m) => (m.code === 'aluminum_6061' ? { ...m, machinability: m.machinability * hardness } : m)) };
        const config = { process, material: 'aluminum_6061', quantities };
        const soft = priced(geometry, config);
        const hard = priced(geometry, config, harder);
        if (soft.status !== 'quoted' || hard.status !== 'quoted') return;
        units(hard).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(units(soft)[i]));
        expect(hard.breaks[0].breakdown.machineTime).toBeGreaterThan(soft.breaks[0].breakdown.machineTime);
      }),
      RUNS,
    );
  });

  it('scaling a part up never lowers its material cost', () => {
    fc.assert(
      fc.property(geometryArb, processMaterialArb, num(1.05, 2), (geometry, pm, k) => {
        const config = { ...pm, tolerance: 'iso2768_c', quantities: [1_000] };
        const small = priced(geometry, config);
        const large = priced(scaled(geometry, k), config);
        if (small.status !== 'quoted' || large.status !== 'quoted') return;
        expect(large.breaks[0].breakdown.material).toBeGreaterThanOrEqual(small.breaks[0].breakdown.material);
        expect(large.breaks[0].carbon.materialKg).toBeGreaterThanOrEqual(small.breaks[0].carbon.materialKg);
      }),
      RUNS,
    );
  });

  it('expedited is never slower and economy never faster than standard', () => {
    fc.assert(
      fc.property(geometryArb, processMaterialArb, quantitiesArb, fc.integer({ min: 0, max: 30 }), (geometry, pm, quantities, earliestStartDays) => {
        const result = quote({ geometry, catalog, config: { ...pm, tolerance: 'iso2768_c', quantities }, capacity: { earliestStartDays } });
        if (result.status !== 'quoted') return;
        for (const b of result.breaks) {
          const days = Object.fromEntries(b.leadTimes.map((l) => [l.tier, l.businessDays]));
          expect(days.expedited).toBeLessThanOrEqual(days.standard);
          expect(days.economy).toBeGreaterThanOrEqual(days.standard);
          expect(days.standard).toBeGreaterThanOrEqual(earliestStartDays);
        }
      }),
      RUNS,
    );
  });
});
