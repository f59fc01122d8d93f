import type { ValueTransformer } from 'typeorm';

/** bigint columns come back from pg as strings; money stays within Number.MAX_SAFE_INTEGER minor units. */
export const bigintAsNumber: ValueTransformer = {
  from: (value: string | null) => (value === null || value === undefined ? value : Number(value)),
  to: (value: number | null) => value,
};
