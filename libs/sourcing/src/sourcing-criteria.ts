import type { EligibilityCriteria } from '@partsmith/factories';
import type { GeometryReport } from '@partsmith/geometry';
import { DEFAULT_CATALOG, toleranceAt } from '@partsmith/pricing';

/** What eligibility needs to know of a job line, read from the job line, its order and its part revision. */
export interface JobFacts {
  configuration: { process: string; material: string; finish?: string | null; tolerance?: string | null };
  requiredCertificates: readonly string[];
  exportControlled: boolean;
  dueDate: Date;
  deliveryCountry: string | null;
  payoutMinor: number;
  analysis: Pick<GeometryReport, 'bbox' | 'volumeMm3'> | null;
}

/**
 * The job line as eligibility criteria. Tolerance is the ± of the ordered ISO class at the part's largest
 * dimension; mass is volume × the material's density (both from the default catalog, which is where the
 * codes come from). Certificates must be valid on the due date.
 */
export function criteriaFor(job: JobFacts): EligibilityCriteria {
  const size = job.analysis ? Math.max(...job.analysis.bbox.size) : null;
  const tolerance = DEFAULT_CATALOG.tolerances.find((t) => t.code === job.configuration.tolerance);
  const material = DEFAULT_CATALOG.materials.find((m) => m.code === job.configuration.material);
  const [x, y, z] = job.analysis?.bbox.size ?? [0, 0, 0];
  return {
    process: job.configuration.process,
    material: job.configuration.material,
    finish: job.configuration.finish ?? null,
    certificates: [...job.requiredCertificates],
    on: job.dueDate.toISOString().slice(0, 10),
    partBox: job.analysis && x > 0 && y > 0 && z > 0 ? { xMm: x, yMm: y, zMm: z } : null,
    toleranceMm: tolerance && size !== null ? toleranceAt(tolerance, size) : null,
    partMassKg: material && job.analysis ? (job.analysis.volumeMm3 / 1_000) * material.densityGPerCm3 / 1_000 : null,
    jobValueMinor: job.payoutMinor,
    deliveryCountry: job.deliveryCountry,
    itarControlled: job.exportControlled,
  };
}
