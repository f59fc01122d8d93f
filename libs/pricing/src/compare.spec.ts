import { box, plate } from './__fixtures__/parts';
import { DEFAULT_CATALOG } from './catalog/defaults';
import { compareProcesses } from './compare';
import { quote } from './quote';

const catalog = DEFAULT_CATALOG;

describe('compareProcesses', () => {
  it('ranks every process that can make a 40 mm cube by price and says why the others cannot', () => {
    const { options, incompatible, rankedAtQuantity } = compareProcesses(box(40, 40, 40), catalog, [1, 100]);
    expect(rankedAtQuantity).toBe(1);
    const unit = options.map((o) => o.breaks[0].unitPriceMinor);
    expect(unit).toEqual([...unit].sort((a, b) => a - b));
    expect(new Set(options.map((o) => o.process)).size).toBe(options.length); // one (the cheapest) material each
    expect(options.map((o) => o.process)).toEqual(expect.arrayContaining(['sls', 'mjf', 'fdm', 'sla', 'cnc_milling_3axis', 'injection_molding']));
    expect(incompatible).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ process: 'cnc_turning', reasons: [expect.objectContaining({ code: 'NOT_TURNABLE' })] }),
        expect.objectContaining({ process: 'sheet_laser_bending', reasons: [expect.objectContaining({ code: 'NOT_SHEET_METAL' })] }),
      ]),
    );
    expect(options[0].processFamily).toBe('additive'); // one-off plastic cube: printing beats machining and moulding
    expect(options.at(-1)!.process).toBe('injection_molding'); // a mould for one part is the dearest way
  });

  it('picks the cheapest material of each process', () => {
    const { options } = compareProcesses(box(40, 40, 40), catalog, [10], { processes: ['sls'] });
    const each = catalog.materials.filter((m) => m.processes.includes('sls')).map((m) => quote({ geometry: box(40, 40, 40), catalog, config: { process: 'sls', material: m.code, quantities: [10] } }));
    const cheapest = Math.min(...each.map((r) => (r.status === 'quoted' ? r.breaks[0].unitPriceMinor : Infinity)));
    expect(options).toHaveLength(1);
    expect(options[0].breaks[0].unitPriceMinor).toBe(cheapest);
  });

  it('lists every material with materials: all, and ranks at the quantity asked', () => {
    const { options, rankedAtQuantity } = compareProcesses(plate(200, 100, 2, 4), catalog, [1, 1_000], { materials: 'all', rankAtQuantity: 1_000 });
    expect(rankedAtQuantity).toBe(1_000);
    expect(options.filter((o) => o.process === 'sheet_laser_bending').map((o) => o.material).sort()).toEqual(['aluminum_5052', 'stainless_304', 'steel_dc01', 'steel_dx51d_galvanized']);
    const at1000 = options.map((o) => o.breaks[1].unitPriceMinor);
    expect(at1000).toEqual([...at1000].sort((a, b) => a - b));
    expect(options[0].process).toBe('sheet_laser_bending'); // a 2 mm plate is cheapest cut from sheet
  });

  it('applies a common tolerance and reports the processes that cannot hold it', () => {
    const { options, incompatible } = compareProcesses(box(40, 40, 40), catalog, [1], { tolerance: 'tight_0025' });
    expect(options.every((o) => o.processFamily === 'cnc' || o.process === 'injection_molding' || o.process === 'dmls' || o.process === 'sla')).toBe(true);
    expect(incompatible.find((i) => i.process === 'fdm')?.reasons[0].code).toBe('TOLERANCE_NOT_ACHIEVABLE');
    expect(() => compareProcesses(box(40, 40, 40), catalog, [1], { processes: ['warp_drive'] })).toThrow(/Unknown process "warp_drive"/);
  });
});
