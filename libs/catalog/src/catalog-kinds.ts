import type { PricingCatalog } from '@partsmith/pricing';

/** Catalog row kinds and the PricingCatalog list each one fills. */
export const CATALOG_KINDS = {
  process: 'processes',
  material: 'materials',
  finish: 'finishes',
  tolerance: 'tolerances',
  inspection: 'inspections',
  lead_tier: 'leadTiers',
} as const satisfies Record<string, keyof PricingCatalog>;

export type CatalogKind = keyof typeof CATALOG_KINDS;

/** Global pricing settings: everything in PricingCatalog that is not a list of entries. */
export type PricingSettings = Pick<PricingCatalog, 'gridIntensityKgPerKwh' | 'shippingKgPerTonneKm' | 'packagingMassFactor' | 'marginRate' | 'platformFeeRate'>;

/** What a JSON value may look like: its type, and for objects the fields seen and which every example had. */
export type Shape =
  | { type: 'number' | 'string' | 'boolean' | 'null' }
  | { type: 'array'; item?: Shape }
  | { type: 'object'; fields: Record<string, Shape>; required: string[]; open?: boolean };

function typeOf(value: unknown): Shape['type'] {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : (typeof value as Shape['type']);
}

/**
 * Learns the shape of a kind's specs from its existing entries: a field any entry has is allowed, a field
 * every entry has is required. Objects whose keys are data (e.g. prices by process code) stay open.
 */
export function learnShape(examples: unknown[]): Shape {
  const type = typeOf(examples[0]);
  if (type === 'array') {
    const items = examples.flatMap((example) => example as unknown[]);
    return { type, item: items.length ? learnShape(items) : undefined };
  }
  if (type !== 'object') return { type } as Shape;
  const objects = examples as Array<Record<string, unknown>>;
  const keys = [...new Set(objects.flatMap((object) => Object.keys(object)))];
  const open = keys.some((key) => !/^[a-z][A-Za-z0-9]*$/.test(key)); // keys like "cnc_turning" or "DE" are data
  const fields: Record<string, Shape> = {};
  for (const key of keys) fields[key] = learnShape(objects.filter((object) => key in object).map((object) => object[key]));
  return { type, fields, required: keys.filter((key) => objects.every((object) => key in object)), open };
}

/** The first way `value` does not fit `shape`, in words, or undefined. Numbers must be finite and ≥ 0. */
export function shapeDifference(shape: Shape, value: unknown, path = 'spec'): string | undefined {
  const actual = typeOf(value);
  if (shape.type !== actual) return `${path} must be ${shape.type === 'object' ? 'an object' : shape.type === 'array' ? 'a list' : `a ${shape.type}`} (got ${actual})`;
  if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) return `${path} must be a finite number ≥ 0 (got ${value})`;
  if (shape.type === 'array') {
    if (!shape.item) return undefined;
    for (const [i, item] of (value as unknown[]).entries()) {
      const difference = shapeDifference(shape.item, item, `${path}[${i}]`);
      if (difference) return difference;
    }
  }
  if (shape.type === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of shape.required) if (!(key in object)) return `${path}.${key} is missing`;
    for (const [key, fieldValue] of Object.entries(object)) {
      const field = shape.fields[key] ?? (shape.open ? Object.values(shape.fields)[0] : undefined);
      if (!field) return `${path}.${key} is not a field of this kind of entry`;
      const difference = shapeDifference(field, fieldValue, `${path}.${key}`);
      if (difference) return difference;
    }
  }
  return undefined;
}
