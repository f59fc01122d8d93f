import type { Mesh } from '../geometry.types';
import { box, invert, merge, sphere, toMesh, transform, type TestMesh } from '../__fixtures__/solids';
import { analyzeMesh } from './analyze-mesh';

const analyze = (solid: TestMesh, options = {}) => analyzeMesh(toMesh(solid) as Mesh, options);
const finding = (solid: TestMesh, code: string, options = {}) => analyze(solid, options).findings.find((f) => f.code === code);

describe('DFM findings', () => {
  describe('THIN_WALL', () => {
    it('flags a 0.3 mm plate for FDM and reports nearly all of its area', () => {
      const plate = box(50, 50, 0.3);
      const thin = finding(plate, 'THIN_WALL', { process: 'fdm' });
      expect(thin?.severity).toBe('error'); // thinner than half the 0.8 mm minimum
      expect(thin?.details?.minThicknessMm).toBeCloseTo(0.3, 3);
      expect(thin?.location?.areaMm2).toBeGreaterThan(0.95 * 5000);
      expect(thin?.message).toMatch(/thinner than 0.8 mm, the minimum for FDM/);
    });

    it('does not flag a 3 mm plate', () => {
      expect(finding(box(50, 50, 3), 'THIN_WALL', { process: 'fdm' })).toBeUndefined();
    });

    it('locates one thin wall of a hollow box and estimates its area', () => {
      // 20 mm cube with a 16 mm cavity offset so the wall at x = 0 is 0.4 mm and the others are ≥ 1.6 mm
      const part = merge(box(20, 20, 20), invert(box(16, 16, 16, [0.4, 2, 2])));
      const thin = finding(part, 'THIN_WALL', { process: 'fdm' });
      expect(thin).toBeDefined();
      expect(thin?.location?.bbox?.max[0]).toBeLessThanOrEqual(0.4 + 1e-6);
      expect(thin?.location?.areaMm2).toBeGreaterThan(0.85 * 512);
      expect(thin?.location?.areaMm2).toBeLessThan(1.15 * 512);
      expect(thin?.details?.minThicknessMm).toBeCloseTo(0.4, 3);
    });

    it('uses the process minimum: the same 0.6 mm wall passes SLA (0.5) and fails SLS (0.7)', () => {
      const plate = box(30, 30, 0.6);
      expect(finding(plate, 'THIN_WALL', { process: 'sla' })).toBeUndefined();
      expect(finding(plate, 'THIN_WALL', { process: 'sls' })).toBeDefined();
      expect(finding(plate, 'THIN_WALL', { process: 'sls', rules: { minWallMm: 0.55 } })).toBeUndefined();
    });

    it('works in the declared unit: a 0.02 in (0.508 mm) plate is thin for FDM', () => {
      expect(finding(box(2, 2, 0.02), 'THIN_WALL', { process: 'fdm', units: 'in' })).toBeDefined();
    });
  });

  describe('OVERHANG', () => {
    it('reports the downward-facing cap of a sphere beyond 45° for FDM', () => {
      const overhang = finding(sphere(10, 128, 64), 'OVERHANG', { process: 'fdm' });
      const cap = 2 * Math.PI * 100 * (1 - Math.cos(Math.PI / 4));
      expect(overhang?.location?.areaMm2).toBeGreaterThan(0.93 * cap);
      expect(overhang?.location?.areaMm2).toBeLessThan(1.07 * cap);
      expect(overhang?.location?.bbox?.max[2]).toBeLessThan(-6.5);
    });

    it('ignores faces resting on the build plate and processes without supports', () => {
      expect(finding(box(10, 10, 10), 'OVERHANG', { process: 'fdm' })).toBeUndefined();
      expect(finding(sphere(10, 64, 32), 'OVERHANG', { process: 'sls' })).toBeUndefined();
    });

    it('sees the underside of a raised body, even when its winding was inverted', () => {
      const bridge = merge(box(10, 10, 2), invert(box(10, 10, 2, [0, 20, 10])));
      const overhang = finding(bridge, 'OVERHANG', { process: 'fdm' });
      expect(overhang?.location?.areaMm2).toBeCloseTo(100, 3);
    });
  });

  describe('EXCEEDS_BUILD_ENVELOPE', () => {
    it('errors when the part fits no orientation', () => {
      const f = finding(box(300, 30, 30), 'EXCEEDS_BUILD_ENVELOPE', { process: 'fdm' });
      expect(f?.severity).toBe('error');
      expect(f?.message).toMatch(/does not fit the FDM build volume of 250 × 210 × 210 mm/);
    });

    it('warns when only a rotation makes it fit', () => {
      const rotated = transform(box(240, 150, 5), [0, 0, Math.PI / 4], [0, 0, 0]);
      const f = finding(rotated, 'EXCEEDS_BUILD_ENVELOPE', { process: 'fdm' });
      expect(f?.severity).toBe('warning');
    });

    it('uses envelopes given in options, and stays quiet when the part fits', () => {
      expect(finding(box(100, 100, 100), 'EXCEEDS_BUILD_ENVELOPE', { process: 'fdm' })).toBeUndefined();
      expect(finding(box(100, 100, 100), 'EXCEEDS_BUILD_ENVELOPE', { process: 'fdm', rules: { envelopeMm: [90, 200, 200] } })?.severity).toBe('error');
    });
  });

  describe('SUSPICIOUS_SIZE', () => {
    it('suggests inches for a part about an inch across read as millimetres', () => {
      const f = finding(box(1.5, 1, 1), 'SUSPICIOUS_SIZE');
      expect(f?.severity).toBe('warning');
      expect(f?.details?.suggestedUnits).toBe('in');
      expect(f?.message).toMatch(/choose units "in"/);
    });

    it('suggests metres for a part a tenth of a unit across', () => {
      expect(finding(box(0.12, 0.05, 0.03), 'SUSPICIOUS_SIZE')?.details?.suggestedUnits).toBe('m');
    });

    it('suggests millimetres when inches were chosen for a large part', () => {
      expect(finding(box(120, 80, 40), 'SUSPICIOUS_SIZE', { units: 'in' })?.details?.suggestedUnits).toBe('mm');
    });

    it('stays quiet for plausible sizes', () => {
      expect(finding(box(120, 80, 40), 'SUSPICIOUS_SIZE')).toBeUndefined();
    });
  });

  describe('TINY_FEATURES and MULTIPLE_BODIES', () => {
    it('flags a body smaller than the process can make, and the extra body', () => {
      const r = analyze(merge(box(10, 10, 10), box(0.2, 0.2, 0.2, [20, 0, 0])), { process: 'sla' });
      const tiny = r.findings.find((f) => f.code === 'TINY_FEATURES');
      expect(tiny?.details?.bodies).toBe(1);
      expect(tiny?.location?.bbox?.min).toEqual([20, 0, 0]);
      expect(r.findings.find((f) => f.code === 'MULTIPLE_BODIES')?.details?.bodies).toBe(2);
    });

    it('says nothing about a single ordinary part', () => {
      const r = analyze(box(40, 30, 20), { process: 'mjf' });
      expect(r.findings).toEqual([]);
    });
  });
});
