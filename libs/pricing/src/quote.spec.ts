import { analyzeMesh } from '@partsmith/geometry';
import { box, cap, cylinder, lBracket, plate, pocketedBlock } from './__fixtures__/parts';
import { DEFAULT_CATALOG } from './catalog/defaults';
import { CONFIDENCE_REVIEW_THRESHOLD } from './confidence';
import { isPricingError } from './pricing.errors';
import { COST_LINES, type PricingGeometry, type QuoteConfig, type QuoteInput, type QuotedResult } from './pricing.types';
import { quote } from './quote';

const catalog = DEFAULT_CATALOG;
const bracket = pocketedBlock(50, 30, 10, { x: 40, y: 20, depth: 6 });

function quoted(geometry: PricingGeometry, config: QuoteConfig, extra: Partial<QuoteInput> = {}): QuotedResult {
  const result = quote({ geometry, config, catalog, ...extra });
  if (result.status !== 'quoted') throw new Error(`expected a quote, got ${JSON.stringify(result.reasons)}`);
  return result;
}
const euros = (r: QuotedResult) => r.breaks.map((b) => b.unitPriceMinor / 100);

describe('quote — known parts land in the README bands', () => {
  it('50×30×10 mm aluminium 6061 bracket, CNC 3-axis, qty 1/10/100', () => {
    const [one, ten, hundred] = euros(quoted(bracket, { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 10, 100] }));
    expect(one).toBeGreaterThanOrEqual(90);
    expect(one).toBeLessThanOrEqual(200);
    expect(ten).toBeGreaterThanOrEqual(25);
    expect(ten).toBeLessThanOrEqual(60);
    expect(hundred).toBeGreaterThanOrEqual(12);
    expect(hundred).toBeLessThanOrEqual(35);
  });

  it('40 mm PA12 cube, SLS', () => {
    const [one, hundred] = euros(quoted(box(40, 40, 40), { process: 'sls', material: 'pa12', quantities: [1, 100] }));
    expect(one).toBeGreaterThanOrEqual(30);
    expect(one).toBeLessThanOrEqual(70);
    expect(hundred).toBeGreaterThanOrEqual(20);
    expect(hundred).toBeLessThanOrEqual(40);
  });

  it('50×40×20 mm PLA housing, FDM', () => {
    const [one] = euros(quoted(pocketedBlock(50, 40, 20, { x: 40, y: 30, depth: 15 }), { process: 'fdm', material: 'pla', quantities: [1] }));
    expect(one).toBeGreaterThanOrEqual(10);
    expect(one).toBeLessThanOrEqual(40);
  });

  it('200×100×2 mm steel plate with four holes, laser cut', () => {
    const result = quoted(plate(200, 100, 2, 4), { process: 'sheet_laser_bending', material: 'steel_dc01', quantities: [1, 100] });
    const [one, hundred] = euros(result);
    expect(one).toBeGreaterThanOrEqual(25);
    expect(one).toBeLessThanOrEqual(90);
    expect(hundred).toBeGreaterThanOrEqual(1.5);
    expect(hundred).toBeLessThanOrEqual(6);
    expect(result.model).toMatchObject({ shape: 'flat plate', thicknessMm: 2, bends: 0, pierces: 5 });
  });

  it('Ø30×15 mm ABS cap, injection moulded at 1,000 and 10,000', () => {
    const result = quoted(cap(30, 15, 1.5), { process: 'injection_molding', material: 'abs', quantities: [1_000, 10_000] });
    const [thousand, tenThousand] = euros(result);
    expect(thousand).toBeGreaterThanOrEqual(3);
    expect(thousand).toBeLessThanOrEqual(10);
    expect(tenThousand).toBeGreaterThanOrEqual(0.5);
    expect(tenThousand).toBeLessThanOrEqual(2);
    expect(result.breaks[0].breakdown.tooling).toBeGreaterThan(300_000); // €3,000+ of tool is in the 1,000 order
  });
});

