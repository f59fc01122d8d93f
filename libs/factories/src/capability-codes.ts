/**
 * Stable capability codes. The catalog context (processes, materials, finishes with their properties)
 * is a later issue; until it exists these lists are the vocabulary, and every profile, machine and search
 * is validated against them. The catalog will adopt the same codes.
 */
export const PROCESS_CODES = [
  'cnc_milling_3axis',
  'cnc_milling_5axis',
  'cnc_turning',
  'sheet_laser',
  'sheet_bending',
  'sheet_punching',
  'waterjet',
  'fdm',
  'sla',
  'sls',
  'mjf',
  'dmls',
  'injection_molding',
  'urethane_casting',
  'die_casting',
] as const;

export const MATERIAL_CODES = [
  'al_6061',
  'al_7075',
  'al_5052',
  'ss_304',
  'ss_316l',
  'steel_1018',
  'steel_4140',
  'ti_6al4v',
  'brass_c360',
  'copper_c101',
  'inconel_718',
  'abs',
  'pla',
  'petg',
  'pc',
  'pom',
  'peek',
  'pa12',
  'pa12_gf',
  'pa11',
  'tpu',
  'pp',
  'standard_resin',
  'tough_resin',
  'pu_shore_a',
] as const;

export const FINISH_CODES = [
  'as_machined',
  'bead_blasted',
  'anodized_type2',
  'anodized_type3',
  'powder_coated',
  'passivated',
  'electropolished',
  'black_oxide',
  'zinc_plated',
  'polished',
  'vapor_smoothed',
  'dyed',
  'painted',
  'sanded',
] as const;

export const CERTIFICATE_KINDS = ['iso_9001', 'as9100d', 'iso_13485', 'iatf_16949', 'iso_14001', 'itar_registration', 'other'] as const;

export type ProcessCode = (typeof PROCESS_CODES)[number];
export type MaterialCode = (typeof MATERIAL_CODES)[number];
export type FinishCode = (typeof FINISH_CODES)[number];
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** The codes in `values` that are not in `allowed` (empty when all are known). */
export function unknownCodes(values: readonly string[], allowed: readonly string[]): string[] {
  const known = new Set(allowed);
  return values.filter((value) => !known.has(value));
}
