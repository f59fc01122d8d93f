import * as path from 'node:path';
import { Command, Option } from 'commander';
import { analyzeFile, isGeometryParseError, type GeometryReport, type UnitOverride } from '@partsmith/geometry';
import {
  COST_LINES,
  COST_LINE_LABELS,
  DEFAULT_CATALOG,
  isPricingError,
  quote,
  resolveConfig,
  type PricingCatalog,
  type QuoteConfig,
  type QuotedResult,
  type ShippingMode,
} from '@partsmith/pricing';
import { commandIo, oneLine } from './cli-io';

const { fail, readInput } = commandIo('quote');

interface QuoteCommandOptions {
  process: string;
  material: string;
  qty: string;
  finish?: string;
  tolerance?: string;
  inspection?: string;
  lead?: string;
  units?: UnitOverride;
  region?: string;
  distance?: string;
  shipping?: ShippingMode;
  json?: boolean;
}

/** `partsmith quote <file>`: instant price per quantity with its cost breakdown, lead times, confidence and CO2e. */
export function registerQuoteCommand(program: Command): void {
  program
    .command('quote')
    .description('price a 3D file (STL, OBJ, 3MF, STEP, IGES) for a process and material, per quantity, with the default catalog')
    .argument('<file>', 'path to the 3D file')
    .requiredOption('--process <code>', `process: ${DEFAULT_CATALOG.processes.map((p) => p.code).join(', ')}`)
    .requiredOption('--material <code>', 'material code offered by the process (an unknown code lists them)')
    .requiredOption('--qty <list>', 'quantity breaks, comma-separated, e.g. 1,10,100')
    .option('--finish <code>', 'finish (default: the process default, e.g. as_machined)')
    .option('--tolerance <code>', `tolerance class: ${DEFAULT_CATALOG.tolerances.map((t) => t.code).join(', ')}`)
    .option('--inspection <code>', `inspection level: ${DEFAULT_CATALOG.inspections.map((i) => i.code).join(', ')}`)
    .option('--lead <tier>', `lead-time tier: ${DEFAULT_CATALOG.leadTiers.map((t) => t.code).join(', ')}`)
    .addOption(new Option('--units <unit>', 'units of a unitless file (STL, OBJ); files that declare a unit keep it').choices(['mm', 'cm', 'm', 'in']))
    .option('--region <code>', 'grid region of the factory for the CO2e estimate (e.g. DE, FR, CN; default EU)')
    .option('--distance <km>', 'shipping distance for the CO2e estimate, km (default 800)')
    .addOption(new Option('--shipping <mode>', 'shipping mode for the CO2e estimate').choices(['road', 'rail', 'sea', 'air']))
    .option('--json', 'print one JSON object instead of a table')
    .action(async (file: string, options: QuoteCommandOptions) => {
      const catalog = DEFAULT_CATALOG;
      const quantities = parseQuantities(options.qty);
      if (!quantities) return;
      const distance = options.distance === undefined ? undefined : Number(options.distance);
      if (distance !== undefined && !(Number.isFinite(distance) && distance >= 0)) return void fail(`--distance "${options.distance}" is not a distance in km (a number ≥ 0).`);
      const config: QuoteConfig = {
        process: options.process,
        material: options.material,
        finish: options.finish,
        tolerance: options.tolerance,
        inspection: options.inspection,
        leadTier: options.lead,
        quantities,
      };
      let geometryProcess;
      try {
        geometryProcess = resolveConfig(config, catalog).process.geometryProcess; // fail on bad codes before reading the file
      } catch (error) {
        return void fail(isPricingError(error) ? error.message : oneLine(error));
      }
      const bytes = readInput(file);
      if (!bytes) return;
      let report: GeometryReport;
      try {
        report = await analyzeFile(bytes, path.basename(file), { units: options.units, process: geometryProcess });
      } catch (error) {
        return void fail(isGeometryParseError(error) ? `${file}: ${error.message}` : `${file}: could not be analysed (${oneLine(error)})`);
      }
      try {
        const result = quote({ geometry: report, config, catalog, factory: { region: options.region, shippingDistanceKm: distance, shippingMode: options.shipping } });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ file, units: report.units, geometry: geometrySummary(report), quote: result })}\n`);
          if (result.status !== 'quoted') process.exitCode = 1;
          return;
        }
        if (result.status !== 'quoted') {
          return void fail(`${file} cannot be made by ${options.process} in ${options.material}: ${result.reasons.map((r) => r.message).join(' ')}`);
        }
        process.stdout.write(table(file, report, result, catalog));
      } catch (error) {
        fail(isPricingError(error) ? `${file}: ${error.message}` : `${file}: could not be priced (${oneLine(error)})`);
      }
    });
}

function parseQuantities(list: string): number[] | null {
  const parts = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) return fail(`--qty "${list}" holds no quantity; give e.g. --qty 1,10,100.`);
  const bad = parts.find((s) => !/^\d+$/.test(s) || Number(s) < 1);
  if (bad !== undefined) return fail(`--qty: "${bad}" is not a positive whole number of parts; give e.g. --qty 1,10,100.`);
  return parts.map(Number);
}


function geometrySummary(r: GeometryReport) {
  return { volumeMm3: r.volumeMm3, surfaceAreaMm2: r.surfaceAreaMm2, bboxMm: r.bbox.size, obbMm: r.obb.size, triangles: r.triangles, watertight: r.watertight, findings: r.findings.map((f) => f.code) };
}

function table(file: string, report: GeometryReport, q: QuotedResult, catalog: PricingCatalog): string {
  const name = <T extends { code: string; name: string }>(rows: T[], code: string) => rows.find((r) => r.code === code)?.name ?? code;
  const money = (minor: number) => `${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const dims = report.obb.size.map((v) => Number(v.toFixed(1))).join(' × ');
  const pad = (s: string, n: number) => s.padStart(n);
  const lines = [
    `${file}: ${dims} mm, ${(report.volumeMm3 / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} cm³`,
    `${name(catalog.processes, q.process)} · ${name(catalog.materials, q.material)} · ${name(catalog.finishes, q.finish)} · ${name(catalog.tolerances, q.tolerance)} · ${name(catalog.inspections, q.inspection)} · ${name(catalog.leadTiers, q.leadTier)} lead time`,
    '',
    `${'Qty'.padStart(8)} ${pad(`Unit ${q.currency}`, 14)} ${pad(`Total ${q.currency}`, 16)} ${pad('Days', 6)} ${pad('kg CO2e/part', 13)}  Other lead times`,
  ];
  for (const b of q.breaks) {
    const others = b.leadTimes.filter((l) => !l.selected).map((l) => `${l.tier} ${l.businessDays} d @ ${money(l.unitPriceMinor)}`).join(', ');
    lines.push(`${pad(b.quantity.toLocaleString('en-US'), 8)} ${pad(money(b.unitPriceMinor), 14)} ${pad(money(b.totalMinor), 16)} ${pad(String(b.leadTimeDays), 6)} ${pad(b.carbon.perPartKg.toFixed(3), 13)}  ${others}`);
  }
  lines.push('', `Per-unit breakdown (${q.currency})`.padEnd(28) + q.breaks.map((b) => pad(`qty ${b.quantity.toLocaleString('en-US')}`, 12)).join(''));
  for (const line of COST_LINES) {
    if (q.breaks.every((b) => b.unitBreakdown[line] === 0)) continue;
    lines.push(`  ${COST_LINE_LABELS[line]}`.padEnd(28) + q.breaks.map((b) => pad(money(b.unitBreakdown[line]), 12)).join(''));
  }
  lines.push(`  ${'Unit price'}`.padEnd(28) + q.breaks.map((b) => pad(money(b.unitPriceMinor), 12)).join(''));
  lines.push('', `Confidence ${q.confidence.score.toFixed(2)}${q.confidence.needsReview ? ' — below the review threshold: an operator would check this price' : ''}`);
  for (const r of q.confidence.reasons) lines.push(`  × ${r.factor}  ${r.message}`);
  lines.push('Assumptions');
  for (const a of q.assumptions) lines.push(`  - ${a}`);
  const c = q.breaks[0].carbon;
  lines.push(`CO2e at qty ${q.breaks[0].quantity}: ${c.totalKg} kg (material ${c.materialKg}, energy ${c.processEnergyKg} at ${c.gridKgPerKwh} kg/kWh in ${c.gridRegion}, finishing ${c.finishingKg}, shipping ${c.shippingKg} by ${c.shippingMode} over ${c.shippingDistanceKm} km)`);
  return `${lines.join('\n')}\n`;
}
