import { DEFAULT_CATALOG } from '@partsmith/pricing';

/**
 * Routings: how an awarded job line becomes operations on machine classes. Pure functions (no Nest, no
 * database) so they are property-tested on their own; the derivation is documented in the README's
 * "Production scheduling" section.
 */

/** One step of a routing: minutes are whole minutes; the setup happens in one working stretch, the run may pause. */
export interface RoutingOperation {
  /** e.g. "machining", "deburr", "inspection". */
  name: string;
  machineClass: string;
  setupMinutes: number;
  runMinutes: number;
}

/** Machine classes of the factory's machines, from their process codes. */
export const MACHINE_CLASS_OF_PROCESS: Readonly<Record<string, string>> = {
  cnc_milling_3axis: 'mill-3axis',
  cnc_milling_5axis: 'mill-5axis',
  cnc_turning: 'lathe',
  sheet_laser_bending: 'laser-cutter',
  sheet_punching: 'punch',
  waterjet: 'waterjet',
  fdm: 'printer-fdm',
  sla: 'printer-sla',
  sls: 'printer-sls',
  mjf: 'printer-mjf',
  dmls: 'printer-dmls',
  injection_molding: 'moulding-press',
  urethane_casting: 'casting-station',
  die_casting: 'die-casting-cell',
};

/** Classes a job's main operation may also use when the factory has none of its own class (a 5-axis mill runs 3-axis work). */
export const SUBSTITUTE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  'mill-3axis': ['mill-5axis'],
  'laser-cutter': ['waterjet', 'punch'],
};

/** Post-processing classes no machine declares: modelled as the factory's bench (people, with the factory calendar). */
export const BENCH_CLASSES = ['deburr', 'inspection', 'post-processing', 'press-brake', 'trimming'] as const;

/** Identical bench places per bench class (two people can deburr at once). */
export const BENCH_UNITS = 2;

/** Per-part and per-lot bench minutes (see the README for where they come from). */
export const BENCH_MINUTES = {
  deburrPerPart: 1.5,
  deburrLot: 10,
  inspectionLot: 20,
  inspectionPerPart: 0.5,
  postProcessingPerPart: 3,
  postProcessingLot: 15,
  trimmingPerPart: 0.5,
  trimmingLot: 10,
} as const;

/** Minutes per part assumed when neither the quote nor the caller gives machine hours. */
export const FALLBACK_MACHINE_MINUTES_PER_PART = 15;

export interface RoutingInput {
  process: string;
  quantity: number;
  /** Machine hours for the whole quantity (the pricing model's `breaks[].machineHours`, scaled to the quantity). */
  machineHoursTotal?: number | null;
  /** Setup and programming hours (the pricing model's figure, else the catalog's per-process setup + programming). */
  setupHours?: number | null;
  /** Share of sheet-metal machine time spent cutting (the rest is bending), from the model's cut/bend minutes. */
  sheetCutShare?: number | null;
}

export type ProcessFamily = 'cnc' | 'additive' | 'sheet' | 'molding';

export function processFamily(process: string): ProcessFamily {
  const family = DEFAULT_CATALOG.processes.find((p) => p.code === process)?.family;
  if (family === 'cnc' || family === 'additive' || family === 'sheet' || family === 'molding') return family;
  if (process === 'sheet_punching' || process === 'waterjet') return 'sheet';
  if (process === 'die_casting') return 'molding';
  throw new Error(`No routing for process "${process}": it is not a catalog process code`);
}

/** Catalog setup + programming hours of a process (what the pricing model charges per lot). */
export function catalogSetupHours(process: string): number {
  const entry = DEFAULT_CATALOG.processes.find((p) => p.code === process);
  return entry ? entry.setupHours + entry.programmingHours : 0.5;
}

const minutes = (value: number) => Math.max(1, Math.round(value));

/**
 * The routing of a job line. Machine time is the pricing model's (total for the quantity); the main
 * operation carries the lot's setup; bench steps scale with the quantity. Every duration is ≥ 1 minute.
 */