describe('quote — breakdown and money', () => {
  it('has every line, integer minor units, summing exactly to the total and to the unit price', () => {
    const result = quoted(bracket, { process: 'cnc_milling_3axis', material: 'aluminum_7075', finish: 'anodize_type_ii', inspection: 'cmm_report', quantities: [3, 7, 999] });
    for (const b of result.breaks) {
      expect(Object.keys(b.breakdown)).toEqual([...COST_LINES]);
      expect(COST_LINES.reduce((s, l) => s + b.breakdown[l], 0)).toBe(b.totalMinor);
      expect(COST_LINES.reduce((s, l) => s + b.unitBreakdown[l], 0)).toBe(b.unitPriceMinor);
      expect(b.totalMinor).toBe(b.unitPriceMinor * b.quantity);
      expect(b.breakdown.finishing).toBeGreaterThan(0);
      expect(b.breakdown.inspection).toBeGreaterThan(7_500);
      expect(b.currency).toBe('EUR');
    }
  });

  it('makes the platform fee the catalog share of the price', () => {
    const b = quoted(bracket, { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [10] }).breaks[0];
    expect(b.breakdown.platformFee / b.totalMinor).toBeCloseTo(catalog.platformFeeRate, 2);
  });

  it('sorts and deduplicates the quantity breaks', () => {
    const result = quoted(bracket, { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [100, 1, 10, 10] });
    expect(result.breaks.map((b) => b.quantity)).toEqual([1, 10, 100]);
  });

  it('accepts a full GeometryReport from @partsmith/geometry', () => {
    const positions = new Float32Array([0, 0, 0, 50, 0, 0, 0, 30, 0, 50, 30, 0, 0, 0, 10, 50, 0, 10, 0, 30, 10, 50, 30, 10]);
    const indices = new Uint32Array([0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4, 2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5]);
    const report = analyzeMesh({ format: 'stl-binary', positions, indices, declaredUnit: null, notes: [] }, { process: 'cnc' });
    const result = quoted(report, { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1] });
    expect(result.model.stock).toBe('block 15 × 35 × 55 mm');
    expect(result.confidence.score).toBe(1);
  });
});

describe('quote — process models', () => {
  it('recognises a formed L bracket and counts one bend', () => {
    const result = quoted(lBracket(50, 30, 20, 2), { process: 'sheet_laser_bending', material: 'aluminum_5052', quantities: [10] });
    expect(result.model).toMatchObject({ shape: 'formed sheet', thicknessMm: 2, bends: 1 });
    expect(result.confidence.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['SHEET_THICKNESS_UNCERTAIN', 'SHEET_BENDS_ESTIMATED']));
  });

  it('refuses a solid block and an off-gauge plate for sheet metal, with the reason', () => {
    const solid = quote({ geometry: box(50, 30, 10), catalog, config: { process: 'sheet_laser_bending', material: 'steel_dc01', quantities: [1] } });
    expect(solid).toMatchObject({ status: 'not_manufacturable', reasons: [{ code: 'NOT_SHEET_METAL' }] });
    const offGauge = quote({ geometry: plate(200, 100, 7), catalog, config: { process: 'sheet_laser_bending', material: 'steel_dc01', quantities: [1] } });
    expect(offGauge).toMatchObject({ status: 'not_manufacturable', reasons: [{ code: 'NO_SHEET_GAUGE' }] });
    expect(offGauge.status === 'not_manufacturable' && offGauge.reasons[0].message).toMatch(/about 7 mm thick/);
  });

  it('turns round parts and refuses square ones', () => {
    const shaft = quoted(cylinder(20, 80), { process: 'cnc_turning', material: 'steel_1018', quantities: [10] });
    expect(shaft.model.stock).toMatch(/^bar Ø24/);
    expect(quote({ geometry: box(20, 20, 80), catalog, config: { process: 'cnc_turning', material: 'steel_1018', quantities: [10] } })).toMatchObject({ status: 'not_manufacturable', reasons: [{ code: 'NOT_TURNABLE' }] });
  });

  it('needs more setups on 3-axis than on 5-axis for a heavily featured part', () => {
    const ribbed = { ...box(60, 40, 30), surfaceAreaMm2: 2.6 * 2 * (60 * 40 + 40 * 30 + 60 * 30), volumeMm3: 0.4 * 60 * 40 * 30 };
    const three = quoted(ribbed, { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1] });
    const five = quoted(ribbed, { process: 'cnc_milling_5axis', material: 'aluminum_6061', quantities: [1] });
    expect(three.model.setups).toBe(4);
    expect(five.model.setups).toBe(2);
  });

  it('nests small additive parts many to a build and puts support under overhangs', () => {
    const result = quoted(box(20, 20, 20, { findings: [{ code: 'OVERHANG', severity: 'warning', location: { areaMm2: 300 } }] }), { process: 'sla', material: 'resin_standard', quantities: [1] });
    expect(Number(result.model.partsPerBuild)).toBeGreaterThan(50);
    expect(result.model).toMatchObject({ supportAreaCm2: 3, supportSource: 'OVERHANG finding' });
    const without = quoted(box(20, 20, 20), { process: 'sla', material: 'resin_standard', quantities: [1] });
    expect(result.breaks[0].unitPriceMinor).toBeGreaterThan(without.breaks[0].unitPriceMinor);
  });

  it('refuses a part larger than the envelope', () => {
    expect(quote({ geometry: box(400, 400, 400), catalog, config: { process: 'sla', material: 'resin_standard', quantities: [1] } })).toMatchObject({ status: 'not_manufacturable', reasons: [{ code: 'EXCEEDS_ENVELOPE' }] });
    expect(quote({ geometry: box(1200, 100, 100), catalog, config: { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1] } })).toMatchObject({ status: 'not_manufacturable', reasons: [{ code: 'EXCEEDS_ENVELOPE' }] });
  });

  it('refuses a tolerance the process cannot hold', () => {
    const result = quote({ geometry: box(50, 30, 10), catalog, config: { process: 'fdm', material: 'pla', tolerance: 'tight_0025', quantities: [1] } });
    expect(result).toMatchObject({ status: 'not_manufacturable', reasons: [{ code: 'TOLERANCE_NOT_ACHIEVABLE' }] });
  });
});

