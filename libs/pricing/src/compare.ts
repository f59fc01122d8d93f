import type { PricingCatalog } from './catalog/catalog.types';
import { PricingError } from './pricing.errors';
import type { CapacityHint, FactoryContext, NotManufacturable, PricingGeometry, QuotedResult } from './pricing.types';
import { quote } from './quote';

export interface CompareOptions {
  /** `cheapest` (default): one option per process, its cheapest material; `all`: every process × material. */
  materials?: 'cheapest' | 'all';
  /** Only these processes (default: every process in the catalog). */
  processes?: string[];
  /** Applied to every process; when omitted each process uses its own default tolerance. */
  tolerance?: string;
  inspection?: string;
  leadTier?: string;
  /** Quantity whose unit price ranks the options (default: the smallest quantity asked for). */
  rankAtQuantity?: number;
  factory?: FactoryContext;
  capacity?: CapacityHint;
}

export interface IncompatibleProcess {
  process: string;
  /** Set when only this material failed (with `materials: 'all'`). */
  material?: string;
  reasons: Array<{ code: NotManufacturable['reasons'][number]['code'] | 'NO_MATERIALS'; message: string }>;
}

export interface ProcessComparison {
  /** Cheapest first, by unit price at `rankAtQuantity`. */
  options: QuotedResult[];
  incompatible: IncompatibleProcess[];
  rankedAtQuantity: number;
}

/**
 * "What is the cheapest way to make this?" — quotes the part on every process and material the catalog offers
 * (default finish; the given or default tolerance, inspection and lead tier) and ranks the results by price.
 * Processes that cannot make it are listed with their reasons.
 */
export function compareProcesses(geometry: PricingGeometry, catalog: PricingCatalog, quantities: number[], options: CompareOptions = {}): ProcessComparison {
  const processes = options.processes
    ? options.processes.map((code) => {
        const p = catalog.processes.find((x) => x.code === code);
        if (!p) throw new PricingError('UNKNOWN_PROCESS', `Unknown process "${code}". Known processes: ${catalog.processes.map((x) => x.code).join(', ')}.`);
        return p;
      })
    : catalog.processes;
  const quoted: QuotedResult[] = [];
  const incompatible: IncompatibleProcess[] = [];
  let rankedAtQuantity = options.rankAtQuantity ?? 0;

  for (const process of processes) {
    const materials = catalog.materials.filter((m) => m.processes.includes(process.code));
    if (materials.length === 0) {
      incompatible.push({ process: process.code, reasons: [{ code: 'NO_MATERIALS', message: `The catalog offers no material for ${process.name}.` }] });
      continue;
    }
    const forProcess: QuotedResult[] = [];
    const failures: NotManufacturable[] = [];
    for (const material of materials) {
      const result = quote({
        geometry,
        catalog,
        config: { process: process.code, material: material.code, tolerance: options.tolerance, inspection: options.inspection, leadTier: options.leadTier, quantities },
        factory: options.factory,
        capacity: options.capacity,
      });
      if (result.status === 'quoted') forProcess.push(result);
      else failures.push(result);
    }
    if (!rankedAtQuantity) rankedAtQuantity = forProcess[0]?.breaks[0].quantity ?? 0;
    if (forProcess.length === 0) {
      incompatible.push({ process: process.code, reasons: failures[0].reasons });
      continue;
    }
    if (options.materials === 'all') {
      quoted.push(...forProcess);
      incompatible.push(...failures.map((f) => ({ process: f.process, material: f.material, reasons: f.reasons })));
    } else {
      quoted.push(forProcess.reduce((best, r) => (unitAt(r, rankedAtQuantity) < unitAt(best, rankedAtQuantity) ? r : best)));
    }
  }
  quoted.sort((a, b) => unitAt(a, rankedAtQuantity) - unitAt(b, rankedAtQuantity) || a.process.localeCompare(b.process) || a.material.localeCompare(b.material));
  return { options: quoted, incompatible, rankedAtQuantity: rankedAtQuantity || Math.min(...quantities) };
}

function unitAt(result: QuotedResult, quantity: number): number {
  const exact = result.breaks.find((b) => b.quantity === quantity);
  if (exact) return exact.unitPriceMinor;
  const below = result.breaks.filter((b) => b.quantity <= quantity);
  return (below.length ? below[below.length - 1] : result.breaks[0]).unitPriceMinor;
}
