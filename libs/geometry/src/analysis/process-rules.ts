import type { ManufacturingProcess, ProcessRules } from '../geometry.types';

/**
 * Default design rules per process: conservative figures from common service-bureau guidelines for a typical
 * machine of each kind. Override per machine with `AnalyzeOptions.rules`.
 */
export const PROCESS_RULES: Record<ManufacturingProcess, ProcessRules> = {
  fdm: { minWallMm: 0.8, minFeatureMm: 1.0, needsSupports: true, maxOverhangDeg: 45, envelopeMm: [250, 210, 210] },
  sla: { minWallMm: 0.5, minFeatureMm: 0.3, needsSupports: true, maxOverhangDeg: 30, envelopeMm: [145, 145, 175] },
  sls: { minWallMm: 0.7, minFeatureMm: 0.8, needsSupports: false, maxOverhangDeg: 90, envelopeMm: [340, 340, 600] },
  mjf: { minWallMm: 0.6, minFeatureMm: 0.5, needsSupports: false, maxOverhangDeg: 90, envelopeMm: [380, 284, 380] },
  dmls: { minWallMm: 0.4, minFeatureMm: 0.3, needsSupports: true, maxOverhangDeg: 45, envelopeMm: [250, 250, 325] },
  cnc: { minWallMm: 0.8, minFeatureMm: 0.5, needsSupports: false, maxOverhangDeg: 90, envelopeMm: [1000, 500, 500] },
  injection_molding: { minWallMm: 0.8, minFeatureMm: 0.5, needsSupports: false, maxOverhangDeg: 90, envelopeMm: [600, 500, 300] },
};

/** Rules when no process is named: a generic wall check, nothing process-specific. */
export const GENERIC_RULES: ProcessRules = {
  minWallMm: 0.5,
  minFeatureMm: 0.3,
  needsSupports: false,
  maxOverhangDeg: 90,
  envelopeMm: [Infinity, Infinity, Infinity],
};

export const PROCESS_NAMES: Record<ManufacturingProcess, string> = {
  fdm: 'FDM',
  sla: 'SLA',
  sls: 'SLS',
  mjf: 'MJF',
  dmls: 'DMLS',
  cnc: 'CNC machining',
  injection_molding: 'injection moulding',
};

export function resolveRules(process: ManufacturingProcess | undefined, overrides: Partial<ProcessRules> = {}): ProcessRules {
  return { ...(process ? PROCESS_RULES[process] : GENERIC_RULES), ...overrides };
}