describe('quote — lead time, confidence, carbon', () => {
  const config: QuoteConfig = { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 1_000] };

  it('offers every tier, faster for more money, and starts after the capacity hint', () => {
    const b = quoted(bracket, config).breaks[0];
    const [economy, standard, expedited] = b.leadTimes;
    expect(b.leadTimes.map((l) => l.tier)).toEqual(['economy', 'standard', 'expedited']);
    expect(economy.businessDays).toBeGreaterThan(standard.businessDays);
    expect(standard.businessDays).toBeGreaterThan(expedited.businessDays);
    expect(economy.unitPriceMinor).toBeLessThan(standard.unitPriceMinor);
    expect(expedited.unitPriceMinor).toBeGreaterThan(standard.unitPriceMinor);
    expect(standard).toMatchObject({ selected: true, unitPriceMinor: b.unitPriceMinor, businessDays: b.leadTimeDays });
    const later = quoted(bracket, config, { capacity: { earliestStartDays: 10 } }).breaks[0];
    expect(later.leadTimeDays).toBe(b.leadTimeDays + 10);
    const big = quoted(bracket, config).breaks[1];
    expect(big.leadTimeDays).toBeGreaterThan(b.leadTimeDays + 10); // 1,000 parts take weeks of machine time
  });

  it('is confident about a clean part and sends doubtful ones to review, with reasons', () => {
    expect(quoted(bracket, config).confidence).toEqual({ score: 1, needsReview: false, reasons: [] });
    const open = quoted({ ...bracket, watertight: false }, config).confidence;
    expect(open.needsReview).toBe(true);
    expect(open.score).toBeLessThan(CONFIDENCE_REVIEW_THRESHOLD);
    expect(open.reasons[0].code).toBe('NOT_WATERTIGHT');
    const inches = quoted({ ...bracket, findings: [{ code: 'SUSPICIOUS_SIZE', severity: 'warning', details: { suggestedUnits: 'in' } }] }, config).confidence;
    expect(inches).toMatchObject({ needsReview: true, reasons: [{ code: 'UNIT_WARNING' }] });
    expect(inches.reasons[0].message).toMatch(/did you mean in/);
    const exotic = quoted(bracket, { ...config, process: 'cnc_milling_5axis', material: 'peek', quantities: [50_000] }).confidence;
    expect(exotic.reasons.map((r) => r.code)).toEqual(['OUTSIDE_CALIBRATED_QUANTITY', 'EXOTIC_MATERIAL']);
    expect(exotic.score).toBeCloseTo(0.64, 5);
    const thin = quoted({ ...bracket, findings: [{ code: 'THIN_WALL', severity: 'error', details: { minThicknessMm: 0.3 } }] }, config).confidence;
    expect(thin.reasons).toEqual([expect.objectContaining({ code: 'THIN_WALLS', factor: 0.7 })]);
  });

  it('adds material, process energy at the regional grid intensity, finishing and shipping', () => {
    const base = { ...config, quantities: [10] };
    const fr = quoted(bracket, base, { factory: { region: 'FR' } }).breaks[0].carbon;
    const pl = quoted(bracket, base, { factory: { region: 'pl' } }).breaks[0].carbon;
    expect(fr.gridRegion).toBe('FR');
    expect(pl.processEnergyKg).toBeGreaterThan(fr.processEnergyKg * 10);
    expect(pl.materialKg).toBe(fr.materialKg);
    expect(fr.totalKg).toBeCloseTo(fr.materialKg + fr.processEnergyKg + fr.finishingKg + fr.shippingKg, 2);
    const air = quoted(bracket, base, { factory: { shippingMode: 'air', shippingDistanceKm: 8000 } }).breaks[0].carbon;
    expect(air.shippingKg).toBeGreaterThan(fr.shippingKg * 50);
    expect(quoted(bracket, base, { factory: { region: 'XX' } }).breaks[0].carbon.gridRegion).toBe('WORLD');
    // 10 stock blocks of 15×35×55 mm aluminium at 11 kg CO2e/kg
    expect(fr.materialKg).toBeCloseTo(10 * 0.015 * 0.035 * 0.055 * 2700 * 11, 2);
  });
});

