import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeMesh } from '../analysis/analyze-mesh';
import { GeometryParseError } from '../geometry.errors';
import { parseMesh } from '../parse-mesh';
import { stepBox } from '../__fixtures__/step-box';
import { parseStep } from './step.parser';

describe('STEP import (OpenCascade in a child process)', () => {
  it('triangulates a B-rep box and measures its volume within 0.5 %', async () => {
    const mesh = await parseMesh(Buffer.from(stepBox([40, 25, 10])), 'bracket.step');
    const report = analyzeMesh(mesh);
    expect(report.format).toBe('step');
    expect(report.units).toBe('mm');
    expect(report.unitsDeclared).toBe(true);
    expect(Math.abs(report.volumeMm3 - 40 * 25 * 10) / 10_000).toBeLessThan(0.005);
    expect(report.surfaceAreaMm2).toBeCloseTo(2 * (40 * 25 + 40 * 10 + 25 * 10), 1);
    expect(report.watertight).toBe(true);
    expect(report.bbox.size).toEqual([40, 25, 10]);
  });

  it('converts a box declared in inches to millimetres', async () => {
    const mesh = await parseMesh(Buffer.from(stepBox([2, 1, 1], 'inch')), 'part.stp');
    const report = analyzeMesh(mesh, { units: 'm' }); // the override must not apply: the file declares its unit
    expect(report.bbox.size[0]).toBeCloseTo(50.8, 3);
    expect(Math.abs(report.volumeMm3 - 2 * 25.4 ** 3 * 1) / (2 * 25.4 ** 3)).toBeLessThan(0.005);
  });

  it('reads IGES through the same kernel (the 10 mm cube that ships with occt-import-js)', async () => {
    const file = require.resolve('occt-import-js/test/testfiles/cube-10x10mm/Cube 10x10.igs');
    const report = analyzeMesh(await parseMesh(readFileSync(file), 'Cube 10x10.igs'));
    expect(report.format).toBe('iges');
    expect(Math.abs(report.volumeMm3 - 1000) / 1000).toBeLessThan(0.005);
  });

  it('rejects text that is not STEP with the typed error, without starting the kernel', async () => {
    await expect(parseStep(Buffer.from('solid nope'), 'step')).rejects.toMatchObject({ code: 'STEP_INVALID' });
    await expect(parseMesh(Buffer.from('not an iges file at all'), 'x.igs')).rejects.toMatchObject({ code: 'STEP_INVALID' });
  });

  it('reports a damaged STEP file as unreadable with a typed error', async () => {
    const garbage = Buffer.from('ISO-10303-21;\nHEADER;\nthis is not a schema\nDATA;\n#1=NONSENSE((;\nENDSEC;\n');
    const error = await parseMesh(garbage, 'broken.step').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeometryParseError);
    expect(['STEP_INVALID', 'NO_TRIANGLES']).toContain((error as GeometryParseError).code);
    expect((error as Error).message).toMatch(/STEP/);
  });

  it('kills a kernel that hangs once the time cap passes (a kernel left running would outlast the test timeout)', async () => {
    const error = await parseStep(Buffer.from(stepBox([1, 1, 1])), 'step', {
      timeoutMs: 700,
      childModulePath: path.join(__dirname, '..', '__fixtures__', 'hanging-step-child.js'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeometryParseError);
    expect((error as GeometryParseError).code).toBe('STEP_TIMEOUT');
  });

  it('reports a kernel that dies as a crash, not a hang', async () => {
    const error = await parseStep(Buffer.from(stepBox([1, 1, 1])), 'step', {
      timeoutMs: 10_000,
      childModulePath: path.join(__dirname, '..', '__fixtures__', 'crashing-step-child.js'),
    }).catch((e: unknown) => e);
    expect((error as GeometryParseError).code).toBe('STEP_CRASHED');
  });
});
