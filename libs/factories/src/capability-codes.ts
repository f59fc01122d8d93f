import { DEFAULT_CATALOG } from '@partsmith/pricing';

/**
 * Capability codes. Processes, materials and finishes are the catalog's codes (the same vocabulary quotes
 * use, so a quoted configuration can be matched against what factories declare), plus a few capabilities
 * factories may declare that the catalog does not price yet. Every profile, machine and search is
 * validated against these lists.
 */
const unique = (codes: string[]) => [...new Set(codes)];

export const PROCESS_CODES: readonly string[] = unique([
  ...DEFAULT_CATALOG.processes.map((process) => process.code),
  'sheet_punching',
  'waterjet',
  'die_casting',
]);

export const MATERIAL_CODES: readonly string[] = unique(DEFAULT_CATALOG.materials.map((material) => material.code));

export const FINISH_CODES: readonly string[] = unique([
  ...DEFAULT_CATALOG.finishes.map((finish) => finish.code),
  'passivated',
  'electropolished',
  'black_oxide',
  'painted',
  'sanded',
]);

export const CERTIFICATE_KINDS = ['iso_9001', 'as9100d', 'iso_13485', 'iatf_16949', 'iso_14001', 'itar_registration', 'other'] as const;

export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** The codes in `values` that are not in `allowed` (empty when all are known). */
export function unknownCodes(values: readonly string[], allowed: readonly string[]): string[] {
  const known = new Set(allowed);
  return values.filter((value) => !known.has(value));
}
