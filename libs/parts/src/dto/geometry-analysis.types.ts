import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { Finding, GeometryReport } from '@partsmith/geometry';

@ObjectType('Box3')
export class Box3 {
  @Field(() => [Float], { description: 'mm' })
  min: number[];

  @Field(() => [Float], { description: 'mm' })
  max: number[];

  @Field(() => [Float], { description: 'mm' })
  size: number[];
}

@ObjectType()
export class OrientedBox {
  @Field(() => [Float])
  center: number[];

  @Field(() => [[Float]], { description: 'Three orthonormal axes, in the order of size' })
  axes: number[][];

  @Field(() => [Float], { description: 'mm' })
  size: number[];
}

@ObjectType()
export class FindingDetail {
  @Field(() => String)
  key: string;

  @Field(() => String)
  value: string;
}

@ObjectType({ description: 'A design-for-manufacturing finding on the part' })
export class DfmFinding {
  @Field(() => String, { description: 'e.g. NOT_WATERTIGHT, THIN_WALL, OVERHANG, SUSPICIOUS_SIZE' })
  code: string;

  @Field(() => String, { description: 'info | warning | error' })
  severity: string;

  @Field(() => String)
  message: string;

  @Field(() => Box3, { nullable: true, description: 'Where on the part' })
  region: Box3 | null;

  @Field(() => [Float], { nullable: true })
  centroidMm: number[] | null;

  @Field(() => Float, { nullable: true })
  areaMm2: number | null;

  @Field(() => [FindingDetail])
  details: FindingDetail[];

  static from(finding: Finding): DfmFinding {
    const bbox = finding.location?.bbox;
    return Object.assign(new DfmFinding(), {
      code: finding.code,
      severity: finding.severity,
      message: finding.message,
      region: bbox ? { min: bbox.min, max: bbox.max, size: bbox.max.map((v, i) => v - bbox.min[i]) } : null,
      centroidMm: finding.location?.centroidMm ?? null,
      areaMm2: finding.location?.areaMm2 ?? null,
      details: Object.entries(finding.details ?? {}).map(([key, value]) => ({ key, value: String(value) })),
    });
  }
}

@ObjectType({ description: 'What the platform understood of the file, in millimetres' })
export class GeometryAnalysis {
  @Field(() => String)
  format: string;

  @Field(() => String, { description: 'Unit the coordinates were read in' })
  units: string;

  @Field(() => Boolean, { description: 'Whether the file declared its unit' })
  unitsDeclared: boolean;

  @Field(() => Int)
  triangles: number;

  @Field(() => Float)
  volumeMm3: number;

  @Field(() => Float)
  surfaceAreaMm2: number;

  @Field(() => Box3)
  bbox: Box3;

  @Field(() => OrientedBox)
  orientedBox: OrientedBox;

  @Field(() => [Float])
  centerOfMassMm: number[];

  @Field(() => Int)
  shells: number;

  @Field(() => Int)
  cavities: number;

  @Field(() => Boolean)
  watertight: boolean;

  @Field(() => Int)
  nonManifoldEdges: number;

  @Field(() => Int)
  inconsistentWindingEdges: number;

  @Field(() => Int)
  degenerateFaces: number;

  @Field(() => [DfmFinding])
  findings: DfmFinding[];

  static from(report: GeometryReport): GeometryAnalysis {
    return Object.assign(new GeometryAnalysis(), {
      format: report.format,
      units: report.units,
      unitsDeclared: report.unitsDeclared,
      triangles: report.triangles,
      volumeMm3: report.volumeMm3,
      surfaceAreaMm2: report.surfaceAreaMm2,
      bbox: report.bbox,
      orientedBox: report.obb,
      centerOfMassMm: report.centerOfMassMm,
      shells: report.shells,
      cavities: report.cavities,
      watertight: report.watertight,
      nonManifoldEdges: report.nonManifoldEdges,
      inconsistentWindingEdges: report.inconsistentWindingEdges,
      degenerateFaces: report.degenerateFaces,
      findings: report.findings.map((finding) => DfmFinding.from(finding)),
    });
  }
}
