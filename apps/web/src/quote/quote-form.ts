import type { RequestQuoteInput } from '../gql/graphql';

/** A catalog entry as the quote form needs it. */
export interface CatalogOption {
  kind: string;
  code: string;
  name: string;
  family?: string | null;
  processes?: readonly string[] | null;
  active: boolean;
}

export interface QuoteFormState {
  process: string;
  material: string;
  finish: string;
  tolerance: string;
  inspection: string;
  leadTier: string;
  quantitiesText: string;
}

export interface QuoteFormOptions {
  processes: CatalogOption[];
  materials: CatalogOption[];
  finishes: CatalogOption[];
  tolerances: CatalogOption[];
  inspections: CatalogOption[];
  leadTiers: CatalogOption[];
}

export const MAX_QUANTITY = 1_000_000;
export const MAX_BREAKS = 10;

/** What may be chosen for the form's current process: materials and finishes offered by that process. */
export function optionsFor(catalog: readonly CatalogOption[], process: string): QuoteFormOptions {
  const active = catalog.filter((item) => item.active);
  const of = (kind: string) => active.filter((item) => item.kind === kind);
  const offeredBy = (item: CatalogOption) => !item.processes || item.processes.length === 0 || item.processes.includes(process);
  return {
    processes: of('process'),
    materials: of('material').filter(offeredBy),
    finishes: of('finish').filter(offeredBy),
    tolerances: of('tolerance'),
    inspections: of('inspection'),
    leadTiers: of('lead_tier'),
  };
}

/** "1, 10,100" → [1, 10, 100] (sorted, without repeats); null when any entry is not a whole number in range. */
export function parseQuantities(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_BREAKS) return null;
  const values: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null;
    const value = Number(part);
    if (value < 1 || value > MAX_QUANTITY) return null;
    values.push(value);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * Moves the form to another process (or keeps it valid after the catalog loads): a material or finish the
 * process does not offer is replaced by its first offered one (finish: back to the default).
 */
export function normalize(state: QuoteFormState, catalog: readonly CatalogOption[]): QuoteFormState {
  const processes = catalog.filter((item) => item.active && item.kind === 'process');
  const process = processes.some((item) => item.code === state.process) ? state.process : (processes[0]?.code ?? '');
  const options = optionsFor(catalog, process);
  const keep = (value: string, list: CatalogOption[], fallback: string) => (value === '' || list.some((item) => item.code === value) ? value : fallback);
  return {
    ...state,
    process,
    material: options.materials.some((item) => item.code === state.material) ? state.material : (options.materials[0]?.code ?? ''),
    finish: keep(state.finish, options.finishes, ''),
    tolerance: keep(state.tolerance, options.tolerances, ''),
    inspection: keep(state.inspection, options.inspections, ''),
    leadTier: keep(state.leadTier, options.leadTiers, ''),
  };
}

/** The requestQuote input, or why the form cannot be sent yet. Empty selects mean "the catalog's default". */
export function toQuoteInput(partId: string, state: QuoteFormState): { input: RequestQuoteInput } | { problem: 'quantities' | 'process' | 'material' } {
  const quantities = parseQuantities(state.quantitiesText);
  if (!quantities) return { problem: 'quantities' };
  if (!state.process) return { problem: 'process' };
  if (!state.material) return { problem: 'material' };
  const optional = (value: string) => (value ? value : undefined);
  return {
    input: {
      partId,
      process: state.process,
      material: state.material,
      quantities,
      finish: optional(state.finish),
      tolerance: optional(state.tolerance),
      inspection: optional(state.inspection),
      leadTier: optional(state.leadTier),
    },
  };
}

/** Same request as before (the form re-renders without a change): no new quote revision is asked for. */
export function sameRequest(a: RequestQuoteInput | null, b: RequestQuoteInput): boolean {
  return !!a && JSON.stringify(a) === JSON.stringify(b);
}

export interface CostLine {
  line: string;
  label: string;
  amountMinor: number;
}

/** Cost lines with each one's share of the total (the bars of the breakdown); shares of a positive total sum to 1. */
export function breakdownShares(lines: readonly CostLine[]): Array<CostLine & { share: number }> {
  const total = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  return lines.map((line) => ({ ...line, share: total > 0 ? line.amountMinor / total : 0 }));
}
