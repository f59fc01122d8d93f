import * as path from 'node:path';
import { Command, Option } from 'commander';
import { analyzeFile, isGeometryParseError, PROCESS_RULES, type GeometryReport, type ManufacturingProcess, type UnitOverride } from '@partsmith/geometry';
import { commandIo, oneLine } from './cli-io';

const { fail, readInput } = commandIo('analyze');

interface AnalyzeCommandOptions {
  units?: UnitOverride;
  process?: ManufacturingProcess;
  json?: boolean;
}

/** `partsmith analyze <file>`: geometry metrics and manufacturability findings for a 3D file. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('measure a 3D file (STL, OBJ, 3MF, STEP, IGES) and check it for manufacturability')
    .argument('<file>', 'path to the 3D file')
    .addOption(new Option('--units <unit>', 'units of a unitless file (STL, OBJ); files that declare a unit keep it').choices(['mm', 'cm', 'm', 'in']))
    .addOption(new Option('--process <process>', 'manufacturing process whose design rules to check').choices(Object.keys(PROCESS_RULES)))
    .option('--json', 'print one JSON object instead of a summary')
    .action(async (file: string, options: AnalyzeCommandOptions) => {
      const bytes = readInput(file);
      if (!bytes) return;
      try {
        const report = await analyzeFile(bytes, path.basename(file), { units: options.units, process: options.process });
        process.stdout.write(options.json ? `${JSON.stringify(toJson(report))}\n` : humanSummary(file, report, options));
      } catch (error) {
        fail(isGeometryParseError(error) ? `${file}: ${error.message}` : `${file}: could not be analysed (${oneLine(error)})`);
      }
    });
}


function toJson(report: GeometryReport) {
  const { findings, ...rest } = report;
  return {
    ...rest,
    warnings: findings.map(({ code, severity, message, location, details }) => ({ code, severity, message, ...(location ? { location } : {}), ...(details ? { details } : {}) })),
  };
}

const FORMAT_NAMES: Record<GeometryReport['format'], string> = {
  'stl-binary': 'binary STL',
  'stl-ascii': 'ASCII STL',
  obj: 'OBJ',
  '3mf': '3MF',
  step: 'STEP',
  iges: 'IGES',
};

function humanSummary(file: string, r: GeometryReport, options: AnalyzeCommandOptions): string {
  const n = (v: number, digits = 2) => v.toLocaleString('en-US', { maximumFractionDigits: digits });
  const dims = (v: number[]) => v.map((x) => n(x)).join(' × ');
  const unitNote = r.unitsDeclared ? 'declared by the file' : options.units ? 'from --units' : 'assumed; use --units to change';
  const lines = [
    `${file}: ${FORMAT_NAMES[r.format]}, ${n(r.triangles, 0)} triangles, units ${r.units} (${unitNote})`,
    `  Volume          ${n(r.volumeMm3)} mm³ (${n(r.volumeMm3 / 1000, 3)} cm³)`,
    `  Surface area    ${n(r.surfaceAreaMm2)} mm²`,
    `  Bounding box    ${dims(r.bbox.size)} mm  (from ${dims(r.bbox.min)} to ${dims(r.bbox.max)})`,
    `  Oriented box    ${dims(r.obb.size)} mm`,
    `  Centre of mass  ${dims(r.centerOfMassMm)} mm`,
    `  Shells          ${r.shells}${r.cavities ? ` (${r.cavities} internal void${r.cavities === 1 ? '' : 's'})` : ''}, ${r.watertight ? 'watertight' : 'NOT watertight'}`,
    `  Edges           ${n(r.boundaryEdges, 0)} open, ${n(r.nonManifoldEdges, 0)} non-manifold, ${n(r.inconsistentWindingEdges, 0)} with inconsistent winding; ${n(r.degenerateFaces, 0)} degenerate faces`,
  ];
  if (r.findings.length === 0) {
    lines.push(options.process ? `  No manufacturability problems found for ${options.process}.` : '  No problems found (add --process to check process rules).');
  } else {
    lines.push('  Findings:');
    for (const f of r.findings) lines.push(`    [${f.severity}] ${f.code}: ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}
