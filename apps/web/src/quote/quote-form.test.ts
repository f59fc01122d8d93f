import { describe, expect, it } from 'vitest';
import { breakdownShares, normalize, optionsFor, parseQuantities, sameRequest, toQuoteInput, type CatalogOption, type QuoteFormState } from './quote-form';

const catalog: CatalogOption[] = [
  { kind: 'process', code: 'cnc_milling_3axis', name: 'CNC milling', active: true },
  { kind: 'process', code: 'fdm', name: 'FDM', active: true },
  { kind: 'process', code: 'sla', name: 'SLA', active: false },
  { kind: 'material', code: 'aluminum_6061', name: 'Aluminium 6061', processes: ['cnc_milling_3axis'], active: true },
  { kind: 'material', code: 'abs', name: 'ABS', processes: ['cnc_milling_3axis', 'fdm'], active: true },
  { kind: 'material', code: 'pla', name: 'PLA', processes: ['fdm'], active: true },
  { kind: 'material', code: 'old', name: 'Retired', processes: ['fdm'], active: false },
  { kind: 'finish', code: 'anodized', name: 'Anodised', processes: ['cnc_milling_3axis'], active: true },
  { kind: 'finish', code: 'as_printed', name: 'As printed', processes: ['fdm'], active: true },
  { kind: 'tolerance', code: 'iso2768_m', name: 'ISO 2768-m', active: true },
  { kind: 'inspection', code: 'standard', name: 'Standard', active: true },
  { kind: 'lead_tier', code: 'expedited', name: 'Expedited', active: true },
];
const state = (change: Partial<QuoteFormState> = {}): QuoteFormState => ({
  process: 'cnc_milling_3axis',
  material: 'aluminum_6061',
  finish: '',
  tolerance: '',
  inspection: '',
  leadTier: '',
  quantitiesText: '1, 10, 100',
  ...change,
});

describe('quote form', () => {
  it('offers only active materials and finishes of the chosen process', () => {
    const fdm = optionsFor(catalog, 'fdm');
    expect(fdm.processes.map((o) => o.code)).toEqual(['cnc_milling_3axis', 'fdm']);
    expect(fdm.materials.map((o) => o.code)).toEqual(['abs', 'pla']);
    expect(fdm.finishes.map((o) => o.code)).toEqual(['as_printed']);
    expect(optionsFor(catalog, 'cnc_milling_3axis').materials.map((o) => o.code)).toEqual(['aluminum_6061', 'abs']);
  });

  it('parses quantity breaks: sorted, without repeats, refusing anything but whole numbers in range', () => {
    expect(parseQuantities('100, 1,10 10')).toEqual([1, 10, 100]);
    expect(parseQuantities('5;25')).toEqual([5, 25]);
    expect(parseQuantities('')).toBeNull();
    expect(parseQuantities('0, 10')).toBeNull();
    expect(parseQuantities('1.5')).toBeNull();
    expect(parseQuantities('-3')).toBeNull();
    expect(parseQuantities('ten')).toBeNull();
    expect(parseQuantities('1000001')).toBeNull();
    expect(parseQuantities('1,2,3,4,5,6,7,8,9,10,11')).toBeNull();
  });

  it('moving to another process keeps what that process offers and replaces what it does not', () => {
    expect(normalize(state({ process: 'fdm', material: 'abs', finish: 'anodized' }), catalog)).toMatchObject({ process: 'fdm', material: 'abs', finish: '' });
    expect(normalize(state({ process: 'fdm', material: 'aluminum_6061' }), catalog)).toMatchObject({ material: 'abs' });
    expect(normalize(state({ process: 'sla' }), catalog).process).toBe('cnc_milling_3axis'); // inactive
    expect(normalize(state({ tolerance: 'unknown' }), catalog).tolerance).toBe('');
  });

  it('builds the requestQuote input; defaults stay unset so the catalog decides', () => {
    expect(toQuoteInput('part-1', state({ leadTier: 'expedited', quantitiesText: '10, 1' }))).toEqual({
      input: { partId: 'part-1', process: 'cnc_milling_3axis', material: 'aluminum_6061', quantities: [1, 10], finish: undefined, tolerance: undefined, inspection: undefined, leadTier: 'expedited' },
    });
    expect(toQuoteInput('part-1', state({ quantitiesText: 'x' }))).toEqual({ problem: 'quantities' });
    expect(toQuoteInput('part-1', state({ material: '' }))).toEqual({ problem: 'material' });
  });

  it('asks again only when the request changed', () => {
    const first = toQuoteInput('p', state());
    const same = toQuoteInput('p', state({ quantitiesText: '100 10 1' }));
    const other = toQuoteInput('p', state({ quantitiesText: '1, 10' }));
    if (!('input' in first) || !('input' in same) || !('input' in other)) throw new Error('valid forms expected');
    expect(sameRequest(null, first.input)).toBe(false);
    expect(sameRequest(first.input, same.input)).toBe(true);
    expect(sameRequest(first.input, other.input)).toBe(false);
  });

  it('gives each cost line its share of the price', () => {
    const shares = breakdownShares([
      { line: 'material', label: 'Material', amountMinor: 250 },
      { line: 'machineTime', label: 'Machine time', amountMinor: 750 },
    ]);
    expect(shares.map((s) => s.share)).toEqual([0.25, 0.75]);
    expect(breakdownShares([{ line: 'setup', label: 'Setup', amountMinor: 0 }])[0].share).toBe(0);
  });
});