export function deriveRouting(input: RoutingInput): RoutingOperation[] {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw new Error(`quantity must be a positive integer (got ${input.quantity})`);
  const q = input.quantity;
  const machineMinutes =
    input.machineHoursTotal != null && Number.isFinite(input.machineHoursTotal) && input.machineHoursTotal > 0
      ? input.machineHoursTotal * 60
      : FALLBACK_MACHINE_MINUTES_PER_PART * q;
  const setup = minutes((input.setupHours ?? catalogSetupHours(input.process)) * 60);
  const main = MACHINE_CLASS_OF_PROCESS[input.process];
  const b = BENCH_MINUTES;
  switch (processFamily(input.process)) {
    case 'cnc':
      return [
        { name: 'machining', machineClass: main, setupMinutes: setup, runMinutes: minutes(machineMinutes) },
        { name: 'deburr', machineClass: 'deburr', setupMinutes: 0, runMinutes: minutes(b.deburrLot + b.deburrPerPart * q) },
        { name: 'inspection', machineClass: 'inspection', setupMinutes: 0, runMinutes: minutes(b.inspectionLot + b.inspectionPerPart * q) },
      ];
    case 'additive':
      return [
        { name: 'build', machineClass: main, setupMinutes: setup, runMinutes: minutes(machineMinutes) },
        { name: 'post-processing', machineClass: 'post-processing', setupMinutes: 0, runMinutes: minutes(b.postProcessingLot + b.postProcessingPerPart * q) },
      ];
    case 'sheet': {
      const cutShare = input.sheetCutShare != null && input.sheetCutShare > 0 && input.sheetCutShare <= 1 ? input.sheetCutShare : 0.6;
      const routing: RoutingOperation[] = [{ name: 'laser-cutting', machineClass: main ?? 'laser-cutter', setupMinutes: setup, runMinutes: minutes(machineMinutes * cutShare) }];
      if (cutShare < 1) routing.push({ name: 'bending', machineClass: 'press-brake', setupMinutes: 0, runMinutes: minutes(machineMinutes * (1 - cutShare)) });
      routing.push({ name: 'deburr', machineClass: 'deburr', setupMinutes: 0, runMinutes: minutes(b.deburrLot + b.deburrPerPart * q) });
      return routing;
    }
    case 'molding':
      return [
        { name: 'moulding', machineClass: main, setupMinutes: setup, runMinutes: minutes(machineMinutes) },
        { name: 'trimming', machineClass: 'trimming', setupMinutes: 0, runMinutes: minutes(b.trimmingLot + b.trimmingPerPart * q) },
      ];
  }
}

/** The bench resource id of a class no machine declares. */
export const benchId = (machineClass: string) => `bench:${machineClass}`;

/**
 * Where each operation of a routing runs in a factory with these machine classes: its own class when a
 * machine declares it, a substitute class, else the factory bench for that class.
 */
export function resolveMachineClass(machineClass: string, factoryClasses: ReadonlySet<string>): { machineClass: string; bench: boolean } {
  if (factoryClasses.has(machineClass)) return { machineClass, bench: false };
  const substitute = (SUBSTITUTE_CLASSES[machineClass] ?? []).find((c) => factoryClasses.has(c));
  if (substitute) return { machineClass: substitute, bench: false };
  return { machineClass, bench: true };
}

/** A year of working minutes: anything longer is a typo, not a plan. */
export const MAX_OPERATION_MINUTES = 525_600;

/** A factory admin's routing edit: a clear message for the first problem, or null. */
export function routingProblem(operations: RoutingOperation[]): { field: string; message: string } | null {
  if (operations.length === 0) return { field: 'operations', message: 'A routing needs at least one operation' };
  if (operations.length > 20) return { field: 'operations', message: `A routing has at most 20 operations (got ${operations.length})` };
  for (const [i, op] of operations.entries()) {
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(op.name)) return { field: `operations[${i}].name`, message: `"${op.name}" must be lower-case kebab, e.g. "deburr"` };
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(op.machineClass)) return { field: `operations[${i}].machineClass`, message: `"${op.machineClass}" must be a machine class such as "mill-3axis" or "deburr"` };
    for (const key of ['setupMinutes', 'runMinutes'] as const) {
      if (!Number.isInteger(op[key]) || op[key] < 0 || op[key] > MAX_OPERATION_MINUTES) return { field: `operations[${i}].${key}`, message: `${key} must be whole minutes between 0 and ${MAX_OPERATION_MINUTES} (got ${op[key]})` };
    }
    if (op.setupMinutes + op.runMinutes === 0) return { field: `operations[${i}]`, message: `Operation "${op.name}" takes no time; remove it instead` };
  }
  return null;
}