describe('quote — bad input is a typed error naming the problem', () => {
  const cases: Array<[string, Partial<QuoteConfig>, PricingGeometry, string, RegExp]> = [
    ['unknown process', { process: 'laser_sintering' }, bracket, 'UNKNOWN_PROCESS', /Unknown process "laser_sintering"\. Known processes: cnc_milling_3axis/],
    ['unknown material', { material: 'unobtainium' }, bracket, 'UNKNOWN_MATERIAL', /Unknown material "unobtainium"\. Materials for cnc_milling_3axis: aluminum_6061/],
    ['material not offered', { material: 'pla' }, bracket, 'MATERIAL_NOT_OFFERED', /PLA \(pla\) is not offered for CNC milling \(3-axis\)/],
    ['no quantities', { quantities: [] }, bracket, 'NO_QUANTITIES', /at least one/],
    ['zero quantity', { quantities: [1, 0] }, bracket, 'INVALID_QUANTITY', /Quantity 0 is not a positive whole number/],
    ['fractional quantity', { quantities: [2.5] }, bracket, 'INVALID_QUANTITY', /Quantity 2\.5/],
    ['huge quantity', { quantities: [5_000_000] }, bracket, 'INVALID_QUANTITY', /RFQ/],
    ['finish for another process', { finish: 'vapor_smoothing' }, bracket, 'FINISH_NOT_AVAILABLE', /Finishes for cnc_milling_3axis: as_machined/],
    ['anodising steel', { material: 'steel_1018', finish: 'anodize_type_iii' }, bracket, 'FINISH_NOT_AVAILABLE', /needs a aluminium material/],
    ['unknown tolerance', { tolerance: 'iso2768_x' }, bracket, 'UNKNOWN_TOLERANCE', /Unknown tolerance class "iso2768_x"/],
    ['unknown inspection', { inspection: 'xray' }, bracket, 'UNKNOWN_INSPECTION', /Unknown inspection level "xray"/],
    ['unknown lead tier', { leadTier: 'yesterday' }, bracket, 'UNKNOWN_LEAD_TIER', /Unknown lead-time tier "yesterday"/],
    ['zero volume', {}, { ...bracket, volumeMm3: 0 }, 'ZERO_VOLUME', /encloses no volume/],
    ['NaN geometry', {}, { ...bracket, surfaceAreaMm2: Number.NaN }, 'INVALID_GEOMETRY', /must be finite/],
  ];
  it.each(cases)('%s', (_name, override, geometry, code, message) => {
    let error: unknown;
    try {
      quote({ geometry, catalog, config: { process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1], ...override } });
    } catch (e) {
      error = e;
    }
    expect(isPricingError(error)).toBe(true);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a catalog with a negative rate instead of pricing negative money', () => {
    const broken = { ...catalog, processes: catalog.processes.map((p) => (p.code === 'fdm' ? { ...p, machineRateMinorPerHour: -1_000 } : p)) };
    expect(() => quote({ geometry: bracket, catalog: broken, config: { process: 'fdm', material: 'pla', quantities: [1] } })).toThrow(/machineTime cost .* came out as -/);
  });
});
